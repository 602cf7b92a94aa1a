/**
 * The runtime service: the loops that move instances forward without anyone asking — built-in
 * job executors, due timers, runtime work (calls, published messages, signals), buffered
 * message delivery, start-event rows and retention.
 *
 * Contract
 * - One `Runtime` per process. It runs inside the Next.js server (instrumentation.ts) or in
 *   `npm run worker` processes (scripts/worker.ts); any number of them may share a database.
 *   Everything they do goes through durable commands, leases and the outbox, so a runtime can
 *   die at any point: its leases expire and another one (or itself after a restart) takes over.
 * - Each loop runs a step; a step that found work is followed at once by the next, an idle one
 *   waits `pollMs` — or less: commits wake the loop that has new work — this process's through
 *   the commit notice of execute-command.ts, other processes' on PostgreSQL through the commit
 *   channel (LISTEN/NOTIFY, commit-channel.ts) — and the timer loop also wakes at the next due
 *   time. On SQLite other processes' work is found by the poll, so timers fire within `pollMs`.
 * - `stop()` is graceful: no new round starts, rounds in flight finish and commit, then whatever
 *   this runtime still holds (job, timer and work leases) is released for others at once.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { postgresUrlOf, type Db } from '@/lib/db/client';
import type { Clock } from './clock';
import { correlateBufferedMessages } from './correlate-buffered-messages';
import { deleteExpiredInstances } from './delete-expired-instances';
import { dispatchWork } from './dispatch-work';
import { createAgentExecutor } from './executors/agent';
import { subscribeRemoteCommits, type RemoteCommitNotice } from './commit-channel';
import { createHttpExecutor } from './executors/http';
import { noopExecutor } from './executors/noop';
import type { JobExecutor } from './executors/types';
import { fireDueTimers, nextTimerDueAt } from './fire-due-timers';
import { releaseJobs } from './claim-jobs';
import { runJobBatch } from './run-job-batch';
import { createRuntimeContext, type CommitNotice, type RuntimeContext } from './runtime-context';
import { syncStartEvents } from './sync-start-events';

export type RuntimeOptions = {
  db: Db;
  clock?: Clock;
  /** Lease owner name (default host:pid:random). */
  owner?: string;
  /** Built-in executors by job type (default: noop and http). */
  executors?: Readonly<Record<string, JobExecutor>>;
  /** Jobs claimed per round, and rounds in flight at once. */
  jobBatchSize?: number;
  jobRounds?: number;
  /** Attempt timeout of tasks that name none (ms). */
  defaultJobTimeoutMs?: number;
  /** Longest idle wait of a loop (ms). */
  pollMs?: number;
  /** How often retention runs (ms); 0 turns it off. */
  retentionEveryMs?: number;
  /** Log problems (default console.error). */
  log?: (message: string, error?: unknown) => void;
};

export const DEFAULT_EXECUTORS: Readonly<Record<string, JobExecutor>> = { noop: noopExecutor, http: createHttpExecutor(), agent: createAgentExecutor() };

type Loop = { name: string; wake: () => void; done: Promise<void> };

export class Runtime {
  readonly rt: RuntimeContext;
  readonly owner: string;
  /** 'commit' (CommitNotice) after each transaction of this process. */
  readonly events = new EventEmitter();
  private running = false;
  private readonly loops: Loop[] = [];
  private timerWake: NodeJS.Timeout | undefined;
  private unlisten: (() => void) | undefined;
  private readonly options: Required<Omit<RuntimeOptions, 'clock' | 'owner' | 'db'>>;

