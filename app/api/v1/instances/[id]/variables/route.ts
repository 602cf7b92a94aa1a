import { setInstanceVariables as variablesEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { setInstanceVariables } from '@/lib/engine/runtime/modify-instance';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(variablesEndpoint, async ({ db, subject, params, body }) =>
  json(
    200,
    await setInstanceVariables(runtimeContextFor(db), {
      instanceId: params.id,
      variables: body.variables,
      actor: eventActorOf(subject),
      ...(body.scopeKey === undefined ? {} : { scopeKey: body.scopeKey }),
      ...(body.local === undefined ? {} : { local: body.local }),
    }),
  ),
);
