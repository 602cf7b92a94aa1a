import { broadcastSignal as broadcastEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { broadcastSignal } from '@/lib/engine/runtime/broadcast-signal';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(broadcastEndpoint, async ({ db, subject, body }) =>
  json(200, await broadcastSignal(runtimeContextFor(db), { name: body.name, actor: eventActorOf(subject), ...(body.variables === undefined ? {} : { variables: body.variables }) })),
);
