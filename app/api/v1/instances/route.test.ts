import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { POST as resolveIncident } from '@/app/api/v1/incidents/[id]/resolve/route';
import { GET as listIncidents } from '@/app/api/v1/incidents/route';
import { POST as cancelInstance } from '@/app/api/v1/instances/[id]/cancel/route';
import { GET as instanceEvents } from '@/app/api/v1/instances/[id]/events/route';
import { POST as modifyInstance } from '@/app/api/v1/instances/[id]/modify/route';
import { GET as getInstance } from '@/app/api/v1/instances/[id]/route';
import { GET as instanceStream } from '@/app/api/v1/instances/[id]/stream/route';
import { POST as setVariables } from '@/app/api/v1/instances/[id]/variables/route';
import { GET as listInstances, POST as startInstance } from '@/app/api/v1/instances/route';
import { POST as completeJob } from '@/app/api/v1/jobs/[key]/complete/route';
import { POST as failJob } from '@/app/api/v1/jobs/[key]/fail/route';
import { POST as activateJobs } from '@/app/api/v1/jobs/activate/route';
import { POST as publishMessage } from '@/app/api/v1/messages/route';
import { POST as broadcastSignal } from '@/app/api/v1/signals/route';
import { GET as globalStream } from '@/app/api/v1/stream/route';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call } from '@/lib/api/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { processXml, publishXml } from '@/lib/engine/runtime/test-support';

vi.mock('next/server', () => ({ connection: async () => undefined }));

/** start → external job "charge" → message "paid" (key orderId) → end; a signal boundary cancels. */
const ORDER = processXml(
  'api-order',
  `<bpmn:startEvent id="start"/>
   <bpmn:serviceTask id="charge"><bpmn:extensionElements><zeebe:taskDefinition type="charge-card" retries="2"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:receiveTask id="paid" messageRef="m"/>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge"/>
   <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="paid"/>
   <bpmn:sequenceFlow id="f3" sourceRef="paid" targetRef="end"/>
  </bpmn:process>
  <bpmn:message id="m" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="unused" isExecutable="false">`,
);

type Json = Record<string, unknown>;

