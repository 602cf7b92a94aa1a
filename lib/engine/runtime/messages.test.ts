import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { broadcastSignal } from './broadcast-signal';
import { ManualClock } from './clock';
import { correlateBufferedMessages } from './correlate-buffered-messages';
import { dispatchWork } from './dispatch-work';
import { publishMessage } from './publish-message';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { eventsOf, processXml, publishXml } from './test-support';

const AWAIT_PAYMENT = processXml(
  'await-payment',
  `<bpmn:startEvent id="start"/>
   <bpmn:receiveTask id="paid" messageRef="m"/>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="paid"/>
   <bpmn:sequenceFlow id="f2" sourceRef="paid" targetRef="end"/>
  </bpmn:process>
  <bpmn:message id="m" name="payment-received"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="unused-1" isExecutable="false">`,
);

const STARTED_BY_MESSAGE = processXml(
  'by-message',
  `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="sm"/></bpmn:startEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
  </bpmn:process>
  <bpmn:message id="sm" name="order-placed"/>
  <bpmn:process id="unused-2" isExecutable="false">`,
);

const AWAIT_SIGNAL = processXml(
  'await-signal',
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateCatchEvent id="go"><bpmn:signalEventDefinition signalRef="s"/></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="go"/>
   <bpmn:sequenceFlow id="f2" sourceRef="go" targetRef="end"/>
  </bpmn:process>
  <bpmn:signal id="s" name="market-open"/>
  <bpmn:process id="unused-3" isExecutable="false">`,
);

const THROWS_MESSAGE = processXml(
  'throws-message',
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateThrowEvent id="notify"><bpmn:messageEventDefinition messageRef="pm"/></bpmn:intermediateThrowEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notify"/>
   <bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="end"/>
  </bpmn:process>
  <bpmn:message id="pm" name="order-placed"/>
  <bpmn:process id="unused-4" isExecutable="false">`,
);

async function statusOf(rt: RuntimeContext, instanceId: string): Promise<string> {
  return (await rt.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).status;
}

describeEachDatabase('messages and signals', (database) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  let rt: RuntimeContext;
  let payment: string;
  let byMessage: string;
  let signal: string;
  let thrower: string;

  beforeAll(async () => {
    rt = createRuntimeContext({ db: database.db, clock });
    payment = (await publishXml(database.db, AWAIT_PAYMENT)).modelKey;
    byMessage = (await publishXml(database.db, STARTED_BY_MESSAGE)).modelKey;
    signal = (await publishXml(database.db, AWAIT_SIGNAL)).modelKey;
    thrower = (await publishXml(database.db, THROWS_MESSAGE)).modelKey;
  });

  it('given an instance waiting with a correlation key, when the message is published, then exactly that instance gets it', async () => {
    const a = await startInstance(rt, { processKey: payment, variables: { orderId: 'A' } });
    const b = await startInstance(rt, { processKey: payment, variables: { orderId: 'B' } });

    const result = await publishMessage(rt, { name: 'payment-received', correlationKey: 'B', variables: { amount: 5 } });

    expect(result).toEqual({ status: 'correlated', instanceId: b.instanceId });
    expect(await statusOf(rt, b.instanceId)).toBe('completed');
    expect(await statusOf(rt, a.instanceId)).toBe('active');
  });

  it('given no subscription yet, when a message with a TTL is published, then it is buffered and delivered when the subscription opens', async () => {
    const result = await publishMessage(rt, { name: 'payment-received', correlationKey: 'C', ttlMs: 60_000 });
    expect(result.status).toBe('buffered');

    const c = await startInstance(rt, { processKey: payment, variables: { orderId: 'C' } });
    expect(await correlateBufferedMessages(rt, { max: 10 })).toBe(1);

    expect(await statusOf(rt, c.instanceId)).toBe('completed');
    expect(await correlateBufferedMessages(rt, { max: 10 })).toBe(0); // taken once
  });

  it('given a buffered message whose TTL ended, when the subscription opens, then it is not delivered and the buffer forgets it', async () => {
    await publishMessage(rt, { name: 'payment-received', correlationKey: 'D', ttlMs: 1_000 });
    clock.advance(1_001);
    const d = await startInstance(rt, { processKey: payment, variables: { orderId: 'D' } });

    expect(await correlateBufferedMessages(rt, { max: 10 })).toBe(0);

    expect(await statusOf(rt, d.instanceId)).toBe('active');
    expect(await database.db.bufferedMessage.count({ where: { correlationKey: 'D' } })).toBe(0);
  });

  it('given a message id, when the same message is published again within its TTL, then the second is a duplicate and changes nothing', async () => {
    const e1 = await startInstance(rt, { processKey: payment, variables: { orderId: 'E' } });
    const e2 = await startInstance(rt, { processKey: payment, variables: { orderId: 'E' } });

    const first = await publishMessage(rt, { name: 'payment-received', correlationKey: 'E', messageId: 'msg-E', ttlMs: 60_000 });
    const second = await publishMessage(rt, { name: 'payment-received', correlationKey: 'E', messageId: 'msg-E', ttlMs: 60_000 });

    expect(first).toEqual({ status: 'correlated', instanceId: e1.instanceId, messageId: 'msg-E' });
    expect(second).toEqual({ status: 'duplicate', messageId: 'msg-E' });
    expect(await statusOf(rt, e2.instanceId)).toBe('active');
  });

  it('given two messages racing for one subscription, when both are published at once, then one correlates and the other is buffered', async () => {
    const f = await startInstance(rt, { processKey: payment, variables: { orderId: 'F' } });

    const results = await Promise.all([1, 2].map(() => publishMessage(rt, { name: 'payment-received', correlationKey: 'F', ttlMs: 60_000 })));

    expect(results.map((r) => r.status).sort()).toEqual(['buffered', 'correlated']);
    const correlated = (await eventsOf(database.db, f.instanceId)).filter((e) => e.event.type === 'MessageCorrelated');
    expect(correlated).toHaveLength(1);
  });

  it('given a message start event, when its message is published, then a new instance starts', async () => {
    const result = await publishMessage(rt, { name: 'order-placed', correlationKey: 'order-9', variables: { total: 3 } });

    expect(result.status).toBe('started');
    const instanceId = result.status === 'started' ? result.instanceId : '';
    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(row).toMatchObject({ processKey: byMessage, status: 'completed', businessKey: 'order-9' });
  });

  it('given a process that throws a message, when its work is dispatched, then the message is published once even if dispatched twice', async () => {
    const before = await database.db.processInstance.count({ where: { processKey: byMessage } });
    await startInstance(rt, { processKey: thrower });
    expect(await database.db.runtimeWork.count()).toBe(1);

    expect(await dispatchWork(rt, { owner: 'a', max: 10 })).toBe(1);

    expect(await database.db.runtimeWork.count()).toBe(0);
    expect(await database.db.processInstance.count({ where: { processKey: byMessage } })).toBe(before + 1);
  });

  it('given instances waiting for a signal, when it is broadcast, then each receives it once', async () => {
    const waiting = [await startInstance(rt, { processKey: signal }), await startInstance(rt, { processKey: signal })];

    const result = await broadcastSignal(rt, { name: 'market-open' });

    expect(result.delivered).toBe(2);
    for (const { instanceId } of waiting) expect(await statusOf(rt, instanceId)).toBe('completed');
  });
});
