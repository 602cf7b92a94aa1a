/**
 * Task- and instance-level rules, as pure functions of facts the caller loads. `can()`
 * (lib/auth/can.ts) answers yes/no through `decideTaskAccess`; callers that must say or record
 * why (the audit row of a refused completion) use the decision itself.
 *
 * The rules
 * - Who may see or work a human task: while it is assigned, only its assignee; while it is
 *   unassigned, its candidate users and the members of its candidate groups. A completed task
 *   stays visible to whoever completed it. Roles do not widen this: an admin, operator or auditor
 *   sees instances, not other people's tasks.
 * - A person is named in a task (assignee, candidate user) by user id or by e-mail
 *   (case-insensitive). A token is never an assignee or candidate user; its groups count.
 * - Four-eyes (separation of duties): a model may declare on a user task that its completer must
 *   differ from the instance's starter (`notStarter`) and/or from whoever completed named earlier
 *   tasks (`notCompleterOf`). `fourEyesExcludedUsers` turns the rule into user ids;
 *   completion is refused for them (`four-eyes`), whatever their candidacy.
 * - Field-level scope: a person working a task sees only the variables its model marks visible
 *   for it (`visibleVariables`) and the fields of its form; absent means the form's fields only.
 */
import { z } from 'zod';
import type { FourEyes } from '@/lib/bpmn/model';
import type { Subject } from '@/lib/auth/subject';

export const TASK_ACTIONS = ['task:read', 'task:claim', 'task:complete'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TaskFactsSchema = z.object({
  /** created (open) | completed | cancelled, as in the UserTask table. */
  status: z.enum(['created', 'completed', 'cancelled']),
  assignee: z.string().nullable(),
  candidateUsers: z.array(z.string()),
  candidateGroups: z.array(z.string()),
  completedById: z.string().nullable(),
  /** User ids a four-eyes rule keeps from completing the task (see `fourEyesExcludedUsers`). */
  excludedUsers: z.array(z.string()),
});
export type TaskFacts = z.infer<typeof TaskFactsSchema>;

export type TaskDenial = 'not-candidate' | 'assigned-to-someone-else' | 'not-open' | 'four-eyes';
export type TaskDecision = { allowed: true } | { allowed: false; reason: TaskDenial };

/** Whether `value` (an assignee or candidate user as a model writes it) names `subject`. */
export function names(subject: Subject, value: string): boolean {
  if (subject.type !== 'user') return false;
  if (value === subject.id) return true;
  return subject.email !== undefined && value.trim().toLowerCase() === subject.email.toLowerCase();
}

/** Whether `subject` is among the candidates of an unassigned task. */
function isCandidate(subject: Subject, task: TaskFacts): boolean {
  return task.candidateUsers.some((value) => names(subject, value)) || task.candidateGroups.some((group) => subject.groups.includes(group));
}

export function decideTaskAccess(subject: Subject, action: TaskAction, task: TaskFacts): TaskDecision {
  const completedByMe = task.status === 'completed' && subject.type === 'user' && task.completedById === subject.id;
  if (action === 'task:read' && completedByMe) return { allowed: true };

  const reach: TaskDecision =
    task.assignee !== null
      ? names(subject, task.assignee)
        ? { allowed: true }
        : { allowed: false, reason: 'assigned-to-someone-else' }
      : isCandidate(subject, task)
        ? { allowed: true }
        : { allowed: false, reason: 'not-candidate' };
  if (!reach.allowed || action === 'task:read') return reach;

  if (task.status !== 'created') return { allowed: false, reason: 'not-open' };
  if (action === 'task:complete' && task.excludedUsers.includes(subject.id)) return { allowed: false, reason: 'four-eyes' };
  return { allowed: true };
}

/** A completed earlier user task of the same instance: which element, and who completed it. */
export type CompletedTask = { elementId: string; completedById: string | null };

/**
 * The user ids a four-eyes rule excludes from completing a task: the instance's starter when
 * `notStarter`, and everyone who completed a task of an element in `notCompleterOf`. A starter
 * that is not a person (null: a token, a timer, a message) excludes nobody.
 */
export function fourEyesExcludedUsers(input: { rule: FourEyes | undefined; starterId: string | null; completed: readonly CompletedTask[] }): string[] {
  const { rule } = input;
  if (!rule) return [];
  const excluded = new Set<string>();
  if (rule.notStarter && input.starterId) excluded.add(input.starterId);
  for (const task of input.completed) {
    if (task.completedById && rule.notCompleterOf.includes(task.elementId)) excluded.add(task.completedById);
  }
  return [...excluded].sort();
}

/**
 * The variables a person working a task may see: those named in `visibleVariables` and the
 * task's form fields; absent `visibleVariables` means the form fields only. Never more than
 * what `variables` holds.
 */
export function visibleTaskVariables<V>(scope: { visibleVariables?: readonly string[]; formFields?: readonly string[] }, variables: Readonly<Record<string, V>>): Record<string, V> {
  const allowed = new Set([...(scope.visibleVariables ?? []), ...(scope.formFields ?? [])]);
  const visible: Record<string, V> = {};
  for (const [name, value] of Object.entries(variables)) if (allowed.has(name)) visible[name] = value;
  return visible;
}
