import { NotFoundError } from '@/lib/api/errors';
import { streamInstanceEvents as streamEndpoint } from '@/lib/api/runtime-endpoints';
import { route, stream } from '@/lib/api/route';
import { commitWakeFor } from '@/lib/engine/runtime/server-runtime';
import { eventStream, lastEventIdOf } from '@/lib/engine/runtime/stream-events';

export const GET = route(streamEndpoint, async ({ db, request, params, query }) => {
  const exists = await db.processInstance.findUnique({ where: { id: params.id }, select: { id: true } });
  if (exists === null) throw new NotFoundError('instance.not-found', `process instance ${params.id} does not exist`, { id: params.id });
  const after = query.after ?? lastEventIdOf(request) ?? 0;
  return stream(200, eventStream({ db, source: { instanceId: params.id, after }, signal: request.signal, wake: commitWakeFor(db), ...(query.maxMs === undefined ? {} : { maxMs: query.maxMs }) }));
});
