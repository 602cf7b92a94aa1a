import { validateModel as validateModelEndpoint } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';
import { validateModel } from '@/lib/models/validate-model';

export const POST = route(validateModelEndpoint, async ({ db, params, body }) => json(200, await validateModel({ db, idOrKey: params.id, source: body })));
