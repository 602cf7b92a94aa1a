import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { POST as assignTask } from '@/app/api/v1/tasks/[id]/assign/route';
import { POST as claimTask } from '@/app/api/v1/tasks/[id]/claim/route';
import { POST as completeTask } from '@/app/api/v1/tasks/[id]/complete/route';
import { GET as getTask } from '@/app/api/v1/tasks/[id]/route';
import { POST as unclaimTask } from '@/app/api/v1/tasks/[id]/unclaim/route';
import { GET as listTasks } from '@/app/api/v1/tasks/route';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call, expectNothingWritten, insertTestToken } from '@/lib/api/test-support';
import { getAuth } from '@/lib/auth/auth';
import { DEMO_PASSWORDS } from '@/lib/auth/passwords';
import { signIn } from '@/lib/auth/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { processXml, publishXml } from '@/lib/engine/runtime/test-support';
import { runSeed } from '@/prisma/seed/run-seed';

vi.mock('next/server', () => ({ connection: async () => undefined }));

const REVIEW = processXml(
  'api-review',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="Review the request">
     <bpmn:extensionElements>
       <baton:assignment candidateGroups="compliance" priority="70" />
       <baton:form>
         <baton:field key="decision" label="Decision" type="select" required="true"><baton:option value="approve" /><baton:option value="reject" /></baton:field>
         <baton:field key="amount" label="Amount" type="number" />
       </baton:form>
       <baton:visibleVariables names="amount" />
       <baton:fourEyes notStarter="true" />
     </bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
   <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>`,
);

type Json = Record<string, unknown>;

describeEachDatabase('task API for custom task UIs', (database) => {
  const as = {} as Record<'compliance' | 'finance' | 'operator', Record<string, string>>;
  const ids = {} as Record<'compliance' | 'finance', string>;

  async function start(startedBy: string): Promise<{ taskId: string; instanceId: string }> {
    const started = await startInstance(runtimeContextFor(database.db), { processKey: 'api-review', variables: { amount: 10, hidden: 'x' }, startedBy });
    const task = await database.db.userTask.findFirstOrThrow({ where: { instanceId: started.instanceId } });
    return { taskId: task.id, instanceId: started.instanceId };
  }

  beforeAll(async () => {
    const { db } = database;
    setRouteDatabase(db);
    await runSeed(db, { credentials: { demoPasswords: true, production: false } });
    const auth = getAuth(db);
    for (const who of ['compliance', 'finance', 'operator'] as const) {
      const email = `${who}@baton.local`;
      const answer = await signIn(auth, email, DEMO_PASSWORDS[email]);
      expect(answer.status).toBe(200);
      as[who] = { cookie: answer.cookie!, origin: 'http://localhost' };
    }
    for (const who of ['compliance', 'finance'] as const) ids[who] = (await db.user.findUniqueOrThrow({ where: { email: `${who}@baton.local` } })).id;
    await publishXml(db, REVIEW, 'api-review');
  });
  afterAll(() => setRouteDatabase(undefined));

  it('given a group task, then list (with filters) and get show it to the group only; others get 404', async () => {
    const { taskId } = await start(ids.finance);
    const list = await call(listTasks, 'GET', '/api/v1/tasks?view=groups&process=api-review&priority=medium&sort=priority&limit=5', { headers: as.compliance });
    expect(list.status, list.text).toBe(200);
    expect((list.json as { items: Json[] }).items.map((i) => i.id)).toContain(taskId);
    expect((list.json as { counts: Json }).counts.groups).toBeGreaterThanOrEqual(1);

    const got = await call(getTask, 'GET', `/api/v1/tasks/${taskId}`, { headers: as.compliance, params: { id: taskId } });
    expect(got.status).toBe(200);
    expect((got.json as Json).variables).toEqual({ amount: 10 });
    expect(((got.json as { form: { fields: Json[] } }).form.fields).map((f) => f.key)).toEqual(['decision', 'amount']);

    expect((await call(getTask, 'GET', `/api/v1/tasks/${taskId}`, { headers: as.finance, params: { id: taskId } })).status).toBe(404);
    expect((await call(claimTask, 'POST', `/api/v1/tasks/${taskId}/claim`, { headers: as.finance, params: { id: taskId } })).status).toBe(404);
    const listed = await call(listTasks, 'GET', '/api/v1/tasks?view=all', { headers: as.finance });
    expect((listed.json as { items: Json[] }).items.map((i) => i.id)).not.toContain(taskId);
  });

  it('given bad input, then 400 naming the field or 404 for an unknown id, and nothing changes', async () => {
    const { taskId } = await start(ids.finance);
    const badQuery = await call(listTasks, 'GET', '/api/v1/tasks?view=everything&limit=0', { headers: as.compliance });
    expect(badQuery.status).toBe(400);
    expect(badQuery.error?.message).toMatch(/view/);

    const unknown = await expectNothingWritten(database.db, () => call(completeTask, 'POST', '/api/v1/tasks/nope/complete', { headers: as.compliance, params: { id: 'nope' }, json: { decision: 'approve' } }));
    expect(unknown.status).toBe(404);

    const wrongType = await expectNothingWritten(database.db, () =>
      call(completeTask, 'POST', `/api/v1/tasks/${taskId}/complete`, { headers: as.compliance, params: { id: taskId }, json: { decision: 'approve', variables: 'not an object' } }),
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.error?.details.issues).toEqual([expect.objectContaining({ in: 'body', path: 'variables' })]);

    const badForm = await expectNothingWritten(database.db, () =>
      call(completeTask, 'POST', `/api/v1/tasks/${taskId}/complete`, { headers: as.compliance, params: { id: taskId }, json: { decision: 'perhaps', variables: { amount: 'ten' } } }),
    );
    expect(badForm.status).toBe(400);
    expect(badForm.error).toMatchObject({ code: 'task.form-invalid', details: { fields: { decision: expect.any(String), amount: 'Amount must be a number' } } });

    const badAssign = await expectNothingWritten(database.db, () => call(assignTask, 'POST', `/api/v1/tasks/${taskId}/assign`, { headers: as.compliance, params: { id: taskId }, json: { assignee: 42 } }));
    expect(badAssign.status).toBe(400);
    expect(badAssign.error?.message).toMatch(/assignee/);
  });

  it('given claim, then a second claim by another candidate is 409, unclaim frees it, complete moves the instance on', async () => {
    const { taskId, instanceId } = await start(ids.finance);
    const claimed = await call(claimTask, 'POST', `/api/v1/tasks/${taskId}/claim`, { headers: as.compliance, params: { id: taskId } });
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.json).toEqual({ taskId, assignee: ids.compliance });

    // A token holding the compliance group is a candidate too, but cannot hold tasks and sees the task is taken.
    const token = await insertTestToken(database.db, { name: 'compliance-ui', roles: [], groups: ['compliance'] });
    const second = await expectNothingWritten(database.db, () => call(claimTask, 'POST', `/api/v1/tasks/${taskId}/claim`, { headers: { authorization: `Bearer ${token}` }, params: { id: taskId } }));
    expect(second.status).toBe(409);
    expect(second.error?.code).toBe('task.already-claimed');

    expect((await call(unclaimTask, 'POST', `/api/v1/tasks/${taskId}/unclaim`, { headers: as.compliance, params: { id: taskId } })).status).toBe(200);
    expect((await call(claimTask, 'POST', `/api/v1/tasks/${taskId}/claim`, { headers: as.compliance, params: { id: taskId } })).status).toBe(200);

    const done = await call(completeTask, 'POST', `/api/v1/tasks/${taskId}/complete`, { headers: as.compliance, params: { id: taskId }, json: { decision: 'approve', variables: { amount: 12 } } });
    expect(done.status, done.text).toBe(200);
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).status).toBe('completed');
    const again = await call(completeTask, 'POST', `/api/v1/tasks/${taskId}/complete`, { headers: as.compliance, params: { id: taskId }, json: { decision: 'approve' } });
    expect(again.status).toBe(403);
  });

  it('given the starter of the instance, then completing is 403 four-eyes and nothing changes', async () => {
    const { taskId } = await start(ids.compliance);
    const refused = await call(completeTask, 'POST', `/api/v1/tasks/${taskId}/complete`, { headers: as.compliance, params: { id: taskId }, json: { decision: 'approve' } });
    expect(refused.status).toBe(403);
    expect(refused.error?.details).toMatchObject({ reason: 'four-eyes' });
    expect((await database.db.userTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('created');
  });
});
