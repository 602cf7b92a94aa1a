/**
 * The LLM stub: a small OpenAI-compatible HTTP server that replies from scripted conversations.
 * It is NOT a model — it lets a fresh install (no keys, no network) and the tests run agent tasks.
 *
 * Contract
 * - `POST /v1/chat/completions` (non-streaming): the script named by the request's `model`
 *   picks the reply. A script is a list of steps or a function of the request; the step index is
 *   the number of assistant messages already in the conversation (the stub keeps no state).
 *   A step says text (`say`), asks for tool calls (`call`), waits first (`delayMs`), or answers
 *   an HTTP error (`status`). Past the end of a list the last step repeats.
 * - Usage is counted as characters / 4 (prompt and completion), so budgets can be tested.
 * - `POST /tools/<name>` answers the demo tools of the seeded examples (DEMO_TOOL_REPLIES).
 * - Every request is kept in `requests` (tests assert on what reached the server).
 * - Replies name themselves: `model: "llm-stub/<script>"`, `system_fingerprint: "baton-llm-stub"`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubToolCall = { name: string; arguments: Record<string, unknown> };
export type StubStep = { say: string; delayMs?: number } | { call: StubToolCall[]; delayMs?: number } | { status: number; body?: string; delayMs?: number };
export type StubMessage = { role: string; content?: unknown; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string };
export type StubRequest = { model: string; messages: StubMessage[]; tools?: { function: { name: string } }[] };
export type StubScript = StubStep[] | ((request: StubRequest, turn: number) => StubStep);
export type RecordedRequest = { path: string; body: unknown; headers: IncomingMessage['headers'] };

export type LlmStub = { url: string; requests: RecordedRequest[]; scripts: Map<string, StubScript>; stop: () => Promise<void> };

export const STUB_FINGERPRINT = 'baton-llm-stub';

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String((part as { text: unknown }).text) : '')).join('');
  return '';
}

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  // No keep-alive: a client reusing a socket the server just closed as idle gets ECONNRESET.
  response.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

let callCounter = 0;

function completion(request: StubRequest, step: Exclude<StubStep, { status: number }>) {
  const promptTokens = tokens(request.messages.map((m) => textOf(m.content) + JSON.stringify(m.tool_calls ?? '')).join('\n'));
  const created = Math.floor(Date.now() / 1000);
  if ('say' in step) {
    return {
      id: `stub-${++callCounter}`,
      object: 'chat.completion',
      created,
      model: `llm-stub/${request.model}`,
      system_fingerprint: STUB_FINGERPRINT,
      choices: [{ index: 0, message: { role: 'assistant', content: step.say }, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: tokens(step.say), total_tokens: promptTokens + tokens(step.say) },
    };
  }
  const toolCalls = step.call.map((call) => ({ id: `call_${++callCounter}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
  const completionTokens = tokens(JSON.stringify(toolCalls));
  return {
    id: `stub-${++callCounter}`,
    object: 'chat.completion',
    created,
    model: `llm-stub/${request.model}`,
    system_fingerprint: STUB_FINGERPRINT,
    choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: toolCalls }, finish_reason: 'tool_calls' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

function pickStep(script: StubScript, request: StubRequest): StubStep {
  const turn = request.messages.filter((m) => m.role === 'assistant').length;
  if (typeof script === 'function') return script(request, turn);
  return script[Math.min(turn, script.length - 1)];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLlmStub(options: { scripts?: Record<string, StubScript>; port?: number; host?: string; toolReplies?: Record<string, unknown> } = {}): Promise<LlmStub> {
  const scripts = new Map(Object.entries(options.scripts ?? {}));
  const requests: RecordedRequest[] = [];
  const toolReplies = options.toolReplies ?? {};
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await readBody(request);
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        /* kept as text */
      }
      const path = (request.url ?? '/').split('?')[0];
      requests.push({ path, body, headers: request.headers });
      if (request.method === 'GET' && path === '/v1/models') {
        return send(response, 200, { object: 'list', data: [...scripts.keys()].map((id) => ({ id, object: 'model', owned_by: STUB_FINGERPRINT })) });
      }
      if (request.method === 'POST' && path.startsWith('/tools/')) {
        const name = decodeURIComponent(path.slice('/tools/'.length));
        if (!(name in toolReplies)) return send(response, 404, { error: `the stub has no demo tool ${name}` });
        return send(response, 200, toolReplies[name]);
      }
      if (request.method !== 'POST' || path !== '/v1/chat/completions') return send(response, 404, { error: { message: `the LLM stub does not serve ${request.method} ${path}` } });
      const chat = body as StubRequest;
      const script = scripts.get(chat.model);
      if (script === undefined) return send(response, 404, { error: { message: `the LLM stub has no scripted conversation named "${chat.model}" (it knows: ${[...scripts.keys()].join(', ') || 'none'})` } });
      const step = pickStep(script, chat);
      if (step.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      if (response.destroyed) return;
      if ('status' in step) return send(response, step.status, step.body ?? { error: { message: 'scripted error' } });
      send(response, 200, completion(chat, step));
    })().catch((error: unknown) => send(response, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    requests,
    scripts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The text of the first user message (the goal), for scripts that answer by it. */
export function goalOf(request: StubRequest): string {
  return textOf(request.messages.find((m) => m.role === 'user')?.content);
}

/** The tool results already in the conversation, by tool call id, parsed when JSON. */
export function toolResultsOf(request: StubRequest): unknown[] {
  return request.messages.filter((m) => m.role === 'tool').map((m) => {
    const text = textOf(m.content);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  });
}
