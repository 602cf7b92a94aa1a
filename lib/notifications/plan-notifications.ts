/**
 * Which in-app notifications the events of one command ask for: pure, called by the runtime's
 * outbox (lib/engine/runtime/plan-outbox.ts), so a notification row commits with the event
 * that caused it — never one for a rolled-back change, never a change without its notification.
 *
 * Contract
 * - UserTaskCreated: `task-created` to the assignee when there is one, else to each candidate
 *   group and candidate user.
 * - UserTaskUpdated: assign / delegate → `task-assigned` to the new assignee; escalation
 *   remind → `task-reminder`, reassign → `task-escalated` to the escalation group, raisePriority
 *   → `task-escalated`, both to whoever works the task now (assignee, else its candidates).
 *   Claim and unclaim notify nobody (the person did it).
 * - Ids are derived from the instance and the event's sequence number, so a retried command
 *   writes the same rows.
 */
import type { Event, InstanceState } from '@/lib/engine/core';

export const NOTIFICATION_KINDS = ['task-created', 'task-assigned', 'task-reminder', 'task-escalated'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationRow = {
  id: string;
  recipientKind: 'user' | 'group';
  recipient: string;
  kind: NotificationKind;
  taskId: string;
  instanceId: string;
  details: string;
  createdAt: Date;
};

type Recipient = { kind: 'user' | 'group'; value: string };

function workersOf(task: { assignee?: string; candidateGroups: readonly string[]; candidateUsers: readonly string[] }): Recipient[] {
  if (task.assignee !== undefined) return [{ kind: 'user', value: task.assignee }];
  return [...task.candidateGroups.map((value) => ({ kind: 'group' as const, value })), ...task.candidateUsers.map((value) => ({ kind: 'user' as const, value }))];
}

/** The notifications `event` (number `seq` in the instance's log) asks for; `state` is the state after the batch. */
export function planNotifications(event: Event, seq: number, state: InstanceState, instanceId: string): NotificationRow[] {
  let recipients: Recipient[] = [];
  let kind: NotificationKind;
  let taskId: string;
  let details: Record<string, unknown> = {};
  switch (event.type) {
    case 'UserTaskCreated':
      kind = 'task-created';
      taskId = event.taskKey;
      recipients = workersOf({ ...(event.assignee === undefined ? {} : { assignee: event.assignee }), candidateGroups: event.candidateGroups, candidateUsers: event.candidateUsers });
      details = { name: event.name ?? event.elementId, ...(event.dueAt === undefined ? {} : { dueAt: event.dueAt }), priority: event.priority };
      break;
    case 'UserTaskUpdated': {
      taskId = event.taskKey;
      if ((event.reason === 'assign' || event.reason === 'delegate') && typeof event.assignee === 'string') {
        kind = 'task-assigned';
        recipients = [{ kind: 'user', value: event.assignee }];
        details = { reason: event.reason, ...(event.by === undefined ? {} : { by: event.by }) };
        break;
      }
      if (event.reason !== 'escalation' || event.escalation === undefined) return [];
      const task = state.userTasks.get(event.taskKey);
      if (task === undefined) return [];
      kind = event.escalation.action === 'remind' ? 'task-reminder' : 'task-escalated';
      recipients = workersOf(task);
      details = {
        action: event.escalation.action,
        step: event.escalation.step,
        ...(event.candidateGroups === undefined ? {} : { groups: event.candidateGroups }),
        ...(event.priority === undefined ? {} : { priority: event.priority }),
      };
      break;
    }
    default:
      return [];
  }
  const seen = new Set<string>();
  const rows: NotificationRow[] = [];
  for (const recipient of recipients) {
    const key = `${recipient.kind} ${recipient.value}`;
    if (seen.has(key) || recipient.value.trim() === '') continue;
    seen.add(key);
    rows.push({
      id: `${instanceId}:${seq}:${rows.length}`,
      recipientKind: recipient.kind,
      recipient: recipient.value,
      kind,
      taskId,
      instanceId,
      details: JSON.stringify(details),
      createdAt: new Date(event.at),
    });
  }
  return rows;
}
