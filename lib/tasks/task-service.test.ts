import { beforeAll, expect, it } from 'vitest';
import { loadUserSubject } from '@/lib/auth/load-subject';
import type { Subject } from '@/lib/auth/subject';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from '@/lib/engine/runtime/clock';
import { createRuntimeContext, type RuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { eventsOf, processXml, publishXml } from '@/lib/engine/runtime/test-support';
import { assignTask, claimTask, completeTask, delegateTask, getTaskView, listTasks, unclaimTask, type TaskCaller } from '@/lib/tasks';
import { runSeed } from '@/prisma/seed/run-seed';

const APPROVAL = processXml(
  'inbox-approval',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="approve" name="Approve spend">
     <bpmn:extensionElements>
       <baton:assignment candidateGroups="compliance" dueDate="PT2H" followUpDate="PT1H" priority="60" />
       <baton:form>
         <baton:field key="decision" label="Decision" type="select" required="true">
           <baton:option value="approve" /><baton:option value="reject" />
         </baton:field>
         <baton:field key="comment" label="Comment" type="textarea" />
         <baton:field key="limit" label="Limit" type="number" min="0" max="1000" />
       </baton:form>
       <baton:visibleVariables names="amount,requester" />
       <baton:fourEyes notStarter="true" />
     </bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
   <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>`,
);

describeEachDatabase('task services: list, view, claim, assign, complete', (database) => {
  const who = {} as Record<'finance' | 'compliance' | 'carla' | 'operator', Subject>;
  let rt: RuntimeContext;
  const clock = new ManualClock(Date.UTC(2026, 2, 1, 9));
  const as = (name: keyof typeof who): TaskCaller => ({ db: database.db, subject: who[name], rt });

  async function start(startedBy: Subject, variables: Record<string, unknown> = { amount: 1200, requester: 'finance', secret: 'salary table' }) {
    const started = await startInstance(rt, { processKey: 'inbox-approval', variables: variables as never, startedBy: startedBy.id, actor: `person:${startedBy.id}` });
    const task = await database.db.userTask.findFirstOrThrow({ where: { instanceId: started.instanceId } });
    return { instanceId: started.instanceId, taskId: task.id };
  }

  beforeAll(async () => {
    const { db } = database;
    rt = createRuntimeContext({ db, clock });
    await runSeed(db, { credentials: { demoPasswords: false, production: false } });
    const compliance = await db.group.findUniqueOrThrow({ where: { name: 'compliance' } });
    await db.user.create({ data: { email: 'carla@baton.local', name: 'Carla', memberships: { create: { groupId: compliance.id } } } });
    for (const name of ['finance', 'compliance', 'carla', 'operator'] as const) {
      const user = await db.user.findUniqueOrThrow({ where: { email: `${name}@baton.local` } });
      who[name] = (await loadUserSubject(db, user.id))!;
    }
    await publishXml(db, APPROVAL, 'inbox-approval');
  });

  it('given a new group task, when a compliance member lists "my groups", then it is there with due/follow-up from the model; a finance user sees nothing and gets 404 by id', async () => {
    const { taskId } = await start(who.finance);
    const list = await listTasks(as('compliance'), { view: 'groups', process: 'inbox-approval' });
    const item = list.items.find((i) => i.id === taskId);
    expect(item).toMatchObject({ name: 'Approve spend', priority: 60, candidateGroups: ['compliance'], assignee: null, dueAt: '2026-03-01T11:00:00.000Z', followUpAt: '2026-03-01T10:00:00.000Z', overdue: false });
    expect(list.counts.groups).toBeGreaterThanOrEqual(1);
    expect((await listTasks(as('finance'), { view: 'all' })).items.some((i) => i.id === taskId)).toBe(false);
    await expect(getTaskView(as('finance'), taskId)).rejects.toMatchObject({ code: 'task.not-found', status: 404 });
  });

  it('given the task view, then only the variables the model marks visible are there, with the form, the history and no agent', async () => {
    const { taskId } = await start(who.finance);
    const view = await getTaskView(as('compliance'), taskId);
    expect(view.variables).toEqual({ amount: 1200, requester: 'finance' });
    expect(view.form.fields.map((f) => f.key)).toEqual(['decision', 'comment', 'limit']);
    expect(view.history.map((h) => h.type)).toContain('UserTaskCreated');
    expect(view.agent).toBeNull();
    expect(view.task).toMatchObject({ mayClaim: true, mayComplete: true, completeRefusedBecause: null });
    expect(view.diagram.activeElementIds).toEqual(['approve']);
  });

  it('given two candidates, when one claims, then the other gets 409 already-claimed, the task leaves the group view and is in "mine" of the claimer; unclaim gives it back', async () => {
    const { taskId, instanceId } = await start(who.finance);
    await claimTask(as('compliance'), taskId);
    await expect(claimTask(as('carla'), taskId)).rejects.toMatchObject({ code: 'task.already-claimed', status: 409 });
    expect((await listTasks(as('carla'), { view: 'groups' })).items.some((i) => i.id === taskId)).toBe(false);
    expect((await listTasks(as('compliance'), { view: 'mine' })).items.some((i) => i.id === taskId)).toBe(true);
    expect((await eventsOf(database.db, instanceId)).filter(({ event }) => event.type === 'UserTaskUpdated')).toHaveLength(1);
    await expect(unclaimTask(as('carla'), taskId)).rejects.toMatchObject({ code: 'task.already-claimed', status: 409 });
    await unclaimTask(as('compliance'), taskId);
    expect((await listTasks(as('carla'), { view: 'groups' })).items.some((i) => i.id === taskId)).toBe(true);
    expect(await database.db.auditLog.count({ where: { resourceId: taskId, action: { in: ['task.claim', 'task.unclaim'] } } })).toBe(2);
  });

  it('given assign, then only a candidate may receive the task; delegate lets the assignee hand it to anyone active', async () => {
    const { taskId } = await start(who.finance);
    await expect(assignTask(as('compliance'), taskId, { assignee: 'operator@baton.local' })).rejects.toMatchObject({ code: 'task.assignee-invalid', status: 422 });
    await expect(assignTask(as('compliance'), taskId, { assignee: '' })).rejects.toMatchObject({ code: 'request.invalid', status: 400 });
    await assignTask(as('compliance'), taskId, { assignee: 'carla@baton.local' });
    expect((await getTaskView(as('carla'), taskId)).task.assignee).toBe(who.carla.id);
    await expect(delegateTask(as('compliance'), taskId, { assignee: 'operator@baton.local' })).rejects.toMatchObject({ status: 409 });
    await expect(delegateTask(as('finance'), taskId, { assignee: 'operator@baton.local' })).rejects.toMatchObject({ status: 404 });
    await delegateTask(as('carla'), taskId, { assignee: 'operator@baton.local' });
    expect((await listTasks(as('operator'), { view: 'mine' })).items.map((i) => i.id)).toContain(taskId);
  });

  it('given a form error, when completing, then 400 with an error per field and nothing saved; fixed, then the instance moves on', async () => {
    const { taskId, instanceId } = await start(who.finance);
    const before = (await eventsOf(database.db, instanceId)).length;
    await expect(completeTask(as('compliance'), taskId, { decision: 'maybe', variables: { limit: 5000 } })).rejects.toMatchObject({
      code: 'task.form-invalid',
      status: 400,
      details: { fields: { decision: expect.stringMatching(/one of/), limit: expect.stringMatching(/at most 1000/) } },
    });
    expect(await eventsOf(database.db, instanceId)).toHaveLength(before);
    const done = await completeTask(as('compliance'), taskId, { decision: 'approve', comment: 'fine', variables: { limit: '500', ignored: true } });
    expect(done.variables).toEqual({ decision: 'approve', comment: 'fine', limit: 500 });
    const instance = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(instance.status).toBe('completed');
    const row = await database.db.userTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(row).toMatchObject({ status: 'completed', completedById: who.compliance.id });
    await expect(completeTask(as('compliance'), taskId, { decision: 'approve' })).rejects.toMatchObject({ status: 403, details: { reason: 'not-open' } });
  });

  it('given the instance starter in the candidate group, then they may not complete it (four-eyes) with a clear reason, and nothing changes', async () => {
    const { taskId, instanceId } = await start(who.compliance);
    const view = await getTaskView(as('compliance'), taskId);
    expect(view.task).toMatchObject({ mayComplete: false, completeRefusedReason: 'four-eyes' });
    expect(view.task.completeRefusedBecause).toMatch(/You started this instance/);
    await expect(completeTask(as('compliance'), taskId, { decision: 'approve' })).rejects.toMatchObject({ status: 403, details: { reason: 'four-eyes' } });
    expect((await database.db.userTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('created');
    expect((await eventsOf(database.db, instanceId)).filter(({ event }) => event.type === 'UserTaskCompleted')).toHaveLength(0);
    await completeTask(as('carla'), taskId, { decision: 'reject' });
  });

  it('given filters and a cursor, then pages neither skip nor repeat, and overdue follows the clock', async () => {
    for (let i = 0; i < 3; i++) await start(who.finance);
    const first = await listTasks(as('carla'), { view: 'groups', limit: 2, sort: 'created', dir: 'asc' });
    expect(first.items).toHaveLength(2);
    const second = await listTasks(as('carla'), { view: 'groups', limit: 2, sort: 'created', dir: 'asc', cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0].id);
    expect(second.items.map((i) => i.id)).not.toContain(first.items[1].id);
    expect((await listTasks(as('carla'), { view: 'groups', overdue: true })).items).toHaveLength(0);
    clock.advance(3 * 3_600_000);
    const overdue = await listTasks(as('carla'), { view: 'groups', overdue: true });
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    await expect(listTasks(as('carla'), { view: 'nope' as never })).rejects.toMatchObject({ code: 'request.invalid', details: { issues: [{ path: 'view' }] } });
  });
});
