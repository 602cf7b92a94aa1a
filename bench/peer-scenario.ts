/**
 * The peer of `npm run bench`: the npm package bpmn-engine on the same bench process, run as its
 * own process by bench/runtime.ts:
 *
 *   tsx bench/peer-scenario.ts --mode memory|persisted --instances <n> --runs <n>
 *
 * Used at its fastest: the BPMN is parsed once and its moddle context reused for every instance
 * (`moddleContext`), script bodies are compiled once (a `scripts` registry with `new Function`
 * instead of its default `vm.runInNewContext` per call), the service tasks are a no-op service.
 * bpmn-engine has no FEEL, so the graph is the same (same elements, same flows) with JavaScript
 * in its own syntax: the scripts write `environment.output`, the gateway condition is a script.
 * `persisted`: after every activity (`activity.end`) the engine's full state (`getState()`) is
 * saved to a SQLite table (better-sqlite3, WAL, synchronous=NORMAL — the settings Baton uses).
 * Instances run one after the other (more at once does not raise its throughput: it is CPU-bound).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import { amountOf, peakRssMb, percentile, printResult, type Run } from './bench-support';

const { values } = parseArgs({
  options: { mode: { type: 'string', default: 'memory' }, instances: { type: 'string', default: '200' }, runs: { type: 'string', default: '5' } },
});
const persisted = values.mode === 'persisted';
const instances = Number(values.instances);
const runs = Number(values.runs);

/** bench.bpmn in bpmn-engine's vocabulary: same ids, same flows; JavaScript instead of FEEL. */
export const PEER_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="bench_defs" targetNamespace="http://baton.dev/bench">
  <process id="bench" isExecutable="true">
    <startEvent id="start"/>
    <scriptTask id="score" scriptFormat="javascript"><script>environment.output.score = environment.variables.amount / 10; next();</script></scriptTask>
    <exclusiveGateway id="route" default="fLow"/>
    <scriptTask id="high" scriptFormat="javascript"><script>environment.output.band = "high"; next();</script></scriptTask>
    <scriptTask id="low" scriptFormat="javascript"><script>environment.output.band = "low"; next();</script></scriptTask>
    <exclusiveGateway id="merge"/>
    <parallelGateway id="split"/>
    <serviceTask id="t1" implementation="\${environment.services.noop}"/>
    <serviceTask id="t2" implementation="\${environment.services.noop}"/>
    <serviceTask id="t3" implementation="\${environment.services.noop}"/>
    <parallelGateway id="join"/>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="score"/>
    <sequenceFlow id="f2" sourceRef="score" targetRef="route"/>
    <sequenceFlow id="fHigh" sourceRef="route" targetRef="high"><conditionExpression xsi:type="tFormalExpression" language="javascript">next(null, environment.output.score &gt; 50)</conditionExpression></sequenceFlow>
    <sequenceFlow id="fLow" sourceRef="route" targetRef="low"/>
    <sequenceFlow id="fHigh2" sourceRef="high" targetRef="merge"/>
    <sequenceFlow id="fLow2" sourceRef="low" targetRef="merge"/>
    <sequenceFlow id="f3" sourceRef="merge" targetRef="split"/>
    <sequenceFlow id="p1" sourceRef="split" targetRef="t1"/>
    <sequenceFlow id="p2" sourceRef="split" targetRef="t2"/>
    <sequenceFlow id="p3" sourceRef="split" targetRef="t3"/>
    <sequenceFlow id="q1" sourceRef="t1" targetRef="join"/>
    <sequenceFlow id="q2" sourceRef="t2" targetRef="join"/>
    <sequenceFlow id="q3" sourceRef="t3" targetRef="join"/>
    <sequenceFlow id="f9" sourceRef="join" targetRef="end"/>
  </process>
</definitions>`;

type Environment = { output: Record<string, unknown>; variables: Record<string, unknown> };
type Next = (error?: Error | null, result?: unknown) => void;
type CompiledScript = { execute(context: { environment: Environment }, next: Next): unknown };

/** Script bodies compiled once (bpmn-engine's `scripts` option); the default re-creates a VM context per call. */
class CompiledScripts {
  private readonly byId = new Map<string, CompiledScript>();
  private static readonly cache = new Map<string, (environment: Environment, next: Next) => unknown>();

  register(element: { id: string; type: string; behaviour: { script?: string; conditionExpression?: { body?: string } } }): CompiledScript | undefined {
    const body = element.type === 'bpmn:SequenceFlow' ? element.behaviour.conditionExpression?.body : element.behaviour.script;
    if (body === undefined) return undefined;
    let fn = CompiledScripts.cache.get(body);
    if (fn === undefined) {
      fn = new Function('environment', 'next', body) as (environment: Environment, next: Next) => unknown;
      CompiledScripts.cache.set(body, fn);
    }
    const compiled = fn;
    const script: CompiledScript = { execute: (context, next) => compiled(context.environment, next) };
    this.byId.set(element.id, script);
    return script;
  }

  getScript(_language: string, element: { id: string }): CompiledScript | undefined {
    return this.byId.get(element.id);
  }
}

async function main(): Promise<void> {
  const moddleContext = await new BpmnModdle().fromXML(PEER_BPMN);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'baton-bench-peer-'));
  const sqlite = persisted ? new Database(path.join(folder, 'peer.db')) : null;
  sqlite?.pragma('journal_mode = WAL');
  sqlite?.pragma('synchronous = NORMAL');
  sqlite?.exec('CREATE TABLE state (id TEXT PRIMARY KEY, state TEXT NOT NULL)');
  const save = sqlite?.prepare('INSERT INTO state (id, state) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state');
  const services = { noop: (_context: unknown, next: Next) => next(null, {}) };

  async function runInstance(id: string, amount: number): Promise<string> {
    const listener = new EventEmitter();
    const engine = new Engine({ name: id, moddleContext, services, scripts: new CompiledScripts(), variables: { amount }, listener } as unknown as ConstructorParameters<typeof Engine>[0]);
    if (save !== undefined) {
      listener.on('activity.end', () => {
        const execution = engine.execution;
        if (execution) save.run(id, JSON.stringify(execution.getState()));
      });
    }
    await new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', reject);
      void engine.execute();
    });
    const output = (engine.execution?.environment.output ?? {}) as Record<string, unknown>;
    return String(output.band);
  }

  async function runOnce(run: number): Promise<Run> {
    const latencies: number[] = [];
    let high = 0;
    const t0 = performance.now();
    for (let i = 0; i < instances; i++) {
      const started = performance.now();
      if ((await runInstance(`r${run}-${i}`, amountOf(i))) === 'high') high++;
      latencies.push(performance.now() - started);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (high === 0 || high === instances) throw new Error(`the gateway took one branch only (${high} high of ${instances})`);
    return { instances, seconds, p95Ms: percentile(latencies, 95) };
  }

  await runOnce(0); // warm-up
  const results: Run[] = [];
  for (let r = 1; r <= runs; r++) {
    const result = await runOnce(r);
    results.push(result);
    console.error(`  bpmn-engine ${values.mode} run ${r}: ${(result.instances / result.seconds).toFixed(0)} instances/s, p95 ${result.p95Ms.toFixed(1)} ms`);
  }
  sqlite?.close();
  rmSync(folder, { recursive: true, force: true });
  printResult({ runs: results, peakRssMb: peakRssMb(), note: persisted ? 'getState() saved to SQLite after every activity' : 'in memory' });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
