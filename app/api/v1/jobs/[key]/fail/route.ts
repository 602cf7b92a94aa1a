import { failJob as failEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { answerJob } from '@/lib/engine/runtime/answer-job';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(failEndpoint, async ({ db, subject, params, body }) =>
  json(
    200,
    await answerJob(runtimeContextFor(db), {
      jobKey: params.key,
      actor: eventActorOf(subject),
      answer: {
        kind: 'fail',
        retries: body.retries,
        ...(body.errorMessage === undefined ? {} : { errorMessage: body.errorMessage }),
        ...(body.retryBackoffMs === undefined ? {} : { retryBackoffMs: body.retryBackoffMs }),
      },
    }),
  ),
);
