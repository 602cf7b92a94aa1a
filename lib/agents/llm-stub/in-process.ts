/**
 * The LLM stub inside this server process, for providers of kind `stub`: started on a free
 * port of 127.0.0.1 on first use, with the built-in scripts and demo tools, and kept for the
 * life of the process (on globalThis, so Next's dev reload does not start a second).
 * Tool URLs written `stub:/tools/<name>` point at it.
 */
import { BUILTIN_SCRIPTS, DEMO_TOOL_REPLIES } from './builtin-scripts';
import { startLlmStub, type LlmStub } from './stub-server';

const holder = globalThis as typeof globalThis & { __batonLlmStub?: Promise<LlmStub> };

export function inProcessStub(): Promise<LlmStub> {
  holder.__batonLlmStub ??= startLlmStub({ scripts: BUILTIN_SCRIPTS, toolReplies: DEMO_TOOL_REPLIES });
  return holder.__batonLlmStub;
}

export async function inProcessStubUrl(): Promise<string> {
  return (await inProcessStub()).url;
}

export const STUB_URL_PREFIX = 'stub:';

/** `stub:/tools/x` → the in-process stub's URL; any other URL unchanged. */
export async function resolveStubUrl(url: string): Promise<string> {
  if (!url.startsWith(STUB_URL_PREFIX)) return url;
  return `${await inProcessStubUrl()}${url.slice(STUB_URL_PREFIX.length)}`;
}
