import { NotFoundError } from '@/lib/api/errors';
import type { Tx } from '@/lib/models/db';

/**
 * The model row named by `idOrKey`: its id, else its key (an id match wins). Throws
 * `NotFoundError` (404 `model.not-found`) when neither matches.
 */
export async function findModelOrThrow(db: Tx, idOrKey: string) {
  const row = (await db.processModel.findUnique({ where: { id: idOrKey } })) ?? (await db.processModel.findUnique({ where: { key: idOrKey } }));
  if (!row) throw new NotFoundError('model.not-found', `No model has the id or key "${idOrKey}".`, { id: idOrKey });
  return row;
}
