import 'server-only';
/**
 * Who changed a model and who published a version, as people read it: the actor labels of the
 * model audit rows (lib/models writes one per change). The model and version rows keep only
 * user ids, which are empty for tokens and the system actor.
 */
import { z } from 'zod';
import type { Db } from '@/lib/db/client';

/** The actor label of the latest audit row of each model. */
export async function lastChangedByLabels(db: Db, modelIds: string[]): Promise<Map<string, string>> {
  if (modelIds.length === 0) return new Map();
  const rows = await db.auditLog.findMany({
    where: { resourceType: 'model', resourceId: { in: modelIds } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    distinct: ['resourceId'],
    select: { resourceId: true, actorLabel: true },
  });
  return new Map(rows.flatMap((r) => (r.resourceId ? [[r.resourceId, r.actorLabel] as const] : [])));
}

const PublishDetails = z.object({ version: z.number().int().positive() });

/** The actor label of each published version of a model, by version number. */
export async function publishedByLabels(db: Db, modelId: string): Promise<Map<number, string>> {
  const rows = await db.auditLog.findMany({
    where: { resourceType: 'model', resourceId: modelId, action: 'model.publish' },
    select: { actorLabel: true, details: true },
  });
  const labels = new Map<number, string>();
  for (const row of rows) {
    let details: unknown;
    try {
      details = JSON.parse(row.details);
    } catch {
      continue;
    }
    const parsed = PublishDetails.safeParse(details);
    if (parsed.success) labels.set(parsed.data.version, row.actorLabel);
  }
  return labels;
}
