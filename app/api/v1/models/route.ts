import { createModel as createModelEndpoint, listModels as listModelsEndpoint } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';
import { createModel } from '@/lib/models/create-model';
import { listModels } from '@/lib/models/list-models';

export const POST = route(createModelEndpoint, async ({ db, actor, body, query }) =>
  json(201, await createModel({ db, actor, source: body, key: query.key, name: query.name })),
);

export const GET = route(listModelsEndpoint, async ({ db, query }) => json(200, await listModels({ db, limit: query.limit, offset: query.offset })));
