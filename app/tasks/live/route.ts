/**
 * GET /tasks/live — the inbox page's own server-sent stream of "changed" notices
 * (_data/inbox-changes.ts), from `?since=<signature>` (the page's render) or `Last-Event-ID`.
 * A UI endpoint like a server action, not part of the machine API
 * (custom task UIs poll or use /api/v1): it asks can() for `inbox:read` itself and sends no data
 * about any task, so it tells a subject nothing beyond "look again".
 */
import { connection } from 'next/server';
import { can, resourceOf } from '@/lib/auth/can';
import { currentSubject } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';
import { onCommit } from '@/lib/engine/runtime/server-runtime';
import { inboxChangeStream, SIGNATURE_PATTERN } from '../_data/inbox-changes';

export async function GET(request: Request): Promise<Response> {
  await connection();
  const subject = await currentSubject();
  if (!subject) return Response.json({ error: { code: 'auth.unauthenticated', message: 'Sign in to follow your inbox.' } }, { status: 401 });
  if (!can(subject, 'inbox:read', resourceOf('inbox:read'))) {
    return Response.json({ error: { code: 'auth.forbidden', message: 'Not allowed: inbox:read.' } }, { status: 403 });
  }
  // Resume from the last notice (EventSource sends its id) or from the page's own render.
  const given = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('since');
  const since = given !== null && SIGNATURE_PATTERN.test(given) ? given : undefined;
  const stream = inboxChangeStream({ db: getDb(), signal: request.signal, wake: onCommit, ...(since === undefined ? {} : { since }) });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
