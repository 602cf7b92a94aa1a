/**
 * Shared pieces of `npm run bench` (bench/runtime.ts): the bench process, statistics, the
 * result line a scenario child prints, and peak RSS of processes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** The standard bench process: ../shared/bench/bench.bpmn (BENCH_BPMN overrides), else the byte-identical fixture copy. */
export function benchBpmn(): { file: string; xml: string } {
  const shared = process.env.BENCH_BPMN ?? path.resolve(REPO_ROOT, '../shared/bench/bench.bpmn');
  const file = existsSync(shared) ? shared : path.join(REPO_ROOT, 'lib/engine/core/fixtures/bench.bpmn');
  return { file, xml: readFileSync(file, 'utf8') };
}

/** Amount of instance `i`: both sides of the gateway (score = amount / 10 > 50). */
export function amountOf(i: number): number {
  return (i * 37) % 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Peak resident set size of a process (VmHWM), in MB; this process by default. */
export function peakRssMb(pid: number | 'self' = 'self'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux, or the process is gone
  }
  return pid === 'self' ? process.resourceUsage().maxRSS / 1024 : NaN;
}

/** The machine's CPU time so far (/proc/stat, in ticks), busy and in all, and its number of CPUs; undefined where there is no /proc/stat. */
export function machineCpuTicks(): { busy: number; total: number; cpus: number } | undefined {
  try {
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    // cpu  user nice system idle iowait irq softirq steal …
    const [user, nice, system, idle, iowait, irq, softirq, steal] = lines[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait, cpus: lines.filter((line) => /^cpu\d+ /.test(line)).length };
  } catch {
    return undefined;
  }
}

/** How many CPUs were busy on average between two readings of machineCpuTicks. */
export function busyCoresBetween(from: ReturnType<typeof machineCpuTicks>, to: ReturnType<typeof machineCpuTicks>): number | undefined {
  if (from === undefined || to === undefined || to.total <= from.total) return undefined;
  return (to.cpus * (to.busy - from.busy)) / (to.total - from.total);
}

export const RunSchema = z.object({
  instances: z.number(),
  seconds: z.number(),
  p95Ms: z.number(),
  /** CPUs of the whole machine busy during the run (every process: workers, database, kernel). */
  busyCores: z.number().optional(),
});
export type Run = z.infer<typeof RunSchema>;

export const ScenarioResultSchema = z.object({
  runs: z.array(RunSchema),
  peakRssMb: z.number(),
  note: z.string().optional(),
});
export type ScenarioResult = z.infer<typeof ScenarioResultSchema>;

/** The one line a scenario child prints for the orchestrator. */
export function printResult(result: ScenarioResult): void {
  console.log(`RESULT ${JSON.stringify(result)}`);
}

export function parseResult(stdout: string): ScenarioResult {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (line === undefined) throw new Error(`the scenario printed no RESULT line:\n${stdout.slice(-2000)}`);
  return ScenarioResultSchema.parse(JSON.parse(line.slice('RESULT '.length)));
}
