import { getModel as getModelEndpoint } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';
import { getModel } from '@/lib/models/get-model';

export const GET = route(getModelEndpoint, async ({ db, params }) => json(200, await getModel({ db, idOrKey: params.id })));
