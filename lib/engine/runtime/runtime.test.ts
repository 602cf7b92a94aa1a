import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { claimJobs } from './claim-jobs';
import { dispatchWork } from './dispatch-work';
import { fireDueTimers } from './fire-due-timers';
import { listIncidents } from './list-incidents';
import { resolveIncident } from './resolve-incident';
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

/** A parent calling `processId`, which is published (or not) by the test. */
function callerOf(processId: string): string {
  return processXml(
    `caller-of-${processId}`,
    `<bpmn:startEvent id="start"/>
     <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${processId}" propagateAllChildVariables="true"/></bpmn:extensionElements></bpmn:callActivity>
     <bpmn:endEvent id="end"/>
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
     <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end"/>`,
  );
}

/** A child that only starts by a message: a call's plain start is refused. */
const MESSAGE_START_ONLY = processXml(
  'message-start-only',
  `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
  </bpmn:process>
  <bpmn:message id="m" name="go"/>
  <bpmn:process id="unused" isExecutable="false">`,
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

  /** Dispatches runtime work until none is due; returns how many rows were carried out. */
  async function dispatchAll(): Promise<number> {
    let total = 0;
    for (let n = await dispatchWork(rt, { owner: 'a', max: 10 }); n > 0; n = await dispatchWork(rt, { owner: 'a', max: 10 })) total += n;
    return total;
  }

  it('given a call activity naming a process that is not published, when its work is dispatched, then the caller gets an incident with the reason, and after the child is published a retry runs it', async () => {
    await publishXml(database.db, callerOf('late-child'), 'caller-of-late-child');
    const parent = await startInstance(rt, { processKey: 'caller-of-late-child', variables: { input: 2 } });

    await dispatchAll();
    const [incident] = await listIncidents(database.db, { instanceId: parent.instanceId, limit: 10 });
    expect(incident).toMatchObject({ elementId: 'call', kind: 'calledProcess', status: 'open' });
    expect(incident.message).toContain('late-child');
    expect(incident.message).toContain('no published process');
    expect(await database.db.runtimeWork.count({ where: { instanceId: parent.instanceId } })).toBe(0);
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: parent.instanceId } })).openIncidents).toBe(1);

    // The child is published under the called process id; the retry calls it anew.
    await publishXml(database.db, CHILD.replaceAll('child-process', 'late-child'), 'late-child');
    const resolved = await resolveIncident(rt, { incidentId: incident.id });
    expect(resolved.ok).toBe(true);
    await dispatchAll();

    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: parent.instanceId } });
    expect(row.status).toBe('completed');
    expect(row.openIncidents).toBe(0);
    expect(JSON.parse(row.snapshot).variables[0][1]).toMatchObject({ input: 2, output: 20 });
    expect(await database.db.processInstance.count({ where: { parentInstanceId: parent.instanceId } })).toBe(1);
  });

  it('given a call activity whose child refuses a plain start, when its work is dispatched, then the caller gets an incident naming the refusal', async () => {
    await publishXml(database.db, MESSAGE_START_ONLY, 'message-start-only');
    await publishXml(database.db, callerOf('message-start-only'), 'caller-of-message-start-only');
    const parent = await startInstance(rt, { processKey: 'caller-of-message-start-only' });

    await dispatchAll();
    const [incident] = await listIncidents(database.db, { instanceId: parent.instanceId, limit: 10 });
    expect(incident).toMatchObject({ elementId: 'call', kind: 'calledProcess', status: 'open' });
    expect(incident.message).toContain('"message-start-only" could not be started');
    expect(await database.db.processInstance.count({ where: { parentInstanceId: parent.instanceId } })).toBe(0);
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: parent.instanceId } })).status).toBe('active');
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
