import { listVersions as listVersionsEndpoint } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';
import { listVersions } from '@/lib/models/list-versions';

export const GET = route(listVersionsEndpoint, async ({ db, params }) => json(200, await listVersions({ db, idOrKey: params.id })));
