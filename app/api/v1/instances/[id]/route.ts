import { NotFoundError } from '@/lib/api/errors';
import { getInstance as getEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { getInstance } from '@/lib/engine/runtime/get-instance';

export const GET = route(getEndpoint, async ({ db, params }) => {
  const instance = await getInstance(db, params.id);
  if (instance === null) throw new NotFoundError('instance.not-found', `process instance ${params.id} does not exist`, { id: params.id });
  return json(200, instance);
});
