/**
 * `npm run bench`: Baton's durable runtime against the npm package bpmn-engine on the standard
 * bench process (../shared/bench/bench.bpmn), side by side in one run, each scenario in its own
 * process (so its peak RSS is its own):
 *
 *   baton sqlite              runtime in-process on SQLite (as inside the web server)
 *   baton postgres 1 worker   one `npm run worker` process on PostgreSQL
 *   baton postgres 3 workers  three of them sharing the load
 *   bpmn-engine memory        in memory, definition parsed once (bench/peer-scenario.ts)
 *   bpmn-engine persisted     its getState() saved to SQLite after every activity
 *   waiting instances         RSS growth with BENCH_WAITING instances in user tasks
 *   long log                  one command's latency on a fresh instance and on one with 20,000 events
 *
 * Instances per run: BENCH_INSTANCES for Baton (default 1000), BENCH_PEER_INSTANCES for
 * bpmn-engine (default 100: it runs ~50 instances/s here, and CI must stay short); runs:
 * BENCH_RUNS (default 5) after one warm-up run. Throughput is the median of the runs; p95 is
 * the median of the runs' p95 instance latencies (start → end). The last two lines are the
 * medians of the pairwise ratios (run i of Baton on SQLite over run i of the peer).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { benchBpmn, machineCpuTicks, median, parseResult, REPO_ROOT, type ScenarioResult } from './bench-support';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1000);
const PEER_INSTANCES = Number(process.env.BENCH_PEER_INSTANCES ?? 100);
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);

function runScenario(label: string, args: string[], nodeFlags: string[] = []): Promise<ScenarioResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${label} exited with ${code}:\n${stdout.slice(-2000)}`));
      else resolve(parseResult(stdout));
    });
  });
}

function throughputs(result: ScenarioResult): number[] {
  return result.runs.map((run) => run.instances / run.seconds);
}

function pairwiseRatio(a: ScenarioResult, b: ScenarioResult): number {
  const x = throughputs(a);
  const y = throughputs(b);
  return median(x.map((value, i) => value / y[Math.min(i, y.length - 1)]));
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

async function main(): Promise<void> {
  const { file } = benchBpmn();
  console.log(`bench process: ${path.relative(REPO_ROOT, file)}`);
  console.log(`Baton: ${INSTANCES} instances per run; bpmn-engine: ${PEER_INSTANCES} instances per run; ${RUNS} runs each after one warm-up run`);
  console.log('');
  const baton = (db: string, workers: number) => ['bench/baton-scenario.ts', '--db', db, '--workers', String(workers), '--instances', String(INSTANCES), '--runs', String(RUNS)];
  const peer = (mode: string) => ['bench/peer-scenario.ts', '--mode', mode, '--instances', String(PEER_INSTANCES), '--runs', String(RUNS)];

  const sqlite = await runScenario('baton sqlite', baton('sqlite', 1));
  const pg1 = await runScenario('baton postgres 1 worker', baton('postgres', 1));
  const pg3 = await runScenario('baton postgres 3 workers', baton('postgres', 3));
  const memory = await runScenario('bpmn-engine memory', peer('memory'));
  const persisted = await runScenario('bpmn-engine persisted', peer('persisted'));
  const waiting = await runScenario('waiting instances', ['bench/memory-scenario.ts', '--waiting', String(WAITING)], ['--expose-gc']);
  const longLog = await runScenario('long log', ['bench/long-log-scenario.ts', '--events', '20000']);

  const rows: [string, ScenarioResult, string][] = [
    ['Baton durable, SQLite (runtime in-process)', sqlite, ''],
    ['Baton durable, PostgreSQL, 1 worker', pg1, 'RSS: the worker'],
    ['Baton durable, PostgreSQL, 3 workers', pg3, 'RSS: sum of the workers'],
    ['bpmn-engine, in memory', memory, ''],
    ['bpmn-engine, getState() to SQLite per activity', persisted, ''],
  ];
  console.log('');
  console.log(`${pad('scenario', 50)}${pad('instances/s', 13, true)}${pad('p95 ms', 10, true)}${pad('peak RSS MB', 13, true)}  runs (instances/s)`);
  console.log('-'.repeat(120));
  for (const [label, result, note] of rows) {
    const values = throughputs(result);
    console.log(
      `${pad(label, 50)}${pad(median(values).toFixed(0), 13, true)}${pad(median(result.runs.map((r) => r.p95Ms)).toFixed(0), 10, true)}${pad(result.peakRssMb.toFixed(0), 13, true)}  ` +
        `${values.map((v) => v.toFixed(0)).join(' ')}${note ? `  (${note})` : ''}`,
    );
  }
  const growth = Number(/rss-growth-mb=(-?[\d.]+)/.exec(waiting.note ?? '')?.[1] ?? NaN);
  const heapGrowth = Number(/heap-growth-mb=(-?[\d.]+)/.exec(waiting.note ?? '')?.[1] ?? NaN);
  console.log('');
  console.log(`RSS growth with ${WAITING} instances waiting in user tasks (runtime on SQLite, after GC): ${growth.toFixed(1)} MB (V8 heap: ${heapGrowth.toFixed(1)} MB; RSS also moves with memory the allocator keeps from before)`);
  const log = /fresh-ms=([\d.]+) long-ms=([\d.]+) events=(\d+)/.exec(longLog.note ?? '');
  if (log) console.log(`One command (SQLite, median of 200): ${log[1]} ms on a fresh instance, ${log[2]} ms with ${log[3]} events in its log (the snapshot is loaded, never the log)`);

  const ratioPersisted = pairwiseRatio(sqlite, persisted);
  const ratioMemory = pairwiseRatio(sqlite, memory);
  const scaleOut = median(throughputs(pg3)) / median(throughputs(pg1));
  console.log('');
  console.log('targets (2-core machine):');
  console.log(`  SQLite ≥ 10× bpmn-engine persisted: ${ratioPersisted.toFixed(1)}× ${ratioPersisted >= 10 ? 'met' : 'NOT met'}`);
  console.log(`  SQLite ≥ 5× bpmn-engine in memory: ${ratioMemory.toFixed(1)}× ${ratioMemory >= 5 ? 'met' : 'NOT met'}`);
  console.log(`  PostgreSQL 3 workers ≥ 1.5× 1 worker: ${scaleOut.toFixed(2)}× ${scaleOut >= 1.5 ? 'met' : 'NOT met'}`);
  const busy1 = median(pg1.runs.map((run) => run.busyCores ?? NaN));
  const busy3 = median(pg3.runs.map((run) => run.busyCores ?? NaN));
  const cpus = machineCpuTicks()?.cpus;
  if (Number.isFinite(busy1) && Number.isFinite(busy3) && cpus !== undefined) {
    // The machine's CPUs are shared by the workers and PostgreSQL: if one worker's runs already
    // keep `busy1` of them busy, three can go at most cpus / busy1 times as fast.
    console.log(`    (CPUs busy, whole machine: ${busy1.toFixed(2)} of ${cpus} with 1 worker, ${busy3.toFixed(2)} with 3: at most ${(cpus / busy1).toFixed(2)}× here before any cost per instance that more processes add)`);
  }
  console.log(`  10,000 waiting instances < 50 MB RSS: ${growth.toFixed(1)} MB ${growth < 50 ? 'met' : 'NOT met'}${WAITING === 10_000 ? '' : ` (measured with ${WAITING})`}`);
  console.log('');
  console.log(`ratio sqlite/bpmn-engine-persisted: ${ratioPersisted.toFixed(1)}x`);
  console.log(`ratio sqlite/bpmn-engine-memory: ${ratioMemory.toFixed(1)}x`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
