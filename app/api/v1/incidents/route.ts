import { listIncidents as listEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { listIncidents } from '@/lib/engine/runtime/list-incidents';

export const GET = route(listEndpoint, async ({ db, query }) =>
  json(200, { items: await listIncidents(db, { status: query.status, limit: query.limit, ...(query.instanceId === undefined ? {} : { instanceId: query.instanceId }) }) }),
);
