/**
 * Who works a task: claim, unclaim, assign, delegate. Each is one engine command
 * (UpdateUserTask → a UserTaskUpdated event in the instance's log, the task row updated by the
 * outbox) with its audit row in the same transaction (send-task-command.ts).
 *
 * Contract
 * - A task the caller may not see is 404 `task.not-found` (as get-task.ts).
 * - claim: a person among the candidates of an open, unassigned task becomes its assignee.
 *   Claiming a task one already holds changes nothing. A candidate who lost the race to
 *   someone else gets 409 `task.already-claimed` (also when two claims race: the engine checks
 *   the assignee it expects). API tokens cannot hold tasks (403).
 * - unclaim: only the assignee; the task goes back to its candidates.
 * - assign: whoever may claim the task (a candidate of an unassigned task, or its assignee)
 *   gives it to an active user who is a candidate (candidate user, or member of a candidate
 *   group); anyone else is 422 `task.assignee-invalid`.
 * - delegate: only the assignee hands the task to another active user, candidate or not.
 * - A task that is not open is 409 `task.not-open`.
 */
import { z } from 'zod';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '@/lib/api/errors';
import { can } from '@/lib/auth/can';
import type { Subject } from '@/lib/auth/subject';
import { names, type TaskFacts } from '@/lib/auth/task-rules';
import type { Db } from '@/lib/db/client';
import { sendTaskCommand } from '@/lib/tasks/send-task-command';
import type { TaskCaller } from '@/lib/tasks/task-caller';
import { loadTaskFacts } from '@/lib/tasks/task-facts';

export type TaskActionResult = { taskId: string; assignee: string | null };

export const AssignTaskInputSchema = z.object({
  /** A user id or e-mail. */
  assignee: z.string().trim().min(1, 'name the person (user id or e-mail)').max(320),
});
export type AssignTaskInput = z.input<typeof AssignTaskInputSchema>;

function parseInput(input: unknown): z.output<typeof AssignTaskInputSchema> {
  const parsed = AssignTaskInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ in: 'body' as const, path: issue.path.map(String).join('.'), message: issue.message }));
  throw new BadRequestError('request.invalid', `Invalid body: ${issues[0].path}: ${issues[0].message}`, { issues });
}

async function visibleTask(caller: TaskCaller, taskId: string) {
  const loaded = await loadTaskFacts(caller.db, taskId);
  if (!loaded || !can(caller.subject, 'task:read', { type: 'task', task: loaded.facts })) {
    // A candidate whose task someone else claimed meanwhile hears that, rather than "not found".
    if (loaded && loaded.facts.status === 'created' && loaded.facts.assignee !== null && wouldBeCandidate(caller.subject, loaded.facts)) {
      throw new ConflictError('task.already-claimed', `Task "${taskId}" was claimed by someone else.`, { taskId });
    }
    throw new NotFoundError('task.not-found', `No task "${taskId}" that you may see.`, { taskId });
  }
  if (loaded.facts.status !== 'created') throw new ConflictError('task.not-open', `Task "${taskId}" is no longer open: it was ${loaded.facts.status}.`, { taskId });
  return loaded;
}

function wouldBeCandidate(subject: Subject, facts: TaskFacts): boolean {
  return can(subject, 'task:read', { type: 'task', task: { ...facts, assignee: null } });
}

function requirePerson(subject: Subject, what: string): void {
  if (subject.type !== 'user') throw new ForbiddenError(`An API token cannot ${what} a task: tasks are held by people.`, { reason: 'not-a-person' });
}

export async function claimTask(caller: TaskCaller, taskId: string): Promise<TaskActionResult> {
  const { task, facts } = await visibleTask(caller, taskId);
  requirePerson(caller.subject, 'claim');
  if (facts.assignee !== null) {
    if (names(caller.subject, facts.assignee)) return { taskId, assignee: facts.assignee };
    throw new ConflictError('task.already-claimed', `Task "${taskId}" was claimed by someone else.`, { taskId });
  }
  await sendTaskCommand(caller, {
    instanceId: task.instanceId,
    taskId,
    command: { type: 'UpdateUserTask', taskKey: taskId, reason: 'claim', assignee: caller.subject.id, by: caller.subject.id, expectedAssignee: null },
    audit: { action: 'task.claim', details: { instanceId: task.instanceId, elementId: task.elementId } },
  });
  return { taskId, assignee: caller.subject.id };
}

