import { ConflictError, NotFoundError } from '@/lib/api/errors';
import type { ModelDetail } from '@/lib/api/schemas';
import type { Actor } from '@/lib/models/actor';
import { userIdOf, writeModelAudit } from '@/lib/models/audit';
import type { Db } from '@/lib/models/db';
import { checkModel } from '@/lib/models/draft-findings';
import { toModelDetail, VERSION_SUMMARY } from '@/lib/models/dto';
import { findModelOrThrow } from '@/lib/models/find-model';
import { readModelSource, type ModelSource } from '@/lib/models/read-model-source';

/**
 * Replaces the draft of a model, guarded by the optimistic lock.
 *
 * Contract
 * - `lock` must be the model's current lock; the update and the lock check are one conditional
 *   UPDATE, so of two saves from the same lock exactly one wins. The loser gets `ConflictError`
 *   409 `model.lock-stale` with `details.currentLock`, and nothing is written.
 * - Success increments the lock by one and writes a `model.update-draft` audit row in the same
 *   transaction. The key never changes; `name` does when given.
 * - Published versions are untouched: publishing is a separate, explicit step.
 */
export async function updateDraft(input: {
  db: Db;
  actor: Actor;
  idOrKey: string;
  lock: number;
  source: ModelSource;
  name?: string;
}): Promise<ModelDetail> {
  const { db, actor, lock } = input;
  const { model, warnings } = await readModelSource(input.source);
  const { id } = await findModelOrThrow(db, input.idOrKey);

  const row = await db.$transaction(async (tx) => {
    const { count } = await tx.processModel.updateMany({
      where: { id, lock },
      data: { draft: JSON.stringify(model), lock: { increment: 1 }, updatedById: userIdOf(actor), ...(input.name ? { name: input.name } : {}) },
    });
    if (count === 0) {
      const current = await tx.processModel.findUnique({ where: { id }, select: { lock: true } });
      if (!current) throw new NotFoundError('model.not-found', `No model has the id "${id}".`, { id });
      throw new ConflictError(
        'model.lock-stale',
        `The draft was saved by someone else in the meantime (lock ${current.lock}, you sent ${lock}). Reload it and apply your change again.`,
        { currentLock: current.lock, sentLock: lock },
      );
    }
    await writeModelAudit(tx, { actor, action: 'model.update-draft', modelId: id, details: { lock: lock + 1, importWarnings: warnings.length } });
    return tx.processModel.findUniqueOrThrow({ where: { id } });
  });

  const versions = await db.processVersion.findMany({ where: { modelId: id }, orderBy: { number: 'desc' }, select: VERSION_SUMMARY });
  return toModelDetail(row, model, versions, checkModel(model, warnings));
}
