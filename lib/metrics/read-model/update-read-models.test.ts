import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from '@/lib/engine/runtime/clock';
import { runJobBatch } from '@/lib/engine/runtime/run-job-batch';
import { createRuntimeContext, type RuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { openTransaction, processXml, publishXml } from '@/lib/engine/runtime/test-support';
import type { JobExecutor } from '@/lib/engine/runtime/executors/types';
import type { Db } from '@/lib/db/client';
import { emptyDeltas } from './deltas';
import { nextCounterSlot, writeDeltas } from './update-read-models';

// start → gateway "big?" → review (job "review", SLA PT1M) → end ; small amounts skip the review.
const xml = processXml(
  'claims',
  `<bpmn:extensionElements><baton:sla target="PT1H"/></bpmn:extensionElements>
   <bpmn:startEvent id="start"/>
   <bpmn:exclusiveGateway id="big" default="toEnd"/>
   <bpmn:serviceTask id="review"><bpmn:extensionElements>
     <baton:taskDefinition type="review"/><baton:retry attempts="1"/><baton:sla target="PT1M"/>
   </bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="big"/>
   <bpmn:sequenceFlow id="toReview" sourceRef="big" targetRef="review"><bpmn:conditionExpression>=amount &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="toEnd" sourceRef="big" targetRef="end"/>
   <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end"/>`,
);

// The counters of one key summed over their slots (as every reader does).
async function processDay(db: Db, versionId: string, day: string) {
  const rows = await db.metricProcessDay.findMany({ where: { versionId, day } });
  expect(rows.length).toBeGreaterThan(0);
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return { processKey: rows[0].processKey, started: sum((r) => r.started), completed: sum((r) => r.completed), cancelled: sum((r) => r.cancelled), incidents: sum((r) => r.incidents), slaBreaches: sum((r) => r.slaBreaches), durationSumMs: sum((r) => r.durationSumMs) };
}

async function elementDay(db: Db, versionId: string, elementId: string, day: string) {
  const { _sum } = await db.metricElementDay.aggregate({ where: { versionId, elementId, day }, _sum: { activated: true, completed: true, incidents: true, slaBreaches: true, durationSumMs: true } });
  return _sum;
}

describeEachDatabase('dashboard read model, written with the events', (database) => {
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 9));
  let rt: RuntimeContext;
  let modelKey: string;
  let versionId: string;
  let fail = false;
  const review: JobExecutor = async () => (fail ? { kind: 'fail', message: 'reviewer unavailable' } : { kind: 'complete' });
  const worker = { owner: 'w', executors: { review }, batchSize: 10, defaultTimeoutMs: 5_000, random: () => 0.5 };

  beforeAll(async () => {
    rt = createRuntimeContext({ db: database.db, clock });
    ({ modelKey, versionId } = await publishXml(database.db, xml));
  });

  it('given instances that complete, skip, breach an SLA and fail, when the runtime runs them, then the per-day counters, histogram, flows and breaches match the log', async () => {
    // given: two big claims (review 2 min → element SLA breach), one small, one big that fails
    await startInstance(rt, { processKey: modelKey, variables: { amount: 500 } });
    await startInstance(rt, { processKey: modelKey, variables: { amount: 900 } });
    await startInstance(rt, { processKey: modelKey, variables: { amount: 5 } });
    clock.advance(120_000);
    expect(await runJobBatch(rt, worker)).toBe(2);
    fail = true;
    await startInstance(rt, { processKey: modelKey, variables: { amount: 700 } });
    expect(await runJobBatch(rt, worker)).toBe(1);

    // then
    const day = await processDay(database.db, versionId, '2026-03-10');
    expect(day).toMatchObject({ processKey: modelKey, started: 4, completed: 3, cancelled: 0, incidents: 1, slaBreaches: 2 });
    // two instances took 120 s, the small one 0 s
    expect(day.durationSumMs).toBe(240_000);

    const reviewDay = await elementDay(database.db, versionId, 'review', '2026-03-10');
    expect(reviewDay).toMatchObject({ activated: 3, completed: 2, incidents: 1, slaBreaches: 2, durationSumMs: 240_000 });

    const flows = await database.db.metricFlowDay.groupBy({ by: ['flowId'], where: { versionId }, _sum: { taken: true } });
    expect(Object.fromEntries(flows.map((f) => [f.flowId, f._sum.taken]))).toEqual({ f1: 4, f3: 2, toEnd: 1, toReview: 3 });

    // 120,000 ms falls in bucket ceil(4·log2(120000)) = 68 (2^(67/4) ≈ 110,376 < 120,000 ≤ 2^17 = 131,072)
    const buckets = await database.db.metricDurationBucket.groupBy({ by: ['bucket'], where: { versionId, elementId: 'review' }, _sum: { count: true } });
    expect(buckets.map((b) => [b.bucket, b._sum.count])).toEqual([[68, 2]]);

    const breaches = await database.db.slaBreach.findMany({ where: { versionId } });
    expect(breaches.map((b) => [b.elementId, b.durationMs, b.targetMs])).toEqual([
      ['review', 120_000, 60_000],
      ['review', 120_000, 60_000],
    ]);
  });

  it('given an instance whose snapshot was written before activation times were kept, when its job completes, then the duration is read from its log', async () => {
    // given: a waiting instance whose stored snapshot has no activatedAt
    fail = false;
    const { instanceId } = await startInstance(rt, { processKey: modelKey, businessKey: 'old-snapshot', variables: { amount: 300 } });
    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    const snapshot = row.snapshot.replace(/,"activatedAt":"[^"]*"/g, '');
    expect(snapshot).not.toContain('activatedAt');
    await database.db.processInstance.update({ where: { id: instanceId }, data: { snapshot } });
    const before = await elementDay(database.db, versionId, 'review', '2026-03-10');

    // when: 30 s later its review completes
    clock.advance(30_000);
    expect(await runJobBatch(rt, worker)).toBe(1);

    // then: the review counts one completion of 30 s, the process one of 30 s
    const after = await elementDay(database.db, versionId, 'review', '2026-03-10');
    expect((after.completed ?? 0) - (before.completed ?? 0)).toBe(1);
    expect((after.durationSumMs ?? 0) - (before.durationSumMs ?? 0)).toBe(30_000);
  });

  it('given a transaction that holds its counter rows, when another adds to the same counters, then it does not wait for the first (PostgreSQL) and both are counted', async () => {
    if (database.kind === 'sqlite') return; // one writer at a time: every transaction writes slot 0
    const deltas = emptyDeltas();
    deltas.flowDays.set('held', { versionId, flowId: 'held', day: '2026-03-11', taken: 1 });

    // given: transaction A has added to the counter and stays open
    const a = await openTransaction(database.db, (tx) => writeDeltas('postgres', tx, deltas, nextCounterSlot()));

    // when: transaction B adds to the same counter
    const b = database.db.$transaction(async (tx) => writeDeltas('postgres', tx, deltas, nextCounterSlot()), { timeout: 20_000 });
    const bOutcome = await Promise.race([b.then(() => 'committed'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 3_000))]);
    await a.commit();
    await b;

    // then: B committed while A held its rows; the sum counts both
    expect(bOutcome).toBe('committed');
    const taken = await database.db.metricFlowDay.aggregate({ where: { versionId, flowId: 'held' }, _sum: { taken: true } });
    expect(taken._sum.taken).toBe(2);
  });
});
