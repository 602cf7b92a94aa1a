/**
 * User task escalation: the model's escalation policy (`baton:escalationPolicy`), executed by
 * the engine's own durable timers.
 *
 * Contract
 * - When a user task is created, each step of its policy gets a timer owned by the task's
 *   element instance, due `after` (ISO 8601 duration) from the task's creation. The timers are
 *   ordinary TimerScheduled events (with `escalationStep`), so the runtime fires them like any
 *   timer, and they are cancelled with the task's element instance (completion, a boundary
 *   event, cancellation) — an escalation never fires on a closed task.
 * - When a step's timer fires and the task is still open, one UserTaskUpdated event with
 *   `reason: 'escalation'` records what the step did:
 *   remind → nothing changes (the runtime notifies the assignee or the candidates);
 *   reassign → the task is unassigned and offered to the step's group only;
 *   raisePriority → the priority becomes the step's priority (never lowered).
 * - A step whose duration cannot be read is an incident on the task when the task is created
 *   (lib/bpmn/validate.ts refuses such models before they are published).
 */
import { addDuration, parseIsoDuration } from '@/lib/bpmn/timers';
import type { EscalationStepSpec } from '../definition';
import type { Execution } from '../execution';
import type { ElementInstance, TimerState } from '../state';
import type { Node } from '../definition';

/** Schedules one timer per escalation step; false (after raising an incident) when a duration is unreadable. */
export function scheduleEscalations(x: Execution, instance: ElementInstance, node: Node): boolean {
  const steps = node.userTask?.escalation ?? [];
  const due: string[] = [];
  for (const [index, step] of steps.entries()) {
    const duration = parseIsoDuration(step.after.trim());
    if (!duration.ok) {
      x.raiseIncident(instance, 'expression', `escalation step ${index + 1} of ${node.id}: "${step.after}" is not an ISO 8601 duration (${duration.reason})`, 'activate');
      return false;
    }
    due.push(addDuration(new Date(x.now), duration.value).toISOString());
  }
  for (const [index, dueAt] of due.entries()) {
    x.emit({ type: 'TimerScheduled', timerKey: x.newKey(), elementInstanceKey: instance.key, elementId: node.id, dueAt, count: 0, escalationStep: index });
  }
  return true;
}

/** The escalation timer of step `timer.escalationStep` fired (TimerFired is already emitted). */
export function escalate(x: Execution, timer: TimerState & { escalationStep: number }): void {
  const step: EscalationStepSpec | undefined = x.definition.nodes[timer.elementId]?.userTask?.escalation?.[timer.escalationStep];
  if (step === undefined) return;
  for (const task of x.state.userTasks.values()) {
    if (task.elementInstanceKey !== timer.elementInstanceKey) continue;
    const base = {
      type: 'UserTaskUpdated' as const,
      taskKey: task.taskKey,
      elementInstanceKey: task.elementInstanceKey,
      elementId: task.elementId,
      reason: 'escalation' as const,
      escalation: { step: timer.escalationStep, action: step.action },
    };
    switch (step.action) {
      case 'remind':
        x.emit(base);
        break;
      case 'reassign':
        x.emit(step.group === undefined || step.group === '' ? base : { ...base, assignee: null, candidateGroups: [step.group], candidateUsers: [] });
        break;
      case 'raisePriority':
        x.emit(step.priority === undefined || step.priority <= task.priority ? base : { ...base, priority: step.priority });
        break;
    }
  }
}
