/**
 * A pure driver for one instance: sends commands through `decide` with a controlled clock and
 * counter ids, keeps the log, the state and the recording. Used by the tests, the golden logs,
 * the corpus runner and the bench; the runtime does the same with a database around it.
 */
import type { Command } from './commands';
import { decide, type DecideResult } from './decide';
import type { Definition } from './definition';
import type { Event } from './events';
import type { RecordedCommand } from './replay';
import { EMPTY_STATE, type InstanceState, type JobState, type TimerState, type UserTaskState } from './state';

export type HarnessOptions = {
  /** Start of the clock, epoch ms (default 2026-01-01T00:00:00Z). */
  now?: number;
  /** Prefix of generated ids (default `k`). */
  idPrefix?: string;
  /** Keep a recording of commands for the determinism check (default true). */
  record?: boolean;
};

export class Harness {
  state: InstanceState = EMPTY_STATE;
  readonly events: Event[] = [];
  readonly recording: RecordedCommand[] = [];
  now: number;
  private counter = 0;
  private readonly prefix: string;
  private readonly record: boolean;

  constructor(
    readonly definition: Definition,
    options: HarnessOptions = {},
  ) {
    this.now = options.now ?? Date.UTC(2026, 0, 1);
    this.prefix = options.idPrefix ?? 'k';
    this.record = options.record ?? true;
  }

  send(command: Command): DecideResult {
    const ids: string[] = [];
    const result = decide(this.definition, this.state, command, {
      now: this.now,
      newId: () => {
        const id = `${this.prefix}${++this.counter}`;
        if (this.record) ids.push(id);
        return id;
      },
    });
    if (result.ok) {
      for (const event of result.events) this.events.push(event);
      this.state = result.state;
    }
    if (this.record) this.recording.push({ command, now: this.now, ids, events: result.ok ? result.events : [] });
    return result;
  }

  /** Like `send`, but a rejection is an error (for tests that expect the command to apply). */
  must(command: Command): Event[] {
    const result = this.send(command);
    if (!result.ok) throw new Error(`${command.type} was rejected: ${result.code}: ${result.message}`);
    return result.events;
  }

  advance(ms: number): void {
    this.now += ms;
  }

  jobs(jobType?: string): JobState[] {
    return [...this.state.jobs.values()].filter((job) => jobType === undefined || job.jobType === jobType);
  }

  job(elementId: string): JobState {
    const job = [...this.state.jobs.values()].find((j) => j.elementId === elementId);
    if (job === undefined) throw new Error(`no open job for ${elementId}`);
    return job;
  }

  tasks(): UserTaskState[] {
    return [...this.state.userTasks.values()];
  }

  task(elementId: string): UserTaskState {
    const task = [...this.state.userTasks.values()].find((t) => t.elementId === elementId);
    if (task === undefined) throw new Error(`no open user task for ${elementId}`);
    return task;
  }

  timers(): TimerState[] {
    return [...this.state.timers.values()];
  }

  /** Moves the clock to the earliest due timer and fires it. */
  fireNextTimer(): Event[] {
    const timers = this.timers().sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.timerKey.localeCompare(b.timerKey));
    const timer = timers[0];
    if (timer === undefined) throw new Error('no timer is scheduled');
    this.now = Math.max(this.now, Date.parse(timer.dueAt));
    return this.must({ type: 'FireTimer', timerKey: timer.timerKey });
  }

  /** Active element ids (not the process), sorted. */
  active(): string[] {
    return [...this.state.elements.values()]
      .filter((e) => e.scopeKey !== null)
      .map((e) => e.elementId)
      .sort();
  }

  /** Element ids in the order they completed (from the log). */
  completed(): string[] {
    return this.events.filter((e) => e.type === 'ElementCompleted').map((e) => (e as Extract<Event, { type: 'ElementCompleted' }>).elementId);
  }

  /** The process variables (root scope). */
  get variables(): Readonly<Record<string, unknown>> {
    return this.state.instanceKey === null ? {} : (this.state.variables.get(this.state.instanceKey) ?? {});
  }
}
