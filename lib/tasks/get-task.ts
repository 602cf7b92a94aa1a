/**
 * One human task as `subject` may see it, with what they may do with it.
 *
 * Contract
 * - A task the subject may not see (`task:read` in lib/auth/can.ts) is `task.not-found` (404),
 *   exactly like a task that does not exist: guessing ids tells nothing.
 * - The answer says whether the subject may claim and complete it, and why not.
 * - Task variables are not part of this answer yet (the runtime that holds them is a later
 *   issue); lib/auth/task-rules.ts `visibleTaskVariables` is the rule that will filter them.
 */
import { NotFoundError } from '@/lib/api/errors';
import type { TaskDetail } from '@/lib/api/schemas';
import { can } from '@/lib/auth/can';
import type { Subject } from '@/lib/auth/subject';
import { decideTaskAccess } from '@/lib/auth/task-rules';
import type { Db } from '@/lib/db/client';
import { loadTaskFacts } from '@/lib/tasks/task-facts';

export async function getTask(db: Db, subject: Subject, taskId: string): Promise<TaskDetail> {
  const loaded = await loadTaskFacts(db, taskId);
  if (!loaded || !can(subject, 'task:read', { type: 'task', task: loaded.facts })) {
    throw new NotFoundError('task.not-found', `No task "${taskId}" that you may see.`, { taskId });
  }
  const { task, facts } = loaded;
  const complete = decideTaskAccess(subject, 'task:complete', facts);
  return {
    id: task.id,
    name: task.name,
    elementId: task.elementId,
    processKey: task.processKey,
    instanceId: task.instanceId,
    status: facts.status,
    assignee: facts.assignee,
    candidateUsers: facts.candidateUsers,
    candidateGroups: facts.candidateGroups,
    priority: task.priority,
    dueAt: task.dueAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    completedAt: task.completedAt?.toISOString() ?? null,
    mayClaim: can(subject, 'task:claim', { type: 'task', task: facts }),
    mayComplete: complete.allowed,
    ...(complete.allowed ? {} : { completeRefusedBecause: complete.reason }),
  };
}
