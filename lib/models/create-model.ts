import { ConflictError } from '@/lib/api/errors';
import type { ModelDetail } from '@/lib/api/schemas';
import type { Actor } from '@/lib/models/actor';
import { userIdOf, writeModelAudit } from '@/lib/models/audit';
import { isUniqueViolation, type Db } from '@/lib/models/db';
import { checkModel } from '@/lib/models/draft-findings';
import { toModelDetail } from '@/lib/models/dto';
import { deriveModelKey, deriveModelName, mainProcess } from '@/lib/models/model-key';
import { readModelSource, type ModelSource } from '@/lib/models/read-model-source';

/**
 * Creates a model whose draft is `source` (BPMN XML, imported, or model JSON).
 *
 * Contract
 * - `key` defaults to the slug of the executable process id (lib/models/model-key.ts); a key
 *   that is taken throws `ConflictError` 409 `model.key-taken` — also when a concurrent create
 *   wins the race (the unique index decides). No numbered suffix is invented.
 * - XML that cannot be imported throws 422 `bpmn.import-failed`; nothing is written.
 * - The row and its `model.create` audit row are written in one transaction.
 * - The answer's findings are the import warnings followed by the execution findings.
 */
export async function createModel(input: { db: Db; actor: Actor; source: ModelSource; key?: string; name?: string }): Promise<ModelDetail> {
  const { db, actor } = input;
  const { model, warnings } = await readModelSource(input.source);
  const key = input.key ?? deriveModelKey(model);
  const name = input.name ?? deriveModelName(model);
  const description = mainProcess(model)?.documentation?.trim().slice(0, 2000) || null;

  const taken = await db.processModel.findUnique({ where: { key }, select: { id: true } });
  if (taken) throw keyTaken(key, taken.id);

  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.processModel.create({
        data: { key, name, description, draft: JSON.stringify(model), createdById: userIdOf(actor), updatedById: userIdOf(actor) },
      });
      await writeModelAudit(tx, {
        actor,
        action: 'model.create',
        modelId: created.id,
        details: { key, name, from: input.source.xml !== undefined ? 'xml' : 'model', importWarnings: warnings.length },
      });
      return created;
    });
    return toModelDetail(row, model, [], checkModel(model, warnings));
  } catch (error) {
    if (isUniqueViolation(error)) throw keyTaken(key, null);
    throw error;
  }
}

function keyTaken(key: string, modelId: string | null) {
  return new ConflictError('model.key-taken', `A model with the key "${key}" exists already. Pass another key (?key=...) or update that model's draft.`, {
    key,
    modelId,
  });
}
