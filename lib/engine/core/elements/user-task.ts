/**
 * User tasks: a human task with assignee, candidates, due and follow-up dates, priority, form,
 * the variables its assignee may see, and a four-eyes rule. It waits for CompleteUserTask
 * (../decide.ts checks the four-eyes rule there, against who completed what by then).
 *
 * Assignment values are literal text or FEEL (`=...`); dates are an ISO 8601 date-time or a
 * duration from now; a value that cannot be computed is an incident on the task.
 */
import type { JsonValue } from '@/lib/bpmn/model';
import { addDuration, parseIsoDateTime, parseIsoDuration } from '@/lib/bpmn/timers';
import type { CompiledExpression } from '../expressions';
import type { Execution } from '../execution';
import type { ElementInstance, InstanceState } from '../state';
import type { Behavior } from './types';
import { scheduleEscalations } from './user-task-escalation';

type Computed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const userTask: Behavior = {
  activate(x, instance, node) {
    const spec = node.userTask ?? { candidateGroups: [], candidateUsers: [] };
    const fail = (what: string, reason: string) =>
      x.raiseIncident(instance, 'expression', `the ${what} of ${node.id} cannot be computed: ${reason}`, 'activate');

    const assignee = spec.assignee === undefined ? undefined : text(x, instance, spec.assignee);
    if (assignee !== undefined && !assignee.ok) return fail('assignee', assignee.reason);
    const groups = names(x, instance, spec.candidateGroups);
    if (!groups.ok) return fail('candidate groups', groups.reason);
    const users = names(x, instance, spec.candidateUsers);
    if (!users.ok) return fail('candidate users', users.reason);
    const due = spec.dueDate === undefined ? undefined : date(x, instance, spec.dueDate);
    if (due !== undefined && !due.ok) return fail('due date', due.reason);
    const followUp = spec.followUpDate === undefined ? undefined : date(x, instance, spec.followUpDate);
    if (followUp !== undefined && !followUp.ok) return fail('follow-up date', followUp.reason);
    const priority = spec.priority === undefined ? ({ ok: true, value: 50 } as const) : priorityOf(x, instance, spec.priority);
    if (!priority.ok) return fail('priority', priority.reason);

    const visible = x.variablesAt(instance.key);
    const names_ = spec.visibleVariables ?? (spec.form?.fields ?? []).map((field) => (field as { key: string }).key);
    const variables: Record<string, JsonValue> = {};
    for (const name of names_) if (name in visible) variables[name] = visible[name];

    if (!scheduleEscalations(x, instance, node)) return;
    x.emit({
      type: 'UserTaskCreated',
      taskKey: x.newKey(),
      elementInstanceKey: instance.key,
      elementId: node.id,
      ...(node.name === undefined ? {} : { name: node.name }),
      ...(assignee?.ok && assignee.value !== '' ? { assignee: assignee.value } : {}),
      candidateGroups: groups.value,
      candidateUsers: users.value,
      ...(due?.ok ? { dueAt: due.value } : {}),
      ...(followUp?.ok ? { followUpAt: followUp.value } : {}),
      priority: priority.value,
      ...(spec.form === undefined ? {} : { form: { ...(spec.form.formKey === undefined ? {} : { formKey: spec.form.formKey }), fields: [...spec.form.fields] } }),
      variables,
      excludedUsers: excludedUsers(x.state, spec.fourEyes),
    });
  },
  terminate(x, instance) {
    for (const [taskKey, task] of x.state.userTasks) {
      if (task.elementInstanceKey === instance.key) {
        x.emit({ type: 'UserTaskCancelled', taskKey, elementInstanceKey: instance.key });
      }
    }
  },
};

/** Users a four-eyes rule excludes from completing, as of now. */
export function excludedUsers(
  state: InstanceState,
  fourEyes: { notStarter: boolean; notCompleterOf: readonly string[] } | undefined,
): string[] {
  if (fourEyes === undefined) return [];
  const excluded = new Set<string>();
  if (fourEyes.notStarter && state.startedBy !== undefined) excluded.add(state.startedBy);
  for (const elementId of fourEyes.notCompleterOf) for (const user of state.completers.get(elementId) ?? []) excluded.add(user);
  return [...excluded];
}

function text(x: Execution, instance: ElementInstance, expression: CompiledExpression): Computed<string> {
  const result = x.evaluate(expression, instance.key);
  if (!result.ok) return result;
  if (typeof result.value === 'string') return { ok: true, value: result.value };
  if (typeof result.value === 'number') return { ok: true, value: String(result.value) };
  return { ok: false, reason: `it gave ${JSON.stringify(result.value)}, not text` };
}

function names(x: Execution, instance: ElementInstance, expressions: readonly CompiledExpression[]): Computed<string[]> {
  const all: string[] = [];
  for (const expression of expressions) {
    const result = x.evaluate(expression, instance.key);
    if (!result.ok) return result;
    const values = Array.isArray(result.value) ? result.value : [result.value];
    for (const value of values) {
      if (typeof value !== 'string') return { ok: false, reason: `it gave ${JSON.stringify(value)}, not a name` };
      for (const part of value.split(',')) if (part.trim() !== '') all.push(part.trim());
    }
  }
  return { ok: true, value: all };
}

function date(x: Execution, instance: ElementInstance, expression: CompiledExpression): Computed<string> {
  const result = text(x, instance, expression);
  if (!result.ok) return result;
  const value = result.value.trim();
  if (/^-?P/.test(value)) {
    const duration = parseIsoDuration(value);
    if (!duration.ok) return { ok: false, reason: duration.reason };
    return { ok: true, value: addDuration(new Date(x.now), duration.value).toISOString() };
  }
  const at = parseIsoDateTime(value);
  if (!at.ok) return { ok: false, reason: at.reason };
  return { ok: true, value: at.value.toISOString() };
}

function priorityOf(x: Execution, instance: ElementInstance, expression: CompiledExpression): Computed<number> {
  const result = x.evaluate(expression, instance.key);
  if (!result.ok) return result;
  const value = typeof result.value === 'string' ? Number(result.value) : result.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    return { ok: false, reason: `it gave ${JSON.stringify(result.value)}, not a whole number from 0 to 100` };
  }
  return { ok: true, value };
}
