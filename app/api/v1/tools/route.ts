import { createTool as createToolEndpoint, listTools as listToolsEndpoint } from '@/lib/api/agent-endpoints';
import { json, route } from '@/lib/api/route';
import { createTool, listTools } from '@/lib/agents/tool-registry';

export const GET = route(listToolsEndpoint, async ({ db }) => json(200, { items: await listTools(db) }));

export const POST = route(createToolEndpoint, async ({ db, actor, body }) => json(201, await createTool({ db, actor, input: body })));
