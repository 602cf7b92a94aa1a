/**
 * The long-log scenario of `npm run bench`: a command on an instance whose log holds `events`
 * events costs what it costs on a fresh instance, because commands load the snapshot, never the
 * log.
 *
 *   tsx bench/long-log-scenario.ts --events <n>
 *
 * One instance waits in a user task; SetVariables commands grow its log (one VariablesSet event
 * each, appended in batches of 500 commands per transaction). The median latency of 200 single
 * commands is measured on the fresh instance and again after the log reached `events`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../lib/db/client';
import { deployMigrations } from '../lib/db/migrate';
import { executeCommand, executeCommands } from '../lib/engine/runtime/execute-command';
import { createRuntimeContext, type RuntimeContext } from '../lib/engine/runtime/runtime-context';
import { startInstance } from '../lib/engine/runtime/start-instance';
import { processXml } from '../lib/engine/runtime/test-support';
import { SYSTEM_ACTOR } from '../lib/models/actor';
import { createModel } from '../lib/models/create-model';
import { publishModel } from '../lib/models/publish-model';
import { median, peakRssMb, printResult } from './bench-support';

const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' } } });
const target = Number(values.events);

const WAITING = processXml(
  'long-log',
  `<bpmn:startEvent id="start"/><bpmn:userTask id="wait"/><bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>`,
);

async function medianLatencyMs(rt: RuntimeContext, instanceId: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const result = await executeCommand(rt, { instanceId, command: { type: 'SetVariables', variables: { probe: i } } });
    if (!result.ok) throw new Error(result.message);
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'baton-bench-log-'));
  const url = `file:${path.join(folder, 'log.db')}`;
  await deployMigrations({ url });
  const db = createDb(url);
  await createModel({ db, actor: SYSTEM_ACTOR, source: { xml: WAITING }, key: 'long-log' });
  await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: 'long-log' });
  const rt = createRuntimeContext({ db });
  const { instanceId } = await startInstance(rt, { processKey: 'long-log' });
  await medianLatencyMs(rt, instanceId); // warm-up
  const fresh = await medianLatencyMs(rt, instanceId);
  let length = (await db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).lastSeq;
  while (length < target) {
    const batch = Array.from({ length: Math.min(500, target - length) }, (_, i) => ({ instanceId, command: { type: 'SetVariables' as const, variables: { filler: length + i } } }));
    await executeCommands(rt, batch);
    length += batch.length;
  }
  const long = await medianLatencyMs(rt, instanceId);
  await db.$disconnect();
  rmSync(folder, { recursive: true, force: true });
  console.error(`  one command: ${fresh.toFixed(2)} ms on a fresh instance, ${long.toFixed(2)} ms with ${length} events in its log`);
  printResult({ runs: [{ instances: 1, seconds: 0, p95Ms: 0 }], peakRssMb: peakRssMb(), note: `fresh-ms=${fresh.toFixed(2)} long-ms=${long.toFixed(2)} events=${length}` });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
