/**
 * GET /tasks/live — the inbox page's own server-sent stream of "changed" notices
 * (_data/inbox-changes.ts). A UI endpoint like a server action, not part of the machine API
 * (custom task UIs poll or use /api/v1): it asks can() for `inbox:read` itself and sends no data
 * about any task, so it tells a subject nothing beyond "look again".
 */
import { connection } from 'next/server';
import { can, resourceOf } from '@/lib/auth/can';
import { currentSubject } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';
import { onCommit } from '@/lib/engine/runtime/server-runtime';
import { inboxChangeStream } from '../_data/inbox-changes';

export async function GET(request: Request): Promise<Response> {
  await connection();
  const subject = await currentSubject();
  if (!subject) return Response.json({ error: { code: 'auth.unauthenticated', message: 'Sign in to follow your inbox.' } }, { status: 401 });
  if (!can(subject, 'inbox:read', resourceOf('inbox:read'))) {
    return Response.json({ error: { code: 'auth.forbidden', message: 'Not allowed: inbox:read.' } }, { status: 403 });
  }
  const stream = inboxChangeStream({ db: getDb(), signal: request.signal, wake: onCommit });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
