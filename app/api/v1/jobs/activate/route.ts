import { activateJobs as activateEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { activateJobs } from '@/lib/engine/runtime/activate-jobs';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(activateEndpoint, async ({ db, request, body }) => {
  const jobs = await activateJobs(runtimeContextFor(db), {
    type: body.type,
    worker: body.worker,
    max: body.maxJobs,
    timeoutMs: body.timeoutMs,
    waitMs: body.requestTimeoutMs,
    signal: request.signal,
  });
  return json(200, {
    jobs: jobs.map((job) => ({
      key: job.jobKey,
      type: job.type,
      instanceId: job.instanceId,
      elementId: job.elementId,
      elementInstanceId: job.elementInstanceId,
      retries: job.retriesLeft,
      attempt: job.attempt,
      idempotencyKey: job.idempotencyKey,
      variables: job.variables,
      settings: job.settings,
      deadline: new Date(job.leaseExpiresAt).toISOString(),
    })),
  });
});
