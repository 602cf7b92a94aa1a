/**
 * Who may open the inbox's "All" view.
 *
 * TODO(inbox backend): take this rule from lib/tasks (listTasks' views) when it lands. Until
 * then: "All" lists every task the subject may see at all (their own and their groups' —
 * lib/auth/task-rules.ts never widens task visibility by role), offered to people in at least
 * one group, for whom it differs from "My tasks".
 */
import type { Subject } from '@/lib/auth/subject';

export function mayViewAllTasks(subject: Subject): boolean {
  return subject.type === 'user' && subject.groups.length > 0;
}
