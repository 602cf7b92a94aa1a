/**
 * Replay and time travel over an instance's event log, and the determinism check.
 *
 * Contract
 * - `replay(events)` folds `evolve` from the empty state; `stateAt(events, n)` folds the
 *   first `n` events (time travel in the viewer).
 * - `checkDeterminism` re-runs `decide` over recorded commands, with the recorded times and
 *   ids, and reports the first event where the new run differs from the recorded log — what
 *   a code change that alters behaviour for existing instances looks like.
 */
import type { Command } from './commands';
import { decide } from './decide';
import type { Definition } from './definition';
import type { Event } from './events';
import { apply, Draft } from './evolve';
import { EMPTY_STATE, type InstanceState } from './state';

export function replay(events: readonly Event[], from: InstanceState = EMPTY_STATE): InstanceState {
  const draft = new Draft(from);
  for (const event of events) apply(draft, event);
  return draft.state;
}

export function stateAt(events: readonly Event[], n: number): InstanceState {
  return replay(events.slice(0, Math.max(0, n)));
}

/** One recorded command with what it was decided with. */
export type RecordedCommand = {
  command: Command;
  /** `ctx.now` of the original decide. */
  now: string | number;
  /** The ids `ctx.newId` returned, in order. */
  ids: readonly string[];
  /** The events it produced (empty if it was rejected). */
  events: readonly Event[];
};

export type Divergence = {
  /** Index of the command in the recording. */
  commandIndex: number;
  /** Index of the first differing event in that command's events (or in the whole log: `logIndex`). */
  eventIndex: number;
  logIndex: number;
  expected: Event | undefined;
  actual: Event | undefined;
  reason: string;
};

export function checkDeterminism(definition: Definition, recording: readonly RecordedCommand[]): Divergence | null {
  let state = EMPTY_STATE;
  let logIndex = 0;
  for (let commandIndex = 0; commandIndex < recording.length; commandIndex++) {
    const recorded = recording[commandIndex];
    let next = 0;
    const result = decide(definition, state, recorded.command, {
      now: typeof recorded.now === 'number' ? recorded.now : Date.parse(recorded.now),
      newId: () => {
        const id = recorded.ids[next++];
        return id ?? `diverged-id-${next}`;
      },
    });
    const actual = result.ok ? result.events : [];
    const count = Math.max(actual.length, recorded.events.length);
    for (let i = 0; i < count; i++) {
      const a = actual[i];
      const e = recorded.events[i];
      if (a === undefined || e === undefined || !sameEvent(a, e)) {
        return {
          commandIndex,
          eventIndex: i,
          logIndex: logIndex + i,
          expected: e,
          actual: a,
          reason:
            a === undefined
              ? `command ${commandIndex} (${recorded.command.type}) now produces ${actual.length} events, the log has ${recorded.events.length}${result.ok ? '' : ` (rejected: ${result.code})`}`
              : e === undefined
                ? `command ${commandIndex} (${recorded.command.type}) now produces more events than the log (${actual.length} > ${recorded.events.length})`
                : a.type === e.type
                  ? `command ${commandIndex} (${recorded.command.type}): event ${i} (${a.type}) differs from the log in ${differingFields(a, e).join(', ')}`
                  : `command ${commandIndex} (${recorded.command.type}): event ${i} is ${a.type}, the log has ${e.type}`,
        };
      }
    }
    logIndex += recorded.events.length;
    state = result.ok ? result.state : state;
  }
  return null;
}

/** The fields two events of the same type disagree on. */
function differingFields(a: Event, b: Event): string[] {
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...fields].filter((field) => canonical((a as Record<string, unknown>)[field]) !== canonical((b as Record<string, unknown>)[field])).sort();
}

function sameEvent(a: Event, b: Event): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with sorted keys and without undefined fields. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
