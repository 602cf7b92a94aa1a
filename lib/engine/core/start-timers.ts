/**
 * Timer start events of a process: when each fires next. The runtime schedules them when a
 * version is published and after each firing, and starts an instance by
 * CreateInstance { startEventId } when one is due.
 *
 * Contract: pure; `now`, `previous` and `count` come in. A timer whose value is an expression
 * is evaluated without variables (there is no instance yet).
 */
import { nextFireTime, parseTimer } from '@/lib/bpmn/timers';
import type { Definition } from './definition';

export type StartTimer = { startEventId: string; dueAt: string };

export function startTimersOf(
  definition: Definition,
  options: { now: Date | number; previous?: Date; count?: number; startEventId?: string },
): StartTimer[] {
  const now = new Date(typeof options.now === 'number' ? options.now : options.now.getTime());
  const result: StartTimer[] = [];
  for (const id of definition.timerStartIds) {
    if (options.startEventId !== undefined && id !== options.startEventId) continue;
    const trigger = definition.nodes[id].trigger;
    if (trigger.kind !== 'timer') continue;
    let spec = trigger.timer.spec;
    if (spec.kind === 'dynamic') {
      const value = trigger.timer.expression?.evaluate({});
      if (value === undefined || !value.ok || typeof value.value !== 'string') continue;
      const parsed = parseTimer(trigger.timer.field, value.value);
      if (!parsed.ok || parsed.spec.kind === 'dynamic') continue;
      spec = parsed.spec;
    }
    const due = nextFireTime(spec, { now, ...(options.previous ? { previous: options.previous } : {}), count: options.count ?? 0 });
    if (due !== null) result.push({ startEventId: id, dueAt: due.toISOString() });
  }
  return result;
}
