import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { claimJobs } from './claim-jobs';
import { dispatchWork } from './dispatch-work';
import { fireDueTimers } from './fire-due-timers';
import { ManualClock } from './clock';
import { executeCommand } from './execute-command';
import { Runtime } from './runtime';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { syncStartEvents } from './sync-start-events';
import { processXml, publishXml } from './test-support';

const CHILD = processXml(
  'child-process',
  `<bpmn:startEvent id="start"/>
   <bpmn:scriptTask id="work"><bpmn:extensionElements><zeebe:script expression="=input * 10" resultVariable="output"/></bpmn:extensionElements></bpmn:scriptTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>`,
);

const PARENT = processXml(
  'parent-process',
  `<bpmn:startEvent id="start"/>
   <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child-process" propagateAllChildVariables="true"/></bpmn:extensionElements></bpmn:callActivity>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
   <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end"/>`,
);

const WAITS_FOR_WORK = processXml(
  'waits-for-work',
  `<bpmn:startEvent id="start"/>
   <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="slow-work"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>`,
);

const EVERY_HOUR = processXml(
  'every-hour',
  `<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>`,
);

describeEachDatabase('runtime: calls, start timers, graceful stop', (database) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  let rt: RuntimeContext;

  beforeAll(async () => {
    rt = createRuntimeContext({ db: database.db, clock });
    await publishXml(database.db, CHILD, 'child-process');
    await publishXml(database.db, PARENT, 'parent-process');
    await publishXml(database.db, WAITS_FOR_WORK, 'waits-for-work');
  });

  it('given a call activity, when its runtime work is dispatched, then the child runs and its answer completes the caller', async () => {
    const parent = await startInstance(rt, { processKey: 'parent-process', variables: { input: 4 } });

    expect(await dispatchWork(rt, { owner: 'a', max: 10 })).toBe(1); // start the child
    const child = await database.db.processInstance.findFirstOrThrow({ where: { parentInstanceId: parent.instanceId } });
    expect(child.status).toBe('completed');
    expect(await dispatchWork(rt, { owner: 'a', max: 10 })).toBe(1); // answer the caller
    expect(await dispatchWork(rt, { owner: 'a', max: 10 })).toBe(0);

    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: parent.instanceId } });
    expect(row.status).toBe('completed');
    expect(JSON.parse(row.snapshot).variables[0][1]).toMatchObject({ input: 4, output: 40 });
  });

  it('given a published timer start event, when its time comes twice, then two instances start and the timer is used up', async () => {
    await publishXml(database.db, EVERY_HOUR, 'every-hour');
    await syncStartEvents(rt);
    const timer = await database.db.timer.findFirstOrThrow({ where: { instanceId: null, elementId: 'start' } });
    expect(timer.dueAt.getTime()).toBe(clock.now() + 3_600_000);

    clock.advance(3_600_000);
    expect(await fireDueTimers(rt, { owner: 'a', max: 10 })).toBe(1);
    clock.advance(3_600_000);
    expect(await fireDueTimers(rt, { owner: 'a', max: 10 })).toBe(1);

    expect(await database.db.processInstance.count({ where: { processKey: 'every-hour', status: 'completed' } })).toBe(2);
    expect(await database.db.timer.count({ where: { instanceId: null, elementId: 'start', versionId: timer.versionId } })).toBe(0);
  });

  it('given a runtime holding leases, when it stops, then the jobs it held are available again at once', async () => {
    const runtime = new Runtime({ db: database.db, executors: {}, retentionEveryMs: 0 });
    await runtime.start();
    const { instanceId } = await startInstance(runtime.rt, { processKey: 'waits-for-work' });
    const held = await claimJobs(runtime.rt, { owner: runtime.owner, types: ['slow-work'], max: 10, leaseMs: 600_000 });
    expect(held.map((j) => j.instanceId)).toContain(instanceId);

    await runtime.stop();

    const job = await database.db.job.findFirstOrThrow({ where: { instanceId } });
    expect(job).toMatchObject({ status: 'activatable', leaseOwner: null });
    const again = await claimJobs(runtime.rt, { owner: 'someone-else', types: ['slow-work'], max: 10, leaseMs: 60_000 });
    expect(again.map((j) => j.jobKey)).toContain(job.id);
    await executeCommand(runtime.rt, { instanceId, command: { type: 'CompleteJob', jobKey: job.id } });
  });
});
