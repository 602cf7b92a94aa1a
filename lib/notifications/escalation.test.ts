import { beforeAll, expect, it } from 'vitest';
import { loadUserSubject } from '@/lib/auth/load-subject';
import type { Subject } from '@/lib/auth/subject';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from '@/lib/engine/runtime/clock';
import { fireDueTimers } from '@/lib/engine/runtime/fire-due-timers';
import { createRuntimeContext, type RuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { eventsOf, processXml, publishXml } from '@/lib/engine/runtime/test-support';
import { listNotifications, markNotificationsRead } from '@/lib/notifications/list-notifications';
import { claimTask, completeTask, listTasks, type TaskCaller } from '@/lib/tasks';
import { runSeed } from '@/prisma/seed/run-seed';

const ESCALATING = processXml(
  'escalating-review',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="Review invoice">
     <bpmn:extensionElements>
       <baton:assignment candidateGroups="finance" dueDate="PT1H" priority="50" />
       <baton:escalationPolicy>
         <baton:step after="PT1H" action="remind" />
         <baton:step after="PT2H" action="reassign" group="compliance" />
         <baton:step after="PT3H" action="raisePriority" priority="95" />
       </baton:escalationPolicy>
     </bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
   <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>`,
);

const MINUTE = 60_000;

describeEachDatabase('escalation on the runtime timers, and notifications', (database) => {
  const who = {} as Record<'finance' | 'compliance' | 'operator', Subject>;
  const clock = new ManualClock(Date.UTC(2026, 3, 1, 8));
  let rt: RuntimeContext;
  const as = (name: keyof typeof who): TaskCaller => ({ db: database.db, subject: who[name], rt });

  beforeAll(async () => {
    const { db } = database;
    rt = createRuntimeContext({ db, clock });
    await runSeed(db, { credentials: { demoPasswords: false, production: false } });
    for (const name of ['finance', 'compliance', 'operator'] as const) {
      const user = await db.user.findUniqueOrThrow({ where: { email: `${name}@baton.local` } });
      who[name] = (await loadUserSubject(db, user.id))!;
    }
    await publishXml(db, ESCALATING, 'escalating-review');
  });

  it('given a finance task nobody works, when the clock passes each step, then it is overdue, reminded, reassigned to compliance, and its priority raised — each an event in the log, each notified', async () => {
    const { instanceId } = await startInstance(rt, { processKey: 'escalating-review', startedBy: who.operator.id });
    const task = await database.db.userTask.findFirstOrThrow({ where: { instanceId } });
    expect((await listNotifications(database.db, who.finance)).items[0]).toMatchObject({ kind: 'task-created', taskId: task.id, title: expect.stringMatching(/Review invoice/), read: false });
    expect((await listNotifications(database.db, who.compliance)).items.some((n) => n.taskId === task.id)).toBe(false);

    // Nothing is due before the first hour.
    clock.advance(59 * MINUTE);
    expect(await fireDueTimers(rt, { owner: 'test', max: 10 })).toBe(0);

    clock.advance(2 * MINUTE);
    expect(await fireDueTimers(rt, { owner: 'test', max: 10 })).toBe(1);
    expect((await listTasks(as('finance'), { view: 'groups', overdue: true })).items.map((i) => i.id)).toContain(task.id);
    expect((await listNotifications(database.db, who.finance)).items[0]).toMatchObject({ kind: 'task-reminder', taskId: task.id });

    clock.advance(60 * MINUTE);
    await fireDueTimers(rt, { owner: 'test', max: 10 });
    expect((await listTasks(as('finance'), { view: 'groups' })).items.map((i) => i.id)).not.toContain(task.id);
    expect((await listTasks(as('compliance'), { view: 'groups' })).items.map((i) => i.id)).toContain(task.id);
    expect((await listNotifications(database.db, who.compliance)).items[0]).toMatchObject({ kind: 'task-escalated', taskId: task.id, title: expect.stringMatching(/Escalated to compliance/) });

    clock.advance(60 * MINUTE);
    await fireDueTimers(rt, { owner: 'test', max: 10 });
    expect((await database.db.userTask.findUniqueOrThrow({ where: { id: task.id } })).priority).toBe(95);

    const log = (await eventsOf(database.db, instanceId)).map((e) => e.event).filter((e) => e.type === 'UserTaskUpdated');
    expect(log.map((e) => e.type === 'UserTaskUpdated' && e.escalation?.action)).toEqual(['remind', 'reassign', 'raisePriority']);
  });

  it('given a task completed before its escalations, then no escalation fires and its timers are gone', async () => {
    const { instanceId } = await startInstance(rt, { processKey: 'escalating-review', startedBy: who.operator.id });
    const task = await database.db.userTask.findFirstOrThrow({ where: { instanceId } });
    await claimTask(as('finance'), task.id);
    await completeTask(as('finance'), task.id, {});
    expect(await database.db.timer.count({ where: { instanceId } })).toBe(0);
    clock.advance(5 * 60 * MINUTE);
    await fireDueTimers(rt, { owner: 'test', max: 10 });
    expect((await eventsOf(database.db, instanceId)).some((e) => e.event.type === 'UserTaskUpdated' && e.event.reason === 'escalation')).toBe(false);
  });

  it('given notifications, when a person marks them read, then the unread count drops for them only; ids not theirs are 404 and mark nothing', async () => {
    const before = await listNotifications(database.db, who.compliance);
    expect(before.unread).toBeGreaterThan(0);
    const first = before.items[0];
    await expect(markNotificationsRead(database.db, who.operator, { ids: [first.id] })).rejects.toMatchObject({ code: 'notification.not-found', status: 404 });
    await markNotificationsRead(database.db, who.compliance, { ids: [first.id] });
    const after = await listNotifications(database.db, who.compliance);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((n) => n.id === first.id)?.read).toBe(true);
    await markNotificationsRead(database.db, who.compliance, { all: true });
    expect((await listNotifications(database.db, who.compliance)).unread).toBe(0);
    expect((await listNotifications(database.db, who.finance)).unread).toBeGreaterThan(0);
  });
});
