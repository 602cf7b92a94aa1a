/**
 * The server-side gate of completing a human task, for the runtime's complete-user-task to call
 * before it sends CompleteUserTask to the engine (the engine checks four-eyes once more against
 * its own state).
 *
 * Contract
 * - A task the subject may not see is `task.not-found` (404), as in get-task.ts.
 * - A task they see but may not complete is 403 with the reason (`assigned-to-someone-else`,
 *   `not-open`, `four-eyes`); a four-eyes refusal is recorded in the audit log
 *   (`task.complete-refused`, with the rule's excluded users), so separation of duties leaves a
 *   trace even when nothing changed.
 * - Allowed: answers the facts the decision was made on, for the completion's own audit row.
 */
import { ForbiddenError, NotFoundError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import { can } from '@/lib/auth/can';
import type { Subject } from '@/lib/auth/subject';
import { decideTaskAccess, type TaskFacts } from '@/lib/auth/task-rules';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';
import { loadTaskFacts } from '@/lib/tasks/task-facts';

export async function authorizeTaskCompletion(db: Db, input: { subject: Subject; actor: Actor; taskId: string }): Promise<TaskFacts> {
  const loaded = await loadTaskFacts(db, input.taskId);
  if (!loaded || !can(input.subject, 'task:read', { type: 'task', task: loaded.facts })) {
    throw new NotFoundError('task.not-found', `No task "${input.taskId}" that you may see.`, { taskId: input.taskId });
  }
  const decision = decideTaskAccess(input.subject, 'task:complete', loaded.facts);
  if (decision.allowed) return loaded.facts;
  if (decision.reason === 'four-eyes') {
    await writeAudit(db, {
      actor: input.actor,
      action: 'task.complete-refused',
      resource: { type: 'task', id: input.taskId },
      details: { reason: 'four-eyes', instanceId: loaded.task.instanceId, elementId: loaded.task.elementId, excludedUsers: loaded.facts.excludedUsers },
    });
    throw new ForbiddenError('The four-eyes rule of this task needs someone else to complete it (not the starter of the process, nor who completed the earlier step).', { reason: 'four-eyes' });
  }
  throw new ForbiddenError(`You may not complete this task: ${decision.reason}.`, { reason: decision.reason });
}
