import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from './clock';
import { executeCommand } from './execute-command';
import { fireDueTimers } from './fire-due-timers';
import { Runtime } from './runtime';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { eventsOf, processXml, publishXml } from './test-support';

const WAIT_AN_HOUR = processXml(
  'wait-hour',
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>`,
);

const REMINDERS = processXml(
  'reminders',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review"/>
   <bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT10M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:endEvent id="reminded"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
   <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
   <bpmn:sequenceFlow id="f3" sourceRef="remind" targetRef="reminded"/>`,
);

const WAIT_A_SECOND = processXml(
  'wait-second',
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>`,
);

describeEachDatabase('timers', (database) => {
  const t0 = Date.UTC(2026, 0, 1, 12);
  let hour: string;
  let reminders: string;
  let second: string;

  beforeAll(async () => {
    hour = (await publishXml(database.db, WAIT_AN_HOUR)).modelKey;
    reminders = (await publishXml(database.db, REMINDERS)).modelKey;
    second = (await publishXml(database.db, WAIT_A_SECOND)).modelKey;
  });

  it('given a timer that came due while no runtime ran, when a new runtime starts, then it fires at once', async () => {
    const before = createRuntimeContext({ db: database.db, clock: new ManualClock(t0) });
    const { instanceId } = await startInstance(before, { processKey: hour });
    const timer = await database.db.timer.findFirstOrThrow({ where: { instanceId } });
    expect(timer.dueAt.getTime()).toBe(t0 + 3_600_000);
    expect(await fireDueTimers(before, { owner: 'a', max: 10 })).toBe(0);

    // "Restart": a new context (empty definition cache) two hours later.
    const after: RuntimeContext = createRuntimeContext({ db: database.db, clock: new ManualClock(t0 + 7_200_000) });
    expect(await fireDueTimers(after, { owner: 'b', max: 10 })).toBe(1);

    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).status).toBe('completed');
    expect(await database.db.timer.count({ where: { instanceId } })).toBe(0);
  });

  it('given a repeating boundary timer, when it fires, then the next firing is scheduled until the repetitions are used up', async () => {
    const clock = new ManualClock(t0);
    const rt = createRuntimeContext({ db: database.db, clock });
    const { instanceId } = await startInstance(rt, { processKey: reminders });

    const dues: number[] = [];
    for (let i = 0; i < 4; i++) {
      const timer = await database.db.timer.findFirst({ where: { instanceId } });
      if (timer === null) break;
      dues.push(timer.dueAt.getTime() - t0);
      clock.set(timer.dueAt.getTime());
      expect(await fireDueTimers(rt, { owner: 'a', max: 10 })).toBe(1);
    }

    expect(dues).toEqual([600_000, 1_200_000, 1_800_000]);
    const fired = (await eventsOf(database.db, instanceId)).filter((e) => e.event.type === 'TimerFired');
    expect(fired).toHaveLength(3);
  });

  it('given an open timer, when its scope is cancelled, then the timer row goes with it and a late firing changes nothing', async () => {
    const rt = createRuntimeContext({ db: database.db, clock: new ManualClock(t0) });
    const { instanceId } = await startInstance(rt, { processKey: reminders });
    expect(await database.db.timer.count({ where: { instanceId } })).toBe(1);

    await executeCommand(rt, { instanceId, command: { type: 'CancelInstance' } });

    expect(await database.db.timer.count({ where: { instanceId } })).toBe(0);
  });

  it('given a running runtime, when a one-second timer is started, then it fires within one second of its due time', async () => {
    const runtime = new Runtime({ db: database.db, pollMs: 250, retentionEveryMs: 0 });
    await runtime.start();
    try {
      const { instanceId } = await startInstance(runtime.rt, { processKey: second });
      const timer = await database.db.timer.findFirstOrThrow({ where: { instanceId } });
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && (await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).status !== 'completed') {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const fired = (await eventsOf(database.db, instanceId)).find((e) => e.event.type === 'TimerFired');
      expect(fired).toBeDefined();
      const lateness = Date.parse(fired?.event.at ?? '') - timer.dueAt.getTime();
      expect(lateness).toBeGreaterThanOrEqual(0);
      expect(lateness).toBeLessThan(1_000);
    } finally {
      await runtime.stop();
    }
  });
});
