/**
 * `npm run bench:core`: the pure engine core driven through the standard bench process
 * (`../shared/bench/bench.bpmn` beside the repository, BENCH_BPMN overrides; the byte-identical
 * copy in lib/engine/core/fixtures/bench.bpmn when the shared folder is not there).
 *
 * Each instance: CreateInstance { amount } (amounts vary so both branches run), then the three
 * `noop` jobs completed by CompleteJob. One process, one core, no I/O: decide + evolve only.
 * Prints instances/s and element transitions/s (ElementActivated/Completed/Terminated events)
 * as the median of 5 runs; the last line is `core: <N> instances/s`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importBpmn } from '../lib/bpmn/xml/import-bpmn';
import { compile } from '../lib/engine/core/compile';
import { decide } from '../lib/engine/core/decide';
import type { Definition } from '../lib/engine/core/definition';
import { EMPTY_STATE } from '../lib/engine/core/state';

const RUNS = 5;
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 20_000);
const TRANSITIONS = new Set(['ElementActivated', 'ElementCompleted', 'ElementTerminated']);

type RunResult = { instances: number; seconds: number; cpuSeconds: number; transitions: number; events: number; high: number };

function runOnce(definition: Definition, instances: number): RunResult {
  let id = 0;
  const ctx = { now: Date.UTC(2026, 0, 1), newId: () => `k${++id}` };
  let transitions = 0;
  let events = 0;
  let high = 0;
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < instances; i++) {
    const amount = (i * 37) % 1000; // score = amount / 10: both sides of 50
    let result = decide(definition, EMPTY_STATE, { type: 'CreateInstance', variables: { amount } }, ctx);
    if (!result.ok) throw new Error(result.message);
    let state = result.state;
    for (const e of result.events) if (TRANSITIONS.has(e.type)) transitions++;
    events += result.events.length;
    const jobKeys = [...state.jobs.keys()];
    if (jobKeys.length !== 3) throw new Error(`expected 3 jobs, got ${jobKeys.length}`);
    for (const jobKey of jobKeys) {
      result = decide(definition, state, { type: 'CompleteJob', jobKey }, ctx);
      if (!result.ok) throw new Error(result.message);
      state = result.state;
      for (const e of result.events) if (TRANSITIONS.has(e.type)) transitions++;
      events += result.events.length;
    }
    if (state.status !== 'completed') throw new Error(`instance ${i} did not complete`);
    if (state.variables.get(state.instanceKey as string)?.band === 'high') high++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { instances, seconds, cpuSeconds, transitions, events, high };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(import.meta.dirname, '..');
  const shared = process.env.BENCH_BPMN ?? path.resolve(repoRoot, '../shared/bench/bench.bpmn');
  const file = existsSync(shared) ? shared : path.join(repoRoot, 'lib/engine/core/fixtures/bench.bpmn');
  const xml = readFileSync(file, 'utf8');
  const imported = await importBpmn(xml);
  if (!imported.ok) throw new Error(`bench.bpmn does not import: ${imported.findings.map((f) => f.message).join('; ')}`);
  const compiled = compile(imported.model);
  if (!compiled.ok) throw new Error(`bench.bpmn does not compile: ${compiled.findings.map((f) => f.message).join('; ')}`);
  const definition = compiled.definition;

  runOnce(definition, Math.min(2_000, INSTANCES)); // warm-up (JIT)
  const runs: RunResult[] = [];
  for (let r = 0; r < RUNS; r++) {
    const result = runOnce(definition, INSTANCES);
    runs.push(result);
    console.log(
      `run ${r + 1}: ${result.instances} instances in ${result.seconds.toFixed(3)} s wall, ${result.cpuSeconds.toFixed(3)} s CPU — ` +
        `${Math.round(result.instances / result.cpuSeconds)} instances/s, ${Math.round(result.transitions / result.cpuSeconds)} element transitions/s, ` +
        `${Math.round(result.events / result.cpuSeconds)} events/s per CPU second (wall: ${Math.round(result.instances / result.seconds)} instances/s; ` +
        `${result.high} high, ${result.instances - result.high} low)`,
    );
  }
  const perInstance = runs[0].transitions / runs[0].instances;
  // Per CPU second of this (single-threaded) process, so that other load on the machine does not
  // count against the core; on an idle machine it matches wall time.
  const instancesPerSecond = Math.round(median(runs.map((r) => r.instances / r.cpuSeconds)));
  const transitionsPerSecond = Math.round(median(runs.map((r) => r.transitions / r.cpuSeconds)));
  const wallPerSecond = Math.round(median(runs.map((r) => r.instances / r.seconds)));
  console.log(`process: ${file} (start → score → route → high|low → merge → split → 3 × noop job → join → end)`);
  console.log(`per instance: 4 commands, ${perInstance} element transitions, ${runs[0].events / runs[0].instances} events`);
  console.log(
    `median of ${RUNS} runs: ${instancesPerSecond} instances/s, ${transitionsPerSecond} element transitions/s per CPU second ` +
      `(wall clock: ${wallPerSecond} instances/s; node ${process.version}, one thread)`,
  );
  console.log(`core: ${instancesPerSecond} instances/s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
