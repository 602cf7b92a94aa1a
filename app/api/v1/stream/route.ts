import { streamEvents as streamEndpoint } from '@/lib/api/runtime-endpoints';
import { route, stream } from '@/lib/api/route';
import { lastEventId } from '@/lib/engine/runtime/list-instance-events';
import { commitWakeFor } from '@/lib/engine/runtime/server-runtime';
import { eventStream, lastEventIdOf } from '@/lib/engine/runtime/stream-events';

export const GET = route(streamEndpoint, async ({ db, request, query }) => {
  const after = query.after ?? lastEventIdOf(request) ?? (await lastEventId(db));
  return stream(200, eventStream({ db, after, signal: request.signal, wake: commitWakeFor(db), ...(query.maxMs === undefined ? {} : { maxMs: query.maxMs }) }));
});
