/**
 * Sets how long a process version's ended instances are kept (`ProcessVersion.retentionDays`),
 * which the retention loop (delete-expired-instances.ts) reads on every round.
 *
 * Contract
 * - `retentionDays`: whole days from 1 to MAX_RETENTION_DAYS, or null to keep instances forever
 *   (the default). The API validates it with `RetentionBodySchema` before anything is read.
 * - The version is named by its model (id or key) and number: 404 `model.not-found` /
 *   `version.not-found` otherwise, and nothing changes.
 * - The change and its audit row (`version.retention-change`, with the previous and the new
 *   value) commit in one transaction. Setting the value it already has changes nothing and
 *   writes no audit row.
 */
import { z } from 'zod';
import { NotFoundError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';
import { findModelOrThrow } from '@/lib/models/find-model';

export const MAX_RETENTION_DAYS = 36_500;

export const RetentionBodySchema = z
  .object({
    retentionDays: z
      .number()
      .int('retentionDays must be a whole number of days')
      .min(1, 'retentionDays must be at least 1 (null keeps instances forever)')
      .max(MAX_RETENTION_DAYS, `retentionDays must be at most ${MAX_RETENTION_DAYS}`)
      .nullable()
      .describe('Days to keep ended instances of this version; null keeps them forever.'),
  })
  .strict();

export const RetentionSchema = z.object({
  modelKey: z.string(),
  number: z.number().int(),
  retentionDays: z.number().int().nullable(),
  previousRetentionDays: z.number().int().nullable(),
});
export type Retention = z.infer<typeof RetentionSchema>;

export async function setRetentionDays(input: { db: Db; actor: Actor; idOrKey: string; number: number; retentionDays: number | null }): Promise<Retention> {
  return input.db.$transaction(async (tx) => {
    const model = await findModelOrThrow(tx, input.idOrKey);
    const version = await tx.processVersion.findUnique({ where: { modelId_number: { modelId: model.id, number: input.number } }, select: { id: true, retentionDays: true } });
    if (version === null) {
      throw new NotFoundError('version.not-found', `Model "${model.key}" has no version ${input.number}.`, { key: model.key, number: input.number, latestVersion: model.latestVersion });
    }
    const result = { modelKey: model.key, number: input.number, retentionDays: input.retentionDays, previousRetentionDays: version.retentionDays };
    if (version.retentionDays === input.retentionDays) return result;
    await tx.processVersion.update({ where: { id: version.id }, data: { retentionDays: input.retentionDays } });
    await writeAudit(tx, {
      actor: input.actor,
      action: 'version.retention-change',
      resource: { type: 'model', id: model.id },
      details: { number: input.number, from: version.retentionDays, to: input.retentionDays },
    });
    return result;
  });
}
