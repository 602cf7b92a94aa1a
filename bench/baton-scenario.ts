/**
 * One Baton scenario of `npm run bench`, run as its own process by bench/runtime.ts:
 *
 *   tsx bench/baton-scenario.ts --db sqlite|postgres --workers <n> --instances <n> --runs <n>
 *
 * A fresh, migrated database gets the bench process published. Each run starts `instances`
 * instances (CreateInstance { amount }, 100 per transaction) as fast as it can while the
 * runtime works them off; the three service tasks are done by the built-in `noop` executor.
 * SQLite: the runtime runs inside this process (as inside the web server) and this process
 * starts the instances. PostgreSQL: in `workers` separate worker processes (bench/bench-worker.ts:
 * `npm run worker` that also starts its share of the instances when asked — one starting process
 * capped every number of workers); this process only asks and measures. A run's time is from
 * the moment the starts are asked for to its last instance's end (endedAt); latency is
 * endedAt − startedAt per instance. Peak RSS: this process (SQLite) or the sum of the workers'
 * peaks (PostgreSQL). BATON_RUNTIME_STATS=1 prints each worker's counters (claims, empty claims,
 * conflicts) at the end; BENCH_VERBOSE=1 how long the starting took per run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, type Db } from '../lib/db/client';
import { createEmptyTestDatabase } from '../lib/db/test-database';
import { deployMigrations } from '../lib/db/migrate';
import { Runtime } from '../lib/engine/runtime/runtime';
import { noopExecutor } from '../lib/engine/runtime/executors/noop';
import { createRuntimeContext } from '../lib/engine/runtime/runtime-context';
import { startInstances } from '../lib/engine/runtime/start-instance';
import { SYSTEM_ACTOR } from '../lib/models/actor';
import { createModel } from '../lib/models/create-model';
import { publishModel } from '../lib/models/publish-model';
import { amountOf, benchBpmn, busyCoresBetween, machineCpuTicks, peakRssMb, percentile, printResult, REPO_ROOT, type Run } from './bench-support';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    workers: { type: 'string', default: '1' },
    instances: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
  },
});
const kind = values.db === 'postgres' ? 'postgres' : 'sqlite';
const workers = Number(values.workers);
const instances = Number(values.instances);
const runs = Number(values.runs);
const START_BATCH = 100;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function createDatabase(): Promise<{ url: string; remove: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'baton-bench-'));
    return { url: `file:${path.join(folder, 'bench.db')}`, remove: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  return createEmptyTestDatabase('postgres');
}

type Worker = { child: ChildProcess; ready: Promise<void> };

function startWorker(url: string): Worker {
  const child = spawn(process.execPath, [...(process.env.BENCH_WORKER_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_WORKER_PROF] : []), '--import', 'tsx', path.join(REPO_ROOT, 'bench/bench-worker.ts')], {
    cwd: REPO_ROOT,
    // `npm run worker`'s own defaults (scripts/worker.ts): commits wake the workers (LISTEN/NOTIFY),
    // the idle poll is only the fallback. BENCH_WORKER_POLL_MS overrides it for experiments.
    env: { ...process.env, DATABASE_URL: url, ...(process.env.BENCH_WORKER_POLL_MS === undefined ? {} : { BATON_WORKER_POLL_MS: process.env.BENCH_WORKER_POLL_MS }) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
  return { child, ready };
}

/** Starts `instances` instances: here (SQLite), or each worker its share (PostgreSQL). Resolves when all are started. */
async function startAll(rt: ReturnType<typeof createRuntimeContext>, workers: readonly Worker[], modelKey: string, businessKey: string): Promise<void> {
  if (workers.length === 0) {
    for (let i = 0; i < instances; i += START_BATCH) {
      const batch = [];
      for (let j = i; j < Math.min(instances, i + START_BATCH); j++) batch.push({ processKey: modelKey, businessKey, variables: { amount: amountOf(j) } });
      await startInstances(rt, batch);
    }
    return;
  }
  const share = Math.ceil(instances / workers.length);
  await Promise.all(
    workers.map(
      ({ child }, w) =>
        new Promise<void>((resolve) => {
          child.once('message', () => resolve());
          child.send({ type: 'start', processKey: modelKey, businessKey, from: w * share, to: Math.min(instances, (w + 1) * share), batch: START_BATCH });
        }),
    ),
  );
}

