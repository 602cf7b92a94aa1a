'use server';
/**
 * Server actions of the modeler: authorise with `requireAction()` (can()), parse what the browser
 * sends with zod, call one lib/models function, answer in the shapes of
 * components/canvas/action-results.ts (named errors become messages, never thrown at the page).
 */
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { requireAction } from '@/lib/auth/current-subject';
import { FindingSchema, type Finding } from '@/lib/bpmn/findings';
import { BpmnModelSchema, JsonValueSchema } from '@/lib/bpmn/model';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';
import { StartError, startInstance } from '@/lib/engine/runtime/start-instance';
import { getDb } from '@/lib/db/client';
import { emptyModel } from '@/lib/bpmn/commands/empty-model';
import { createModel } from '@/lib/models/create-model';
import { getModel } from '@/lib/models/get-model';
import { ModelKeySchema, slugifyKey } from '@/lib/models/model-key';
import { getVersion } from '@/lib/models/get-version';
import { publishModel } from '@/lib/models/publish-model';
import { updateDraft } from '@/lib/models/update-draft';
import type { CreateModelState, LoadModelResult, PublishDraftResult, SaveDraftResult, StartInstanceResult } from '@/components/canvas/action-results';

const ModelIdSchema = z.string().min(1).max(200);
const LockSchema = z.number().int().nonnegative();

export async function saveDraftAction(modelId: string, lock: number, model: unknown): Promise<SaveDraftResult> {
  try {
    const { actor } = await requireAction('model:update');
    const parsed = z.object({ modelId: ModelIdSchema, lock: LockSchema, model: BpmnModelSchema }).safeParse({ modelId, lock, model });
    if (!parsed.success) return { status: 'error', message: `The draft was not saved: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}.` };
    const saved = await updateDraft({ db: getDb(), actor, idOrKey: parsed.data.modelId, lock: parsed.data.lock, source: { model: parsed.data.model } });
    return { status: 'saved', lock: saved.lock, savedAt: saved.updatedAt };
  } catch (error) {
    if (error instanceof AppError && error.code === 'model.lock-stale') {
      const currentLock = typeof error.details.currentLock === 'number' ? error.details.currentLock : lock;
      return { status: 'conflict', currentLock, message: error.message };
    }
    if (error instanceof AppError) return { status: 'error', message: error.message };
    console.error('Saving a draft failed', error);
    return { status: 'error', message: 'Something went wrong on our side while saving; the draft was not saved.' };
  }
}

export async function publishDraftAction(modelId: string, message: string): Promise<PublishDraftResult> {
  try {
    const { actor } = await requireAction('model:publish');
    const input = z.object({ modelId: ModelIdSchema, message: z.string().max(2000) }).parse({ modelId, message: message.trim() });
    const result = await publishModel({ db: getDb(), actor, idOrKey: input.modelId, message: input.message || undefined });
    return result.created ? { status: 'published', version: result.version } : { status: 'unchanged', version: result.version };
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message, findings: findingsOf(error) };
    console.error('Publishing from the modeler failed', error);
    return { status: 'error', message: 'Something went wrong on our side while publishing; no version was created.', findings: [] };
  }
}

export async function loadDraftAction(modelId: string): Promise<LoadModelResult> {
  try {
    await requireAction('model:read');
    const detail = await getModel({ db: getDb(), idOrKey: ModelIdSchema.parse(modelId) });
    if (!detail.draft) return { status: 'error', message: 'The saved draft cannot be read as a model.' };
    return { status: 'ok', model: detail.draft, lock: detail.lock };
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message };
    throw error;
  }
}

export async function loadVersionAction(modelId: string, number: number): Promise<LoadModelResult> {
  try {
    await requireAction('model:read');
    const input = z.object({ modelId: ModelIdSchema, number: z.number().int().positive() }).parse({ modelId, number });
    const db = getDb();
    const [{ version }, detail] = await Promise.all([getVersion({ db, idOrKey: input.modelId, number: input.number }), getModel({ db, idOrKey: input.modelId })]);
    return { status: 'ok', model: version.model, lock: detail.lock };
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message };
    throw error;
  }
}

/** Creates a model from scratch (one empty executable process) and opens it in the modeler. */
export async function createEmptyModelAction(_previous: CreateModelState, formData: FormData): Promise<CreateModelState> {
  let modelId: string;
  try {
    const { actor } = await requireAction('model:create');
    const name = String(formData.get('name') ?? '').trim();
    if (name === '') return { status: 'error', message: 'Give the model a name.' };
    const rawKey = String(formData.get('key') ?? '').trim();
    const key = ModelKeySchema.safeParse(rawKey === '' ? slugifyKey(name) : rawKey);
    if (!key.success) return { status: 'error', message: `"${rawKey}" cannot be a key: ${key.error.issues[0]?.message ?? 'invalid'}.` };
    const created = await createModel({ db: getDb(), actor, source: { model: emptyModel({ key: key.data, name: name.slice(0, 200) }) }, key: key.data, name: name.slice(0, 200) });
    modelId = created.id;
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message };
    console.error('Creating a model failed', error);
    return { status: 'error', message: 'Something went wrong on our side; no model was created.' };
  }
  redirect(`/models/${encodeURIComponent(modelId)}/edit`);
}

const VariablesSchema = z.record(z.string(), JsonValueSchema);

/** Starts an instance of published version `version` of the model, with variables given as a JSON object. */
export async function startInstanceAction(modelId: string, version: number, variablesJson: string): Promise<StartInstanceResult> {
  try {
    const { subject } = await requireAction('instance:start');
    const input = z.object({ modelId: ModelIdSchema, version: z.number().int().positive() }).parse({ modelId, version });
    let raw: unknown;
    try {
      raw = variablesJson.trim() === '' ? {} : JSON.parse(variablesJson);
    } catch (error) {
      return { status: 'error', message: `The variables are not JSON: ${error instanceof Error ? error.message : 'invalid'}.` };
    }
    const variables = VariablesSchema.safeParse(raw);
    if (!variables.success) return { status: 'error', message: 'The variables must be a JSON object, e.g. {"amount": 120}.' };
    const db = getDb();
    const detail = await getModel({ db, idOrKey: input.modelId });
    const started = await startInstance(runtimeContextFor(db), {
      processKey: detail.key,
      version: input.version,
      variables: variables.data,
      startedBy: subject.id,
      actor: eventActorOf(subject),
    });
    return { status: 'started', instanceId: started.instanceId, version: started.versionNumber, instanceStatus: started.status };
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message };
    if (error instanceof StartError) return { status: 'error', message: `The instance was not started: ${error.message}.` };
    console.error('Starting an instance from the modeler failed', error);
    return { status: 'error', message: 'Something went wrong on our side; no instance was started.' };
  }
}

function findingsOf(error: AppError): Finding[] {
  const list = error.details.findings;
  if (!Array.isArray(list)) return [];
  return list.flatMap((f) => {
    const parsed = FindingSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}
