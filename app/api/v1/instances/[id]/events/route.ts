import { NotFoundError } from '@/lib/api/errors';
import { listInstanceEvents as eventsEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { listInstanceEvents } from '@/lib/engine/runtime/list-instance-events';

export const GET = route(eventsEndpoint, async ({ db, params, query }) => {
  const exists = await db.processInstance.findUnique({ where: { id: params.id }, select: { id: true } });
  if (exists === null) throw new NotFoundError('instance.not-found', `process instance ${params.id} does not exist`, { id: params.id });
  return json(200, await listInstanceEvents(db, { instanceId: params.id, after: query.after, limit: query.limit }));
});
