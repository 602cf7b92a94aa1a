import { modifyInstance as modifyEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { modifyInstance } from '@/lib/engine/runtime/modify-instance';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(modifyEndpoint, async ({ db, subject, params, body }) =>
  json(200, await modifyInstance(runtimeContextFor(db), { instanceId: params.id, activate: body.activate, terminate: body.terminate, actor: eventActorOf(subject) })),
);
