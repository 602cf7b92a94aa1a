import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from './clock';
import { deleteExpiredInstances } from './delete-expired-instances';
import { executeCommand } from './execute-command';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { eventsOf, processXml, publishXml } from './test-support';

/** One instance holds a job, a user task, a timer, a message and a signal subscription, and an incident. */
const EVERYTHING = processXml(
  'everything',
  `<bpmn:startEvent id="start"/>
   <bpmn:parallelGateway id="split"/>
   <bpmn:serviceTask id="job"><bpmn:extensionElements><zeebe:taskDefinition type="work"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:userTask id="approve"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="finance"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:receiveTask id="receive" messageRef="m"/>
   <bpmn:intermediateCatchEvent id="sig"><bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateCatchEvent>
   <bpmn:exclusiveGateway id="broken"/>
   <bpmn:endEvent id="e1"/>
   <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split"/>
   <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="job"/>
   <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="approve"/>
   <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="wait"/>
   <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="receive"/>
   <bpmn:sequenceFlow id="f5" sourceRef="split" targetRef="sig"/>
   <bpmn:sequenceFlow id="f6" sourceRef="split" targetRef="broken"/>
   <bpmn:sequenceFlow id="f7" sourceRef="broken" targetRef="e1"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=missing &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:process>
  <bpmn:message id="m" name="go"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>
  <bpmn:signal id="s" name="stop"/>
  <bpmn:process id="unused" isExecutable="false">`,
);

const QUICK = processXml('quick', `<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>`);

async function openRows(rt: RuntimeContext, instanceId: string) {
  const db = rt.db;
  return {
    jobs: await db.job.count({ where: { instanceId } }),
    timers: await db.timer.count({ where: { instanceId } }),
    subscriptions: await db.messageSubscription.count({ where: { instanceId } }),
    openTasks: await db.userTask.count({ where: { instanceId, status: 'created' } }),
    openIncidents: await db.incident.count({ where: { instanceId, status: 'open' } }),
  };
}

describeEachDatabase('cancellation and retention', (database) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  let rt: RuntimeContext;
  let everything: string;
  let quick: { modelKey: string; versionId: string };

  beforeAll(async () => {
    rt = createRuntimeContext({ db: database.db, clock });
    everything = (await publishXml(database.db, EVERYTHING)).modelKey;
    quick = await publishXml(database.db, QUICK);
  });

  it('given an instance with every kind of open row, when it is cancelled, then none stays open', async () => {
    const { instanceId } = await startInstance(rt, { processKey: everything, variables: { orderId: 'o' } });
    expect(await openRows(rt, instanceId)).toEqual({ jobs: 1, timers: 1, subscriptions: 2, openTasks: 1, openIncidents: 1 });

    const result = await executeCommand(rt, { instanceId, command: { type: 'CancelInstance', reason: 'test' } });

    expect(result.ok).toBe(true);
    expect(await openRows(rt, instanceId)).toEqual({ jobs: 0, timers: 0, subscriptions: 0, openTasks: 0, openIncidents: 0 });
    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(row).toMatchObject({ status: 'cancelled', openIncidents: 0 });
    expect(await database.db.userTask.findFirst({ where: { instanceId } })).toMatchObject({ status: 'cancelled' });
  });

  it('given a version with 7 days retention, when retention runs, then only instances ended more than 7 days ago are deleted with their events', async () => {
    await database.db.processVersion.update({ where: { id: quick.versionId }, data: { retentionDays: 7 } });
    const old = await startInstance(rt, { processKey: quick.modelKey });
    clock.advance(7 * 24 * 3_600_000 + 1);
    const recent = await startInstance(rt, { processKey: quick.modelKey });
    const keptForever = await startInstance(rt, { processKey: everything, variables: { orderId: 'x' } });

    expect(await deleteExpiredInstances(rt, { batchSize: 100 })).toBe(1);

    expect(await database.db.processInstance.findUnique({ where: { id: old.instanceId } })).toBeNull();
    expect(await database.db.instanceEventBatch.count({ where: { instanceId: old.instanceId } })).toBe(0);
    expect((await eventsOf(database.db, recent.instanceId)).length).toBeGreaterThan(0);
    expect(await database.db.processInstance.findUnique({ where: { id: recent.instanceId } })).not.toBeNull();
    expect(await database.db.processInstance.findUnique({ where: { id: keptForever.instanceId } })).not.toBeNull();
  });
});
