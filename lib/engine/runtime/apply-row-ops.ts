/**
 * Writes compacted outbox operations (plan-outbox.ts) inside the caller's transaction: one
 * multi-row insert and one delete per table (raw-rows.ts), and one update per changed row.
 *
 * Contract: only called by execute-command.ts, in the transaction that appends the events.
 * Updates and deletes of rows that are already gone change nothing (a job row a stale worker
 * already released, a task the retention removed).
 */
import type { CompactOps } from './plan-outbox';
import { deleteByIds, insertRows } from './raw-rows';
import type { RuntimeContext, Tx } from './runtime-context';

export async function applyRowOps(rt: RuntimeContext, tx: Tx, ops: CompactOps, now: Date): Promise<void> {
  const created = { createdAt: now };
  await deleteByIds(rt, tx, 'Job', ops.job.delete);
  await insertRows(rt, tx, 'Job', ops.job.create, { ...created, updatedAt: now });
  for (const { id, patch } of ops.job.update) await tx.job.updateMany({ where: { id }, data: patch });

  await deleteByIds(rt, tx, 'Timer', ops.timer.delete);
  await insertRows(rt, tx, 'Timer', ops.timer.create, created);

  await insertRows(rt, tx, 'UserTask', ops.userTask.create);
  // Candidate deletes are `<taskId> *` (every candidate of the task, replaced by the creates after it).
  for (const id of ops.userTaskCandidate.delete) await tx.userTaskCandidate.deleteMany({ where: { taskId: id.slice(0, id.lastIndexOf(' ')) } });
  await insertRows(rt, tx, 'UserTaskCandidate', ops.userTaskCandidate.create);
  for (const { id, patch } of ops.userTask.update) await tx.userTask.updateMany({ where: { id }, data: patch });
  await deleteByIds(rt, tx, 'UserTask', ops.userTask.delete);

  await deleteByIds(rt, tx, 'MessageSubscription', ops.subscription.delete);
  await insertRows(rt, tx, 'MessageSubscription', ops.subscription.create, created);

  await insertRows(rt, tx, 'Incident', ops.incident.create);
  for (const { id, patch } of ops.incident.update) await tx.incident.updateMany({ where: { id }, data: patch });

  await insertRows(rt, tx, 'RuntimeWork', ops.work.create, created);
  await insertRows(rt, tx, 'Notification', ops.notification.create);
  await deleteByIds(rt, tx, 'RuntimeWork', ops.work.delete);
}
