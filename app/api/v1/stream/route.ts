import { streamEvents as streamEndpoint } from '@/lib/api/runtime-endpoints';
import { route, stream } from '@/lib/api/route';
import { currentLogPosition } from '@/lib/engine/runtime/list-instance-events';
import { commitWakeFor } from '@/lib/engine/runtime/server-runtime';
import { eventStream, lastLogPositionOf } from '@/lib/engine/runtime/stream-events';

export const GET = route(streamEndpoint, async ({ db, request, query }) => {
  const after = query.after ?? lastLogPositionOf(request) ?? (await currentLogPosition(db));
  return stream(200, eventStream({ db, source: { after }, signal: request.signal, wake: commitWakeFor(db), ...(query.maxMs === undefined ? {} : { maxMs: query.maxMs }) }));
});
