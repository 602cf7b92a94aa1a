import { publishModel as publishModelEndpoint } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';
import { publishModel } from '@/lib/models/publish-model';

export const POST = route(publishModelEndpoint, async ({ db, actor, params, body }) => {
  const result = await publishModel({ db, actor, idOrKey: params.id, message: body.message });
  return result.created ? json(201, result) : json(200, result);
});
