/**
 * Retention: deletes ended instances older than their version's retention period, with their
 * events, tasks and incidents, in batches.
 *
 * Contract
 * - Only versions with `retentionDays` set are touched (null keeps instances forever, the
 *   default). An instance is deleted when it is completed or cancelled and ended more than
 *   `retentionDays` ago.
 * - One transaction per batch of instances; the events go with their instance (cascade), user
 *   tasks, incidents and any leftover rows by instance id. Returns how many were deleted; the
 *   loop runs again at once while batches come back full.
 * - A long log never slows commands down: they load the snapshot, not the log.
 */
import type { RuntimeContext } from './runtime-context';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function deleteExpiredInstances(rt: RuntimeContext, options: { batchSize: number }): Promise<number> {
  const versions = await rt.db.processVersion.findMany({ where: { retentionDays: { not: null } }, select: { id: true, retentionDays: true } });
  const now = rt.clock.now();
  let deleted = 0;
  for (const version of versions) {
    if (version.retentionDays === null || deleted >= options.batchSize) continue;
    const cutoff = new Date(now - version.retentionDays * DAY_MS);
    const expired = await rt.db.processInstance.findMany({
      where: { versionId: version.id, status: { in: ['completed', 'cancelled'] }, endedAt: { lt: cutoff } },
      select: { id: true },
      take: options.batchSize - deleted,
    });
    if (expired.length === 0) continue;
    const ids = expired.map((row) => row.id);
    await rt.db.$transaction(async (tx) => {
      await tx.instanceEventBatch.deleteMany({ where: { instanceId: { in: ids } } });
      await tx.userTask.deleteMany({ where: { instanceId: { in: ids } } });
      await tx.incident.deleteMany({ where: { instanceId: { in: ids } } });
      await tx.job.deleteMany({ where: { instanceId: { in: ids } } });
      await tx.timer.deleteMany({ where: { instanceId: { in: ids } } });
      await tx.messageSubscription.deleteMany({ where: { instanceId: { in: ids } } });
      await tx.runtimeWork.deleteMany({ where: { instanceId: { in: ids } } });
      await tx.processInstance.deleteMany({ where: { id: { in: ids } } });
    });
    deleted += ids.length;
  }
  return deleted;
}
