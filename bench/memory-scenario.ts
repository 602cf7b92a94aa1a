/**
 * The memory scenario of `npm run bench`: how much the resident set of a process running the
 * runtime (as the web server does) grows with many instances waiting in user tasks.
 *
 *   node --expose-gc --import tsx bench/memory-scenario.ts --waiting <n>
 *
 * The runtime runs in this process on a fresh SQLite database; `waiting` instances of
 * start → user task → end are started (200 per transaction) and left waiting. RSS and the V8 heap
 * are read after full GCs before and after; the runtime keeps no per-instance state in memory (the state is in
 * the database), so the growth is what the process caches, not what the instances hold.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../lib/db/client';
import { Runtime } from '../lib/engine/runtime/runtime';
import { startInstances } from '../lib/engine/runtime/start-instance';
import { processXml } from '../lib/engine/runtime/test-support';
import { SYSTEM_ACTOR } from '../lib/models/actor';
import { createModel } from '../lib/models/create-model';
import { publishModel } from '../lib/models/publish-model';
import { peakRssMb, printResult, REPO_ROOT } from './bench-support';

const { values } = parseArgs({ options: { waiting: { type: 'string', default: '10000' } } });
const waiting = Number(values.waiting);

const APPROVAL = processXml(
  'approval',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="approve" name="Approve"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="finance"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
   <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>`,
);

/** RSS and V8 heap in use (MB) after full GCs. RSS also moves with memory the allocator keeps or returns; the heap is what the process holds on to. */
function settledMemoryMb(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss / 1048576, heap: usage.heapUsed / 1048576 };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'baton-bench-memory-'));
  const url = `file:${path.join(folder, 'memory.db')}`;
  // Migrated by a child process: the schema engine (WebAssembly) would otherwise sit in this
  // process's RSS at the baseline and be given back during the measurement.
  const migrated = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/migrate.ts'), 'deploy'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`migrating the bench database failed:\n${migrated.stdout}${migrated.stderr}`);
  const db = createDb(url);
  await createModel({ db, actor: SYSTEM_ACTOR, source: { xml: APPROVAL }, key: 'approval' });
  await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: 'approval' });
  const runtime = new Runtime({ db, pollMs: 100, retentionEveryMs: 0 });
  await runtime.start();
  // Warm up every code path once (first start, compile, the loops) before the baseline.
  await startInstances(runtime.rt, [{ processKey: 'approval' }]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = settledMemoryMb();
  const t0 = performance.now();
  for (let i = 0; i < waiting; i += 200) {
    await startInstances(runtime.rt, Array.from({ length: Math.min(200, waiting - i) }, () => ({ processKey: 'approval' })));
  }
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the loops keep running over the waiting instances
  const after = settledMemoryMb();
  const open = await db.userTask.count({ where: { status: 'created' } });
  await runtime.stop();
  await db.$disconnect();
  rmSync(folder, { recursive: true, force: true });
  if (open !== waiting + 1) throw new Error(`expected ${waiting + 1} open tasks, found ${open}`);
  console.error(`  ${waiting} waiting instances started in ${seconds.toFixed(1)} s; RSS ${before.rss.toFixed(1)} → ${after.rss.toFixed(1)} MB, V8 heap ${before.heap.toFixed(1)} → ${after.heap.toFixed(1)} MB`);
  printResult({ runs: [{ instances: waiting, seconds, p95Ms: 0 }], peakRssMb: peakRssMb(), note: `rss-growth-mb=${(after.rss - before.rss).toFixed(1)} heap-growth-mb=${(after.heap - before.heap).toFixed(1)}` });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
