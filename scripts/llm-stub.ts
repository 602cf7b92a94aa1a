// `npm run llm:stub`: the scripted LLM stub (lib/agents/llm-stub) as a standalone
// OpenAI-compatible server — NOT a model. Point a provider of kind "openai-compatible" at
// http://127.0.0.1:<port>/v1 and name a script as the model (e.g. scripted-approval).
// The app does not need this: providers of kind "stub" start the same server in-process.
// PORT (default 4010) and HOST (default 127.0.0.1) choose where it listens.
import { BUILTIN_SCRIPTS, DEMO_TOOL_REPLIES } from '../lib/agents/llm-stub/builtin-scripts';
import { startLlmStub } from '../lib/agents/llm-stub/stub-server';

const port = Number(process.env.PORT ?? 4010);
const host = process.env.HOST ?? '127.0.0.1';
const stub = await startLlmStub({ port, host, scripts: BUILTIN_SCRIPTS, toolReplies: DEMO_TOOL_REPLIES });
console.log(`LLM stub (scripted replies, not a model) on ${stub.url}/v1 — scripts: ${Object.keys(BUILTIN_SCRIPTS).join(', ')}; demo tools: ${Object.keys(DEMO_TOOL_REPLIES).map((t) => `POST /tools/${t}`).join(', ')}`);
const stop = () => void stub.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
