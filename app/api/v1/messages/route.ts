import { publishMessage as publishEndpoint } from '@/lib/api/runtime-endpoints';
import { json, route } from '@/lib/api/route';
import { publishMessage } from '@/lib/engine/runtime/publish-message';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';

export const POST = route(publishEndpoint, async ({ db, body }) => {
  const result = await publishMessage(runtimeContextFor(db), {
    name: body.name,
    ttlMs: body.timeToLiveMs,
    ...(body.correlationKey === undefined ? {} : { correlationKey: body.correlationKey }),
    ...(body.variables === undefined ? {} : { variables: body.variables }),
    ...(body.messageId === undefined ? {} : { messageId: body.messageId }),
  });
  return json(200, {
    status: result.status,
    ...('instanceId' in result ? { instanceId: result.instanceId } : {}),
    ...(result.messageId === undefined ? {} : { messageId: result.messageId }),
    ...('expiresAt' in result ? { expiresAt: result.expiresAt } : {}),
  });
});