describeEachDatabase('runtime API', (database) => {
  beforeAll(async () => {
    setRouteDatabase(database.db);
    await publishXml(database.db, ORDER, 'api-order');
  });
  afterAll(() => setRouteDatabase(undefined));

  async function start(orderId: string): Promise<string> {
    const answer = await call(startInstance, 'POST', '/api/v1/instances', { json: { processKey: 'api-order', variables: { orderId }, businessKey: orderId } });
    expect(answer.status, answer.text).toBe(201);
    return (answer.json as Json).id as string;
  }

  it('given a started instance, when an external worker activates, completes its job and the message arrives, then the instance completes and its events page and stream', async () => {
    const id = await start('A-1');

    const activated = await call(activateJobs, 'POST', '/api/v1/jobs/activate', { json: { type: 'charge-card', worker: 'w1', maxJobs: 5, timeoutMs: 30_000 } });
    expect(activated.status).toBe(200);
    const jobs = (activated.json as { jobs: Json[] }).jobs;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ instanceId: id, type: 'charge-card', retries: 2, attempt: 1, variables: { orderId: 'A-1' } });
    // leased: a second activation gets nothing
    expect((await call(activateJobs, 'POST', '/api/v1/jobs/activate', { json: { type: 'charge-card', worker: 'w2' } })).json).toEqual({ jobs: [] });

    const completed = await call(completeJob, 'POST', `/api/v1/jobs/${jobs[0].key}/complete`, { params: { key: String(jobs[0].key) }, json: { variables: { charged: true } } });
    expect(completed.status, completed.text).toBe(200);
    const message = await call(publishMessage, 'POST', '/api/v1/messages', { json: { name: 'paid', correlationKey: 'A-1', messageId: 'pay-A-1', timeToLiveMs: 60_000 } });
    expect(message.json).toMatchObject({ status: 'correlated', instanceId: id });
    const again = await call(publishMessage, 'POST', '/api/v1/messages', { json: { name: 'paid', correlationKey: 'A-1', messageId: 'pay-A-1', timeToLiveMs: 60_000 } });
    expect(again.json).toMatchObject({ status: 'duplicate' });

    const detail = await call(getInstance, 'GET', `/api/v1/instances/${id}`, { params: { id } });
    expect(detail.json).toMatchObject({ id, status: 'completed', businessKey: 'A-1' });

    const first = await call(instanceEvents, 'GET', `/api/v1/instances/${id}/events?after=0&limit=5`, { params: { id } });
    const page = first.json as { items: { seq: number }[]; nextAfter: number };
    expect(page.items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const rest = await call(instanceEvents, 'GET', `/api/v1/instances/${id}/events?after=${page.nextAfter}&limit=1000`, { params: { id } });
    expect((rest.json as { items: { seq: number; type: string }[] }).items.at(-1)?.type).toBe('InstanceCompleted');

    // The instance ended, so its stream sends everything and closes.
    const stream = await call(instanceStream, 'GET', `/api/v1/instances/${id}/stream?after=3`, { params: { id } });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.text).toContain('id: 4\nevent: ');
    expect(stream.text).toContain('event: InstanceCompleted');
    expect(stream.text).not.toContain('id: 3\n');
  });

  it('given the global stream open from now, when an instance starts, then its events arrive', async () => {
    const controller = new AbortController();
    const request = new Request('http://localhost/api/v1/stream?maxMs=1500', { headers: { authorization: (await tokenHeader()) ?? '' }, signal: controller.signal });
    const responsePromise = globalStream(request, { params: Promise.resolve({}) });
    const response = await responsePromise;
    const textPromise = response.text();
    const id = await start('G-1');
    const text = await textPromise;
    expect(text).toContain(`"instanceId":"${id}"`);
    expect(text).toContain('event: InstanceCreated');

    // A client that resumes after the last position it got receives nothing it already has.
    const lastPosition = [...text.matchAll(/^id: ([\d:]+)$/gm)].at(-1)?.[1];
    expect(lastPosition).toBeDefined();
    const resumed = await call(globalStream, 'GET', `/api/v1/stream?after=${lastPosition}&maxMs=0`);
    expect(resumed.text).not.toContain(`"instanceId":"${id}"`);
  });

  it('given a global stream position that is not one, when the stream is asked for, then 400 names the parameter', async () => {
    const response = await call(globalStream, 'GET', '/api/v1/stream?after=1:2:3');
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/after/);
    expect(response.text).toMatch(/log position/);
  });

  it('given a job that fails without retries, when an operator resolves the incident with new variables, then the job is activatable again', async () => {
    const id = await start('F-1');
    const activated = ((await call(activateJobs, 'POST', '/api/v1/jobs/activate', { json: { type: 'charge-card', worker: 'w1', maxJobs: 100 } })).json as { jobs: Json[] }).jobs;
    const job = activated.find((j) => j.instanceId === id) as Json;
    const failed = await call(failJob, 'POST', `/api/v1/jobs/${job.key}/fail`, { params: { key: String(job.key) }, json: { retries: 0, errorMessage: 'card declined' } });
    expect(failed.status).toBe(200);

    const incidents = (await call(listIncidents, 'GET', `/api/v1/incidents?instanceId=${id}`)).json as { items: Json[] };
    expect(incidents.items).toHaveLength(1);
    expect(incidents.items[0]).toMatchObject({ kind: 'jobNoRetries', status: 'open' });
    expect(((await call(listInstances, 'GET', '/api/v1/instances?hasIncident=true')).json as { items: Json[] }).items.map((i) => i.id)).toContain(id);

    const incidentId = String(incidents.items[0].id);
    const resolved = await call(resolveIncident, 'POST', `/api/v1/incidents/${incidentId}/resolve`, { params: { id: incidentId }, json: { retries: 2, variables: { card: 'new' } } });
    expect(resolved.status, resolved.text).toBe(200);
    const again = ((await call(activateJobs, 'POST', '/api/v1/jobs/activate', { json: { type: 'charge-card', worker: 'w1', maxJobs: 100 } })).json as { jobs: Json[] }).jobs.find((j) => j.instanceId === id);
    expect(again).toMatchObject({ key: job.key, retries: 2, variables: { card: 'new', orderId: 'F-1' } });
  });

  it('given instances, when listed with filters and a small page, then the cursor walks them newest first without repeats', async () => {
    for (const key of ['L-1', 'L-2', 'L-3']) await start(key);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/instances?processKey=api-order&status=active&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const answer = (await call(listInstances, 'GET', url)).json as { items: { id: string; businessKey: string }[]; nextCursor: string | null };
      seen.push(...answer.items.map((i) => i.id));
      cursor = answer.nextCursor;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    const byKey = (await call(listInstances, 'GET', '/api/v1/instances?businessKey=L-2')).json as { items: { businessKey: string }[] };
    expect(byKey.items.map((i) => i.businessKey)).toEqual(['L-2']);
    expect((await call(listInstances, 'GET', '/api/v1/instances?cursor=garbage')).status).toBe(400);
  });

  it('given an active instance, when variables are set, it is modified and then cancelled, then each is one command and the last leaves nothing open', async () => {
    const id = await start('M-1');
    const set = await call(setVariables, 'POST', `/api/v1/instances/${id}/variables`, { params: { id }, json: { variables: { note: 'vip' } } });
    expect(set.status).toBe(200);
    const bad = await call(modifyInstance, 'POST', `/api/v1/instances/${id}/modify`, { params: { id }, json: { activate: [{ elementId: 'no-such-element' }] } });
    expect(bad.status).toBe(409);
    expect(bad.error?.details.reason).toBe('ELEMENT_NOT_FOUND');
    const modified = await call(modifyInstance, 'POST', `/api/v1/instances/${id}/modify`, { params: { id }, json: { activate: [{ elementId: 'paid' }] } });
    expect(modified.status, modified.text).toBe(200);
    const cancelled = await call(cancelInstance, 'POST', `/api/v1/instances/${id}/cancel`, { params: { id }, json: { reason: 'customer left' } });
    expect(cancelled.json).toMatchObject({ instanceId: id, status: 'cancelled' });
    expect(await database.db.job.count({ where: { instanceId: id } })).toBe(0);
    expect(await database.db.messageSubscription.count({ where: { instanceId: id } })).toBe(0);
    const twice = await call(cancelInstance, 'POST', `/api/v1/instances/${id}/cancel`, { params: { id } });
    expect(twice.status).toBe(409);
    expect(twice.error?.details.reason).toBe('INSTANCE_NOT_ACTIVE');
  });

  it('given a signal nobody waits for, when broadcast, then nothing is delivered', async () => {
    expect((await call(broadcastSignal, 'POST', '/api/v1/signals', { json: { name: 'nobody-listens' } })).json).toEqual({ delivered: 0, started: 0 });
  });
});

/** The all-roles test token `call` uses, as a header (for a request built by hand). */
async function tokenHeader(): Promise<string | undefined> {
  let header: string | undefined;
  await call(
    async (request) => {
      header = request.headers.get('authorization') ?? undefined;
      return new Response('{}');
    },
    'GET',
    '/',
  );
  return header;
}
