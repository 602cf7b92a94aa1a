'use server';
/**
 * Server actions of the models pages: authorise with `requireAction()` (can(), lib/auth), parse
 * the form, call one lib/models function, turn its named errors into state the form shows.
 */
import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { AppError } from '@/lib/api/errors';
import { requireAction } from '@/lib/auth/current-subject';
import { decodeBpmnBytes } from '@/lib/bpmn/xml/decode-bpmn';
import { FindingSchema, type Finding } from '@/lib/bpmn/findings';
import { getDb } from '@/lib/db/client';
import { createModel } from '@/lib/models/create-model';
import { ModelKeySchema } from '@/lib/models/model-key';
import { publishModel } from '@/lib/models/publish-model';
import type { ImportState, PublishState } from '@/components/models/action-states';
import type { Actor } from '@/lib/models/actor';

/** Below the server actions body limit (next.config.ts), so the limit message is ours. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export async function importBpmnAction(_previous: ImportState, formData: FormData): Promise<ImportState> {
  let actor: Actor;
  try {
    ({ actor } = await requireAction('model:create'));
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message, findings: [] };
    throw error;
  }
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) {
    return { status: 'error', message: 'Choose a non-empty .bpmn file to import.', findings: [] };
  }
  const fileName = file.name;
  if (file.size > MAX_FILE_BYTES) {
    return { status: 'error', fileName, message: `${fileName} is ${(file.size / 1024 / 1024).toFixed(1)} MB; files up to 4 MB can be imported.`, findings: [] };
  }
  const rawKey = formData.get('key');
  let key: string | undefined;
  if (typeof rawKey === 'string' && rawKey.trim() !== '') {
    const parsed = ModelKeySchema.safeParse(rawKey.trim());
    if (!parsed.success) {
      return { status: 'error', fileName, message: `"${rawKey.trim()}" cannot be a key: ${parsed.error.issues[0]?.message ?? 'invalid'}.`, findings: [] };
    }
    key = parsed.data;
  }

  let modelId: string;
  try {
    const xml = decodeBpmnBytes(new Uint8Array(await file.arrayBuffer()));
    const created = await createModel({ db: getDb(), actor, source: { xml }, key });
    modelId = created.id;
  } catch (error) {
    return importErrorState(error, fileName);
  }
  redirect(`/models/${encodeURIComponent(modelId)}`);
}

function importErrorState(error: unknown, fileName: string): ImportState {
  if (!(error instanceof AppError)) {
    console.error('Importing a BPMN file failed', error);
    return { status: 'error', fileName, message: 'Something went wrong on our side while importing; nothing was saved.', findings: [] };
  }
  if (error.code === 'model.key-taken') {
    const key = typeof error.details.key === 'string' ? error.details.key : '';
    const modelId = typeof error.details.modelId === 'string' ? error.details.modelId : null;
    return { status: 'error', fileName, message: `A model with the key "${key}" exists already.`, findings: [], keyTaken: { key, modelId } };
  }
  const findings = findingsOf(error);
  if (error.code === 'bpmn.import-failed' && findings.length > 0) {
    return { status: 'error', fileName, message: 'It could not be read as BPMN 2.0 XML:', findings };
  }
  return { status: 'error', fileName, message: error.message, findings };
}

function findingsOf(error: AppError): Finding[] {
  const list = error.details.findings;
  if (!Array.isArray(list)) return [];
  return list.flatMap((f) => {
    const parsed = FindingSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function publishModelAction(modelId: string, _previous: PublishState, formData: FormData): Promise<PublishState> {
  const raw = formData.get('message');
  const message = typeof raw === 'string' ? raw.trim().slice(0, 2000) : '';
  try {
    const { actor } = await requireAction('model:publish');
    const result = await publishModel({ db: getDb(), actor, idOrKey: modelId, message: message || undefined });
    refresh();
    return result.created ? { status: 'published', version: result.version } : { status: 'unchanged', version: result.version };
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message, findings: findingsOf(error) };
    console.error('Publishing a model failed', error);
    return { status: 'error', message: 'Something went wrong on our side while publishing; no version was created.', findings: [] };
  }
}
