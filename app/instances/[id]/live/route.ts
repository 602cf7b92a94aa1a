/**
 * GET /instances/<id>/live?after=<seq> — the instance page's live event stream (server-sent
 * events, the format of /api/v1/instances/<id>/stream), served by the shared per-instance
 * reader (lib/engine/runtime/instance-stream-hub.ts) so that many open viewers cost one read
 * per commit. A UI endpoint like a server action: it asks can() for `instance:read` itself;
 * machines use /api/v1/instances/<id>/stream.
 */
import { connection } from 'next/server';
import { can, resourceOf } from '@/lib/auth/can';
import { currentSubject } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';
import type { Db } from '@/lib/db/client';
import { createStreamHub } from '@/lib/engine/runtime/instance-stream-hub';
import { onCommit } from '@/lib/engine/runtime/server-runtime';
import { lastEventIdOf } from '@/lib/engine/runtime/stream-events';

const globalForHub = globalThis as unknown as { __batonViewerHubs?: Map<Db, ReturnType<typeof createStreamHub>> };

function hubFor(db: Db) {
  const hubs = (globalForHub.__batonViewerHubs ??= new Map());
  let hub = hubs.get(db);
  if (hub === undefined) {
    hub = createStreamHub({ db, onCommit });
    hubs.set(db, hub);
  }
  return hub;
}

function error(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  await connection();
  const subject = await currentSubject();
  if (subject === null) return error(401, 'auth.unauthenticated', 'Sign in to watch instances.');
  if (!can(subject, 'instance:read', resourceOf('instance:read'))) return error(403, 'auth.forbidden', 'Not allowed: instance:read needs the role admin, operator or auditor.');
  const { id } = await context.params;
  const db = getDb();
  const exists = await db.processInstance.findUnique({ where: { id }, select: { id: true } });
  if (exists === null) return error(404, 'instance.not-found', `process instance ${id} does not exist`);
  const query = Number(new URL(request.url).searchParams.get('after'));
  const after = lastEventIdOf(request) ?? (Number.isInteger(query) && query >= 0 ? query : 0);
  return new Response(hubFor(db).stream(id, after, request.signal), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