  constructor(options: RuntimeOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.options = {
      executors: options.executors ?? DEFAULT_EXECUTORS,
      jobBatchSize: options.jobBatchSize ?? 64,
      jobRounds: options.jobRounds ?? 2,
      defaultJobTimeoutMs: options.defaultJobTimeoutMs ?? 30_000,
      pollMs: options.pollMs ?? 250,
      retentionEveryMs: options.retentionEveryMs ?? 10 * 60_000,
      log: options.log ?? ((message, error) => console.error(`[baton runtime] ${message}`, error ?? '')),
    };
    this.events.setMaxListeners(0);
    this.rt = createRuntimeContext({ db: options.db, ...(options.clock ? { clock: options.clock } : {}), onCommit: (notice) => this.onCommit(notice) });
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await syncStartEvents(this.rt);
    } catch (error) {
      this.options.log('start events could not be synced', error);
    }
    const o = this.options;
    const url = postgresUrlOf(this.rt.db);
    if (url !== undefined) this.unlisten = subscribeRemoteCommits(url, (notice) => this.onRemoteCommit(notice));
    for (let round = 0; round < o.jobRounds; round++) {
      this.loop(`jobs`, () => runJobBatch(this.rt, { owner: this.owner, executors: o.executors, batchSize: o.jobBatchSize, defaultTimeoutMs: o.defaultJobTimeoutMs }), o.pollMs);
    }
    this.loop('timers', () => fireDueTimers(this.rt, { owner: this.owner, max: 200 }), o.pollMs, () => this.scheduleTimerWake());
    this.loop('work', () => dispatchWork(this.rt, { owner: this.owner, max: 50 }), o.pollMs);
    this.loop('messages', () => correlateBufferedMessages(this.rt, { max: 100 }), Math.max(o.pollMs, 500));
    this.loop('start-events', async () => (await syncStartEvents(this.rt), 0), 5_000);
    if (o.retentionEveryMs > 0) this.loop('retention', () => deleteExpiredInstances(this.rt, { batchSize: 500 }), o.retentionEveryMs);
  }

  /** Graceful: finish the rounds in flight, then release what this runtime still holds. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.timerWake);
    this.unlisten?.();
    this.unlisten = undefined;
    for (const loop of this.loops) loop.wake();
    await Promise.all(this.loops.map((loop) => loop.done));
    this.loops.length = 0;
    await releaseJobs(this.rt, this.owner);
    await this.rt.db.timer.updateMany({ where: { leaseOwner: this.owner }, data: { leaseOwner: null, leaseExpiresAt: null } });
    await this.rt.db.runtimeWork.updateMany({ where: { leaseOwner: this.owner }, data: { leaseOwner: null, leaseExpiresAt: null } });
  }

  /** Wakes the loops named (all by default), e.g. after an API call changed something. */
  wake(...names: string[]): void {
    for (const loop of this.loops) if (names.length === 0 || names.includes(loop.name)) loop.wake();
  }

  private onCommit(notice: CommitNotice): void {
    this.events.emit('commit', notice);
    if (!this.running) return;
    if (notice.jobTypes.length > 0) this.wake('jobs');
    if (notice.work) this.wake('work');
    if (notice.subscriptions) this.wake('messages');
    if (notice.timerDueAt !== undefined) this.scheduleTimerWake(notice.timerDueAt);
  }

  /** Another process committed (PostgreSQL): wake the loops that may have work now. */
  private onRemoteCommit(notice: RemoteCommitNotice): void {
    if (!this.running) return;
    if (notice.jobTypes.length > 0) this.wake('jobs');
    if (notice.work) this.wake('work');
    if (notice.subscriptions) this.wake('messages');
    if (notice.timerDueAt !== undefined) this.scheduleTimerWake(notice.timerDueAt);
  }

  /** Wakes the timer loop at `dueAt` (or at the earliest scheduled timer) if that is before its next poll. */
  private scheduleTimerWake(dueAt?: number): void {
    const set = (at: number) => {
      const delay = Math.max(0, at - this.rt.clock.now());
      if (delay >= this.options.pollMs) return;
      clearTimeout(this.timerWake);
      this.timerWake = setTimeout(() => this.wake('timers'), delay);
    };
    if (dueAt !== undefined) {
      set(dueAt);
      return;
    }
    nextTimerDueAt(this.rt).then(
      (next) => {
        if (next !== null && this.running) set(next);
      },
      () => {},
    );
  }

  private loop(name: string, step: () => Promise<number>, idleMs: number, afterIdle?: () => void): void {
    let wake: () => void = () => {};
    let pending = false;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        if (pending || !this.running) {
          pending = false;
          resolve();
          return;
        }
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = () => {
            pending = true;
          };
          resolve();
        }
        wake = done;
      });
    const loopState: Loop = {
      name,
      wake: () => wake(),
      done: (async () => {
        wake = () => {
          pending = true;
        };
        while (this.running) {
          let found = 0;
          try {
            found = await step();
          } catch (error) {
            this.options.log(`${name} round failed`, error);
          }
          if (!this.running) break;
          if (found === 0) {
            afterIdle?.();
            await sleep(idleMs);
          }
        }
      })(),
    };
    this.loops.push(loopState);
  }
}
