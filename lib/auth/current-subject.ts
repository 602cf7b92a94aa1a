import 'server-only';
/**
 * Who is acting in the current request, for pages, layouts and server actions: the one place
 * that reads the session there (route handlers get theirs from `route()`).
 *
 * Contract
 * - `currentSubject()` reads the session cookie through better-auth and the user's roles and
 *   groups fresh; null when nobody (or a deactivated user) is signed in. Cached per request.
 *   It reads request headers, so components that call it sit inside <Suspense>.
 * - `requireAction(action)` is how every server action starts: the subject allowed to do
 *   `action` and the audit actor, or an `UnauthorizedError` / `ForbiddenError` (AppErrors, which
 *   actions turn into the message their form shows). Never trust a hidden button instead.
 */
import { headers } from 'next/headers';
import { cache } from 'react';
import { ForbiddenError, UnauthorizedError } from '@/lib/api/errors';
import { getAuth } from '@/lib/auth/auth';
import { can, PERMISSIONS, resourceOf, type CoarseAction, type RoleAction } from '@/lib/auth/can';
import { loadUserSubject } from '@/lib/auth/load-subject';
import { originOfHeaders } from '@/lib/auth/origin';
import { actorOf, type Subject } from '@/lib/auth/subject';
import { getDb } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';

export const currentSubject = cache(async (): Promise<Subject | null> => {
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return loadUserSubject(getDb(), session.user.id);
});

/** Who is acting and as which audit actor, when they may do `action`; throws otherwise. */
export async function requireAction(action: CoarseAction): Promise<{ subject: Subject; actor: Actor }> {
  const subject = await currentSubject();
  if (!subject) throw new UnauthorizedError('Your session has ended: sign in again.');
  if (!can(subject, action, resourceOf(action))) throw new ForbiddenError(notAllowedMessage(action), { action });
  return { subject, actor: actorOf(subject, originOfHeaders(await headers())) };
}

/** "Not allowed: publishing models needs the role modeler." */
export function notAllowedMessage(action: CoarseAction): string {
  const roles: readonly string[] = PERMISSIONS[action as RoleAction] ?? [];
  return `Not allowed: ${action}${roles.length > 0 ? ` needs the role ${roles.join(' or ')}` : ''}.`;
}
