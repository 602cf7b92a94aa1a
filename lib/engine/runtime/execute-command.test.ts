import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from './clock';
import { executeCommand, executeCommands } from './execute-command';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { eventsOf, processXml, publishXml } from './test-support';

const SERVICE = processXml(
  'svc',
  `<bpmn:startEvent id="start"/>
   <bpmn:scriptTask id="double"><bpmn:extensionElements><zeebe:script expression="=amount * 2" resultVariable="doubled"/></bpmn:extensionElements></bpmn:scriptTask>
   <bpmn:serviceTask id="charge"><bpmn:extensionElements><zeebe:taskDefinition type="payment"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="double"/>
   <bpmn:sequenceFlow id="f2" sourceRef="double" targetRef="charge"/>
   <bpmn:sequenceFlow id="f3" sourceRef="charge" targetRef="end"/>`,
);

function expectGapless(seqs: number[]): void {
  expect(seqs).toEqual(seqs.map((_, index) => index + 1));
}

describeEachDatabase('execute-command', (database) => {
  let rt: RuntimeContext;
  let modelKey: string;
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));

  beforeAll(async () => {
    rt = createRuntimeContext({ db: database.db, clock });
    ({ modelKey } = await publishXml(database.db, SERVICE));
  });

  it('given a process with a script and a service task, when started, then the script ran in the same transaction and a job row waits', async () => {
    const started = await startInstance(rt, { processKey: modelKey, variables: { amount: 21 }, businessKey: 'order-1', startedBy: 'user-1' });

    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: started.instanceId } });
    const log = await eventsOf(database.db, started.instanceId);
    expectGapless(log.map((e) => e.seq));
    expect(row.lastSeq).toBe(log.length);
    expect(row).toMatchObject({ status: 'active', businessKey: 'order-1', startedById: 'user-1', processKey: modelKey });
    expect(log.map((e) => e.event.type)).toContain('JobCreated');
    const jobs = await database.db.job.findMany({ where: { instanceId: started.instanceId } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ type: 'payment', status: 'activatable', attempt: 1, retriesLeft: 3 });
    expect(jobs[0].idempotencyKey).toBe(`${started.instanceId}/${jobs[0].elementInstanceId}/${jobs[0].id}/1`);
    expect(JSON.parse(jobs[0].variables)).toMatchObject({ amount: 21, doubled: 42 });
  });

  it('given a waiting job, when it is completed, then the instance ends, the job row is gone and the log stays gapless', async () => {
    const { instanceId } = await startInstance(rt, { processKey: modelKey, variables: { amount: 1 } });
    const job = await database.db.job.findFirstOrThrow({ where: { instanceId } });

    const result = await executeCommand(rt, { instanceId, command: { type: 'CompleteJob', jobKey: job.id, variables: { paid: true } } });

    expect(result.ok).toBe(true);
    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(row.status).toBe('completed');
    expect(row.endedAt).not.toBeNull();
    expect(await database.db.job.count({ where: { instanceId } })).toBe(0);
    const log = await eventsOf(database.db, instanceId);
    expectGapless(log.map((e) => e.seq));
    expect(log.at(-1)?.event.type).toBe('InstanceCompleted');
  });

  it('given two workers completing the same job at once, when both commit, then it is applied once and the loser is told the instance moved on', async () => {
    const { instanceId } = await startInstance(rt, { processKey: modelKey, variables: { amount: 1 } });
    const job = await database.db.job.findFirstOrThrow({ where: { instanceId } });

    const results = await Promise.all([1, 2].map(() => executeCommand(rt, { instanceId, command: { type: 'CompleteJob', jobKey: job.id } })));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The first completion ended the instance, so the second meets an ended instance.
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'INSTANCE_NOT_ACTIVE' });
    const log = await eventsOf(database.db, instanceId);
    expectGapless(log.map((e) => e.seq));
    expect(log.filter((e) => e.event.type === 'JobCompleted')).toHaveLength(1);
  });

  it('given twenty concurrent commands on one instance, when they race, then every one is applied exactly once on fresh state', async () => {
    const { instanceId } = await startInstance(rt, { processKey: modelKey, variables: { amount: 1 } });

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => executeCommand(rt, { instanceId, command: { type: 'SetVariables', variables: { [`v${i}`]: i } } })),
    );

    expect(results.every((r) => r.ok)).toBe(true);
    const log = await eventsOf(database.db, instanceId);
    expectGapless(log.map((e) => e.seq));
    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    const variables = JSON.parse(row.snapshot).variables.find(([key]: [string]) => key === instanceId)[1];
    for (let i = 0; i < 20; i++) expect(variables[`v${i}`]).toBe(i);
  });

  it('given a batch over several instances with one rejected command, when executed, then the others commit and the rejection changes nothing', async () => {
    const a = await startInstance(rt, { processKey: modelKey, variables: { amount: 1 } });
    const b = await startInstance(rt, { processKey: modelKey, variables: { amount: 2 } });
    const jobA = await database.db.job.findFirstOrThrow({ where: { instanceId: a.instanceId } });
    const before = await database.db.processInstance.findUniqueOrThrow({ where: { id: b.instanceId } });

    const results = await executeCommands(rt, [
      { instanceId: a.instanceId, command: { type: 'CompleteJob', jobKey: jobA.id } },
      { instanceId: b.instanceId, command: { type: 'CompleteJob', jobKey: 'no-such-job' } },
      { instanceId: 'no-such-instance', command: { type: 'CancelInstance' } },
    ]);

    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'JOB_NOT_FOUND', 'INSTANCE_NOT_FOUND']);
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: a.instanceId } })).status).toBe('completed');
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: b.instanceId } })).lastSeq).toBe(before.lastSeq);
  });
});

