import { completeJob as completeEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { answerJob } from '@/lib/engine/runtime/answer-job';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(completeEndpoint, async ({ db, subject, params, body }) =>
  json(200, await answerJob(runtimeContextFor(db), { jobKey: params.key, actor: eventActorOf(subject), answer: { kind: 'complete', ...(body.variables === undefined ? {} : { variables: body.variables }) } })),
);