export async function unclaimTask(caller: TaskCaller, taskId: string): Promise<TaskActionResult> {
  const { task, facts } = await visibleTask(caller, taskId);
  if (facts.assignee === null) return { taskId, assignee: null };
  if (!names(caller.subject, facts.assignee)) throw new ForbiddenError('Only the assignee may give a task back.', { reason: 'not-assignee' });
  await sendTaskCommand(caller, {
    instanceId: task.instanceId,
    taskId,
    command: { type: 'UpdateUserTask', taskKey: taskId, reason: 'unclaim', assignee: null, by: caller.subject.id, expectedAssignee: facts.assignee },
    audit: { action: 'task.unclaim', details: { instanceId: task.instanceId, elementId: task.elementId } },
  });
  return { taskId, assignee: null };
}

/** An active user named by id or e-mail, with their groups; null when there is none. */
async function findActiveUser(db: Db, value: string) {
  const user = await db.user.findFirst({
    where: { OR: [{ id: value }, { email: value.toLowerCase() }, { email: value }] },
    select: { id: true, email: true, active: true, memberships: { select: { group: { select: { name: true } } } } },
  });
  if (user === null || !user.active) return null;
  return { id: user.id, email: user.email, groups: user.memberships.map((m) => m.group.name) };
}

export async function assignTask(caller: TaskCaller, taskId: string, input: AssignTaskInput): Promise<TaskActionResult> {
  const { assignee } = parseInput(input);
  const { task, facts } = await visibleTask(caller, taskId);
  if (!can(caller.subject, 'task:claim', { type: 'task', task: facts })) throw new ForbiddenError('You may not assign this task.', { reason: 'not-candidate' });
  const target = await findActiveUser(caller.db, assignee);
  if (target === null) throw new UnprocessableError('task.assignee-invalid', `No active user "${assignee}".`, { reason: 'unknown-user', assignee });
  const targetSubject: Subject = { type: 'user', id: target.id, label: target.email, email: target.email, roles: [], groups: target.groups };
  if (!can(targetSubject, 'task:read', { type: 'task', task: { ...facts, assignee: null } })) {
    throw new UnprocessableError('task.assignee-invalid', `${target.email} is not a candidate of this task (neither a candidate user nor in a candidate group).`, { reason: 'not-candidate', assignee });
  }
  if (facts.assignee === target.id) return { taskId, assignee: target.id };
  await sendTaskCommand(caller, {
    instanceId: task.instanceId,
    taskId,
    command: { type: 'UpdateUserTask', taskKey: taskId, reason: 'assign', assignee: target.id, by: caller.subject.id, expectedAssignee: facts.assignee },
    audit: { action: 'task.assign', details: { instanceId: task.instanceId, elementId: task.elementId, assignee: target.id, previous: facts.assignee } },
  });
  return { taskId, assignee: target.id };
}

export async function delegateTask(caller: TaskCaller, taskId: string, input: AssignTaskInput): Promise<TaskActionResult> {
  const { assignee } = parseInput(input);
  const { task, facts } = await visibleTask(caller, taskId);
  if (facts.assignee === null || !names(caller.subject, facts.assignee)) throw new ForbiddenError('Only the assignee may delegate a task; claim it first.', { reason: 'not-assignee' });
  const target = await findActiveUser(caller.db, assignee);
  if (target === null) throw new UnprocessableError('task.assignee-invalid', `No active user "${assignee}".`, { reason: 'unknown-user', assignee });
  if (target.id === caller.subject.id) return { taskId, assignee: target.id };
  await sendTaskCommand(caller, {
    instanceId: task.instanceId,
    taskId,
    command: { type: 'UpdateUserTask', taskKey: taskId, reason: 'delegate', assignee: target.id, by: caller.subject.id, expectedAssignee: facts.assignee },
    audit: { action: 'task.delegate', details: { instanceId: task.instanceId, elementId: task.elementId, assignee: target.id } },
  });
  return { taskId, assignee: target.id };
}