async function runOnce(db: Db, rt: ReturnType<typeof createRuntimeContext>, workers: readonly Worker[], modelKey: string, run: number): Promise<Run> {
  const businessKey = `run-${run}`;
  const cpuAtStart = machineCpuTicks();
  let cpuWhileBusy = cpuAtStart;
  const t0 = Date.now();
  await startAll(rt, workers, modelKey, businessKey);
  const startedMs = Date.now() - t0;
  for (;;) {
    // Counting the still-active ones reads only the small "active" part of the status index. The
    // run's time comes from the rows (endedAt), not from this poll, so it polls sparingly: its
    // reads would take CPU from the workers being measured.
    const cpuNow = machineCpuTicks();
    const active = await db.processInstance.count({ where: { status: 'active', businessKey } });
    if (active === 0) break;
    cpuWhileBusy = cpuNow; // the machine's CPU use is taken up to the last poll that found work
    await sleep(100);
  }
  const rows = await db.processInstance.findMany({ where: { businessKey }, select: { startedAt: true, endedAt: true } });
  const ends = rows.map((r) => (r.endedAt as Date).getTime());
  const latencies = rows.map((r) => (r.endedAt as Date).getTime() - r.startedAt.getTime());
  if (process.env.BENCH_VERBOSE === '1') console.error(`    starting took ${startedMs} ms of ${Math.max(...ends) - t0} ms`);
  const busyCores = busyCoresBetween(cpuAtStart, cpuWhileBusy);
  return { instances, seconds: (Math.max(...ends) - t0) / 1000, p95Ms: percentile(latencies, 95), ...(busyCores === undefined ? {} : { busyCores }) };
}

async function main(): Promise<void> {
  const database = await createDatabase();
  await deployMigrations({ url: database.url });
  const db = createDb(database.url);
  const { xml } = benchBpmn();
  await createModel({ db, actor: SYSTEM_ACTOR, source: { xml }, key: 'bench' });
  await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: 'bench' });

  let runtime: Runtime | undefined;
  const workerProcesses: Worker[] = [];
  if (kind === 'sqlite') {
    runtime = new Runtime({ db, executors: { noop: noopExecutor }, pollMs: 20, jobBatchSize: 64, jobRounds: 2, retentionEveryMs: 0 });
    await runtime.start();
  } else {
    for (let w = 0; w < workers; w++) workerProcesses.push(startWorker(database.url));
    await Promise.all(workerProcesses.map((w) => w.ready));
  }
  const children = workerProcesses.map((w) => w.child);
  const rt = runtime?.rt ?? createRuntimeContext({ db });

  const results: Run[] = [];
  try {
    await runOnce(db, rt, workerProcesses, 'bench', 0); // warm-up (JIT, connections), not counted
    // Steady state: a running PostgreSQL has planner statistics (autovacuum analyzes a table once
    // a tenth of it changed, within a minute); a just-created database has none until then, and
    // the whole scenario is over sooner. Without them the claim query scans every job row.
    if (kind === 'postgres') await db.$executeRawUnsafe('ANALYZE');
    for (let r = 1; r <= runs; r++) {
      const result = await runOnce(db, rt, workerProcesses, 'bench', r);
      results.push(result);
      console.error(`  ${kind} ${workers}w run ${r}: ${(result.instances / result.seconds).toFixed(0)} instances/s, p95 ${result.p95Ms.toFixed(0)} ms, ${result.busyCores?.toFixed(2) ?? '?'} CPUs busy`);
    }
  } finally {
    const peaks = children.map((child) => (child.pid === undefined ? 0 : peakRssMb(child.pid)));
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    await runtime?.stop();
    await db.$disconnect();
    await database.remove();
    const peak = kind === 'sqlite' ? peakRssMb() : peaks.reduce((a, b) => a + b, 0);
    printResult({ runs: results, peakRssMb: peak, note: kind === 'sqlite' ? 'runtime in the measuring process' : `sum of ${workers} worker processes` });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
