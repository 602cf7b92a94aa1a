import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { claimJobs } from './claim-jobs';
import { ManualClock } from './clock';
import { createHttpExecutor } from './executors/http';
import { resolveIncident } from './resolve-incident';
import { runJobBatch } from './run-job-batch';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { processXml, publishXml } from './test-support';
import { CountingServer } from './test-http-server';

function httpProcess(id: string, base: string, retry = '<baton:retry attempts="3" initialBackoff="PT1S" factor="2" jitter="0"/>'): string {
  return processXml(
    id,
    `<bpmn:startEvent id="start"/>
     <bpmn:serviceTask id="charge"><bpmn:extensionElements>
       <baton:taskDefinition type="http" timeout="PT2S"/>
       ${retry}
       <baton:http method="POST" url="=&quot;${base}/charge/&quot; + orderId" resultVariable="response">
         <baton:header name="Authorization" value="=&quot;Bearer &quot; + secrets.TOKEN"/>
         <baton:body>={ &quot;order&quot;: orderId, &quot;amount&quot;: amount }</baton:body>
         <baton:secret name="TOKEN"/>
       </baton:http>
     </bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:endEvent id="end"/>
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge"/>
     <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="end"/>`,
  );
}

describeEachDatabase('jobs: http connector, retries, incidents, leases', (database) => {
  const server = new CountingServer();
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  let rt: RuntimeContext;
  let modelKey: string;
  const executors = { http: createHttpExecutor({ secrets: (name) => (name === 'TOKEN' ? 's3cret' : undefined) }) };
  const worker = { owner: 'worker-a', executors, batchSize: 10, defaultTimeoutMs: 5_000, random: () => 0.5 };

  beforeAll(async () => {
    await server.start();
    rt = createRuntimeContext({ db: database.db, clock });
    ({ modelKey } = await publishXml(database.db, httpProcess('pay', server.url)));
  });
  afterAll(() => server.stop());

  it('given an http task, when the worker runs it, then the request is rendered from variables and secrets, carries the idempotency key, and the response lands in a variable', async () => {
    server.status = 200;
    const { instanceId } = await startInstance(rt, { processKey: modelKey, variables: { orderId: 'o-1', amount: 12.5 } });
    const job = await database.db.job.findFirstOrThrow({ where: { instanceId } });

    expect(await runJobBatch(rt, worker)).toBe(1);

    const call = server.calls.at(-1);
    expect(call).toMatchObject({ method: 'POST', path: '/charge/o-1', key: job.idempotencyKey });
    expect(call?.headers.authorization).toBe('Bearer s3cret');
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ order: 'o-1', amount: 12.5 });
    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(row.status).toBe('completed');
    const variables = JSON.parse(row.snapshot).variables[0][1];
    expect(variables.response).toMatchObject({ status: 200, body: { ok: true, key: job.idempotencyKey } });
  });

  it('given a failing endpoint, when attempts fail, then backoff is 1 s then 2 s by the injected clock, and the third failure raises an incident with the last error', async () => {
    server.status = 503;
    const { instanceId } = await startInstance(rt, { processKey: modelKey, variables: { orderId: 'o-2', amount: 1 } });
    const t0 = clock.now();

    expect(await runJobBatch(rt, worker)).toBe(1); // attempt 1 fails
    let job = await database.db.job.findFirstOrThrow({ where: { instanceId } });
    expect(job).toMatchObject({ status: 'activatable', retriesLeft: 2, attempt: 2 });
    expect(job.dueAt.getTime()).toBe(t0 + 1000);

    clock.set(t0 + 999);
    expect(await runJobBatch(rt, worker)).toBe(0); // still backing off
    clock.set(t0 + 1000);
    expect(await runJobBatch(rt, worker)).toBe(1); // attempt 2 fails
    job = await database.db.job.findFirstOrThrow({ where: { instanceId } });
    expect(job.dueAt.getTime()).toBe(t0 + 1000 + 2000);
    expect(job.idempotencyKey.endsWith('/3')).toBe(true);

    clock.set(t0 + 2999);
    expect(await runJobBatch(rt, worker)).toBe(0);
    clock.set(t0 + 3000);
    expect(await runJobBatch(rt, worker)).toBe(1); // attempt 3 fails: no retries left

    job = await database.db.job.findFirstOrThrow({ where: { instanceId } });
    expect(job).toMatchObject({ status: 'failed', retriesLeft: 0 });
    const incidents = await database.db.incident.findMany({ where: { instanceId } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: 'open', jobId: job.id, kind: 'jobNoRetries' });
    expect(incidents[0].message).toContain('status 503');
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).openIncidents).toBe(1);
    clock.advance(60_000);
    expect(await runJobBatch(rt, worker)).toBe(0); // a failed job is never claimed

    // Resolve by retry, after editing a variable: the job runs again with the new value.
    server.status = 200;
    const resolved = await resolveIncident(rt, { incidentId: incidents[0].id, variables: { orderId: 'o-2-fixed' } });
    expect(resolved.ok).toBe(true);
    expect(await runJobBatch(rt, worker)).toBe(1);
    expect(server.calls.at(-1)?.path).toBe('/charge/o-2-fixed');
    expect((await database.db.incident.findUniqueOrThrow({ where: { id: incidents[0].id } })).status).toBe('resolved');
    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(row).toMatchObject({ status: 'completed', openIncidents: 0 });
  });

  it('given a worker that claimed a job and vanished, when its lease expires, then another worker gets the same job with the same idempotency key', async () => {
    const { instanceId } = await startInstance(rt, { processKey: modelKey, variables: { orderId: 'o-3', amount: 1 } });
    const t0 = clock.now();

    const first = await claimJobs(rt, { owner: 'crashed', types: ['http'], max: 10, leaseMs: 10_000 });
    expect(first.map((j) => j.instanceId)).toEqual([instanceId]);
    clock.set(t0 + 9_999);
    expect(await claimJobs(rt, { owner: 'other', types: ['http'], max: 10, leaseMs: 10_000 })).toEqual([]);
    clock.set(t0 + 10_000);
    const second = await claimJobs(rt, { owner: 'other', types: ['http'], max: 10, leaseMs: 10_000 });

    expect(second.map((j) => [j.jobKey, j.idempotencyKey])).toEqual([[first[0].jobKey, first[0].idempotencyKey]]);
  });

  it('given a due job, when an external worker claims by job (not by instance), then it gets the job with its lease and a second claim gets nothing', async () => {
    const { instanceId } = await startInstance(rt, { processKey: modelKey, variables: { orderId: 'o-4', amount: 1 } });

    const claimed = await claimJobs(rt, { owner: 'external', types: ['http'], max: 10, leaseMs: 30_000, byInstance: false });

    expect(claimed.map((j) => [j.instanceId, j.leaseExpiresAt])).toEqual([[instanceId, clock.now() + 30_000]]);
    expect(await claimJobs(rt, { owner: 'another', types: ['http'], max: 10, leaseMs: 30_000, byInstance: false })).toEqual([]);
  });
});
