import { cancelInstance as cancelEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { cancelInstance } from '@/lib/engine/runtime/modify-instance';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(cancelEndpoint, async ({ db, subject, params, body }) =>
  json(200, await cancelInstance(runtimeContextFor(db), { instanceId: params.id, actor: eventActorOf(subject), ...(body.reason === undefined ? {} : { reason: body.reason }) })),
);
