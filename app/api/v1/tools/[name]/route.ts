import { deleteTool as deleteToolEndpoint, getTool as getToolEndpoint, updateTool as updateToolEndpoint } from '@/lib/api/agent-endpoints';
import { json, route } from '@/lib/api/route';
import { deleteTool, getTool, updateTool } from '@/lib/agents/tool-registry';

export const GET = route(getToolEndpoint, async ({ db, params }) => json(200, await getTool(db, params.name)));

export const PUT = route(updateToolEndpoint, async ({ db, actor, params, body }) => json(200, await updateTool({ db, actor, name: params.name, input: body })));

export const DELETE = route(deleteToolEndpoint, async ({ db, actor, params }) => {
  await deleteTool({ db, actor, name: params.name });
  return json(200, { deleted: true as const });
});
