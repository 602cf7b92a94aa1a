/**
 * LLM providers: admin-configured, referenced by name from agent tasks (`provider="..."`).
 *
 * Contract
 * - Kinds: `openai-compatible` (OpenAI, Ollama, vLLM, LM Studio... through the AI SDK's
 *   openai-compatible provider), `anthropic`, and `stub` — the scripted LLM stub
 *   (./llm-stub), started in this process on a free port on first use; not a model.
 * - The API key is sealed with AES-256-GCM (./secret-box.ts) before it is stored. `ProviderView`,
 *   the only shape that leaves this module for pages and the API, says whether a key is set,
 *   never the key. Saving without `apiKey` keeps the stored key; `apiKey: ''` removes it.
 * - `languageModelFor` opens the key only to build the AI SDK model, in the agent runtime.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { AppError, BadRequestError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';
import { inProcessStubUrl } from './llm-stub/in-process';
import { open, seal } from './secret-box';

export const PROVIDER_KINDS = ['openai-compatible', 'anthropic', 'stub'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  'openai-compatible': 'OpenAI-compatible (OpenAI, Ollama, vLLM, LM Studio…)',
  anthropic: 'Anthropic',
  stub: 'LLM stub — scripted replies, not a real model (offline demo and tests)',
};

const price = z.number().nonnegative().nullable().optional();

export const ProviderInputSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/, 'name: letters, digits, ".", "_" or "-", starting with a letter'),
    kind: z.enum(PROVIDER_KINDS),
    baseUrl: z.url('baseUrl: an http(s) URL, e.g. http://127.0.0.1:11434/v1').nullable().optional(),
    defaultModel: z.string().min(1, 'defaultModel: the model used when a task names none'),
    apiKey: z.string().max(4000).optional(),
    inputPricePerMTok: price,
    outputPricePerMTok: price,
  })
  .refine((p) => p.kind !== 'openai-compatible' || (p.baseUrl ?? '') !== '', { message: 'baseUrl: an OpenAI-compatible provider needs its base URL', path: ['baseUrl'] });
export type ProviderInput = z.infer<typeof ProviderInputSchema>;

export type ProviderView = {
  id: string;
  name: string;
  kind: ProviderKind;
  kindLabel: string;
  baseUrl: string | null;
  defaultModel: string;
  hasKey: boolean;
  inputPricePerMTok: number | null;
  outputPricePerMTok: number | null;
  updatedAt: string;
};

type ProviderRow = Awaited<ReturnType<Db['agentProvider']['findFirstOrThrow']>>;

function kindOf(row: ProviderRow): ProviderKind {
  return (PROVIDER_KINDS as readonly string[]).includes(row.kind) ? (row.kind as ProviderKind) : 'openai-compatible';
}

export function viewOf(row: ProviderRow): ProviderView {
  const kind = kindOf(row);
  return {
    id: row.id,
    name: row.name,
    kind,
    kindLabel: PROVIDER_KIND_LABELS[kind],
    baseUrl: row.baseUrl,
    defaultModel: row.defaultModel,
    hasKey: row.encryptedKey !== null,
    inputPricePerMTok: row.inputPricePerMTok,
    outputPricePerMTok: row.outputPricePerMTok,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listProviders(db: Db): Promise<ProviderView[]> {
  return (await db.agentProvider.findMany({ orderBy: { name: 'asc' } })).map(viewOf);
}

/** Creates or updates the provider named `input.name`; the key is sealed before it is stored. */
export async function saveProvider(options: { db: Db; actor: Actor; input: unknown }): Promise<ProviderView> {
  const parsed = ProviderInputSchema.safeParse(options.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError('request.invalid', `provider ${issue?.path.join('.') || ''}: ${issue?.message}`.replace(/ : /, ': '), { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  }
  const input = parsed.data;
  const keyChange = input.apiKey === undefined ? {} : { encryptedKey: input.apiKey === '' ? null : seal(input.apiKey) };
  const data = {
    kind: input.kind,
    baseUrl: input.baseUrl ?? null,
    defaultModel: input.defaultModel,
    inputPricePerMTok: input.inputPricePerMTok ?? null,
    outputPricePerMTok: input.outputPricePerMTok ?? null,
    ...keyChange,
  };
  return options.db.$transaction(async (tx) => {
    const row = await tx.agentProvider.upsert({ where: { name: input.name }, create: { name: input.name, ...data }, update: data });
    await writeAudit(tx, {
      actor: options.actor,
      action: 'provider.save',
      resource: { type: 'provider', id: row.id },
      details: { name: row.name, kind: row.kind, baseUrl: row.baseUrl, defaultModel: row.defaultModel, keyChanged: input.apiKey !== undefined },
    });
    return viewOf(row);
  });
}

export async function deleteProvider(options: { db: Db; actor: Actor; name: string }): Promise<void> {
  const row = await options.db.agentProvider.findUnique({ where: { name: options.name } });
  if (row === null) throw new AppError('provider.not-found', `no provider is named ${options.name}`);
  await options.db.$transaction(async (tx) => {
    await tx.agentProvider.delete({ where: { id: row.id } });
    await writeAudit(tx, { actor: options.actor, action: 'provider.delete', resource: { type: 'provider', id: row.id }, details: { name: row.name } });
  });
}

export type ResolvedProvider = { view: ProviderView; model: (modelId: string | undefined) => { model: LanguageModel; modelName: string } };

/** The provider named `name`, ready to build AI SDK models. Server-side only (opens the key). */
export async function resolveProvider(db: Db, name: string): Promise<ResolvedProvider | undefined> {
  const row = await db.agentProvider.findUnique({ where: { name } });
  if (row === null) return undefined;
  const view = viewOf(row);
  const apiKey = row.encryptedKey === null ? undefined : open(row.encryptedKey);
  if (view.kind === 'anthropic') {
    const anthropic = createAnthropic({ ...(row.baseUrl ? { baseURL: row.baseUrl } : {}), apiKey: apiKey ?? '' });
    return { view, model: (id) => ({ model: anthropic(id ?? row.defaultModel), modelName: id ?? row.defaultModel }) };
  }
  const baseURL = view.kind === 'stub' ? `${await inProcessStubUrl()}/v1` : (row.baseUrl ?? '');
  const provider = createOpenAICompatible({ name: row.name, baseURL, ...(apiKey ? { apiKey } : {}) });
  return { view, model: (id) => ({ model: provider.chatModel(id ?? row.defaultModel), modelName: id ?? row.defaultModel }) };
}
