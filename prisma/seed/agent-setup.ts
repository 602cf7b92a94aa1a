/**
 * What the seeded agent example (processes/agent-approval.bpmn) needs to run on a fresh
 * install with no keys and no network: the provider `llm-stub` (kind `stub`: the scripted LLM
 * stub started inside the server, lib/agents/llm-stub — not a model) and the tools it names,
 * answered by the stub's demo endpoints (`stub:/tools/<name>`). A real provider is one setting
 * away: point the task at another provider, or change this one under Admin → Providers.
 *
 * Idempotent: a provider or tool that exists (by name) is left alone, even if someone edited it.
 */
import type { Db } from '@/lib/db/client';
import { saveProvider } from '@/lib/agents/providers';
import { createTool } from '@/lib/agents/tool-registry';
import { SYSTEM_ACTOR } from '@/lib/models/actor';

export const STUB_PROVIDER = { name: 'llm-stub', kind: 'stub', defaultModel: 'scripted-approval' } as const;

export const SEED_TOOLS = [
  {
    name: 'lookup_policy',
    description: 'Looks up the spending policy of a category (limits, who approves).',
    inputSchema: { type: 'object', properties: { category: { type: 'string', description: 'e.g. spending, travel' } }, required: ['category'] },
    implementation: { kind: 'http', method: 'POST', url: 'stub:/tools/lookup_policy' },
    guardrails: { allowedRoles: ['analyst'], dataScope: ['category'], maxTokens: 2000 },
  },
  {
    name: 'customer_history',
    description: "Past spending requests of a requester and how they were decided.",
    inputSchema: { type: 'object', properties: { requester: { type: 'string' } }, required: ['requester'] },
    implementation: { kind: 'http', method: 'POST', url: 'stub:/tools/customer_history' },
    guardrails: { allowedRoles: ['analyst'], dataScope: ['requester'], maxTokens: 2000 },
  },
] as const;

/** Creates what is missing; answers what it created, for the seed's line. */
export async function ensureAgentSetup(db: Db): Promise<string[]> {
  const created: string[] = [];
  if ((await db.agentProvider.findUnique({ where: { name: STUB_PROVIDER.name } })) === null) {
    await saveProvider({ db, actor: SYSTEM_ACTOR, input: STUB_PROVIDER });
    created.push(`provider ${STUB_PROVIDER.name}`);
  }
  for (const tool of SEED_TOOLS) {
    if ((await db.tool.findUnique({ where: { name: tool.name } })) !== null) continue;
    await createTool({ db, actor: SYSTEM_ACTOR, input: tool });
    created.push(`tool ${tool.name}`);
  }
  return created;
}
