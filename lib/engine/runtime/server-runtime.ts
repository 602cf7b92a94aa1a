/**
 * The runtime inside this server process: started once by instrumentation.ts (or by
 * scripts/worker.ts), reachable from route handlers to wake its loops after an API call.
 *
 * Contract
 * - `BATON_RUNTIME=off` (or `0`, `false`) keeps the web server from running processes: run
 *   `npm run worker` processes instead. Route handlers still execute commands themselves (an API
 *   call is a command); only the background loops are off.
 * - One runtime per process, kept on globalThis (Next's dev reload must not start a second).
 * - SIGTERM / SIGINT stop it gracefully (rounds in flight finish, leases are released) before
 *   the process exits.
 */
import { getDb, postgresUrlOf, type Db } from '@/lib/db/client';
import { subscribeRemoteCommits } from './commit-channel';
import { Runtime, type RuntimeOptions } from './runtime';
import { createRuntimeContext, type CommitNotice, type RuntimeContext } from './runtime-context';

const globalForRuntime = globalThis as typeof globalThis & { __batonRuntime?: Runtime };

export function runtimeEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = (env.BATON_RUNTIME ?? 'on').trim().toLowerCase();
  return !['off', '0', 'false', 'no'].includes(flag);
}

/** The process's runtime, created (not started) on first use. */
export function getRuntime(options: Partial<RuntimeOptions> = {}): Runtime {
  globalForRuntime.__batonRuntime ??= new Runtime({ db: getDb(), ...options });
  return globalForRuntime.__batonRuntime;
}

/** Starts the process's runtime once and stops it on SIGTERM/SIGINT. */
export async function startServerRuntime(options: Partial<RuntimeOptions> = {}): Promise<Runtime> {
  const runtime = getRuntime(options);
  if (runtime.isRunning) return runtime;
  await runtime.start();
  const stop = (signal: NodeJS.Signals) => {
    runtime.stop().then(
      () => process.exit(signal === 'SIGINT' ? 130 : 0),
      (error: unknown) => {
        console.error('[baton runtime] stop failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return runtime;
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The options of an `npm run worker` process, from its environment (scripts/worker.ts lists the variables). */
export function workerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<RuntimeOptions> {
  return {
    pollMs: numberFrom(env, 'BATON_WORKER_POLL_MS', 250),
    jobBatchSize: numberFrom(env, 'BATON_WORKER_JOB_BATCH', 64),
    jobRounds: numberFrom(env, 'BATON_WORKER_JOB_ROUNDS', 2),
    defaultJobTimeoutMs: numberFrom(env, 'BATON_WORKER_JOB_TIMEOUT_MS', 30_000),
  };
}

const contexts = new WeakMap<Db, RuntimeContext>();

/**
 * The runtime context for API calls on `db`: the process runtime's own when it runs on that
 * database, else one made for it (tests pass their own database). Its commits wake this process's
 * loops and live streams.
 */
export function runtimeContextFor(db: Db): RuntimeContext {
  const running = globalForRuntime.__batonRuntime;
  if (running !== undefined && running.rt.db === db) return running.rt;
  let rt = contexts.get(db);
  if (rt === undefined) {
    rt = createRuntimeContext({ db, onCommit: (notice) => commitListeners.forEach((listener) => listener(notice)) });
    contexts.set(db, rt);
  }
  return rt;
}

const commitListeners = new Set<(notice: CommitNotice) => void>();

/** Calls `callback` after every commit of this process (API calls and the runtime's loops); returns the unsubscribe. */
export function onCommit(callback: (notice: CommitNotice) => void): () => void {
  commitListeners.add(callback);
  const running = globalForRuntime.__batonRuntime;
  running?.events.on('commit', callback);
  return () => {
    commitListeners.delete(callback);
    running?.events.off('commit', callback);
  };
}

/**
 * The wake-up of live streams on `db`: this process's commits (onCommit) and, on PostgreSQL,
 * every other process's (LISTEN/NOTIFY, commit-channel.ts). Remote notices carry no events.
 */
export function commitWakeFor(db: Db): (callback: (notice: CommitNotice) => void) => () => void {
  const url = postgresUrlOf(db);
  return (callback) => {
    const offLocal = onCommit(callback);
    const offRemote = url === undefined ? () => {} : subscribeRemoteCommits(url, callback);
    return () => {
      offLocal();
      offRemote();
    };
  };
}
