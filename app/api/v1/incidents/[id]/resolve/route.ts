import { NotFoundError } from '@/lib/api/errors';
import { resolveIncident as resolveEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { commandSucceeded } from '@/lib/engine/runtime/command-errors';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import { resolveIncident } from '@/lib/engine/runtime/resolve-incident';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(resolveEndpoint, async ({ db, subject, params, body }) => {
  const result = await resolveIncident(runtimeContextFor(db), {
    incidentId: params.id,
    actor: eventActorOf(subject),
    ...(body.retries === undefined ? {} : { retries: body.retries }),
    ...(body.variables === undefined ? {} : { variables: body.variables }),
    ...(body.scopeKey === undefined ? {} : { scopeKey: body.scopeKey }),
  });
  if (!result.ok && result.code === 'INCIDENT_NOT_FOUND') throw new NotFoundError('incident.not-found', result.message, { id: params.id });
  const done = commandSucceeded(result);
  return json(200, { instanceId: done.instanceId, status: done.state.status, lastSeq: done.lastSeq, events: done.events.length });
});
