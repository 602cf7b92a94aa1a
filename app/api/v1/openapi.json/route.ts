import { getOpenApi } from '@/lib/api/endpoints';
import { openApiDocument } from '@/lib/api/openapi';
import { json, route } from '@/lib/api/route';

export const GET = route(getOpenApi, async () => json(200, openApiDocument()));
