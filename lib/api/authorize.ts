/**
 * Authentication and authorisation of the machine API (and of every route handler under
 * app/api): who sent a request, and whether the endpoint's declared rule lets them.
 *
 * Contract
 * - Every endpoint declares its rule as data (`auth` in lib/api/endpoints.ts): `'public'`, or
 *   the coarse action a caller must be allowed (`{ action: 'model:publish' }`). `route()` calls
 *   `authenticate` and then `authorize` for every request to a non-public endpoint, before any
 *   input is read. Route handlers outside `route()` declare themselves public with a reason
 *   (`publicRoute`); app/api/route-coverage.test.ts fails for a handler that declares nothing.
 * - `authenticate`: `Authorization: Bearer <API token>` when that header is present (a bad or
 *   revoked token is 401 and never falls back to a cookie), else the better-auth session cookie.
 *   Deactivated users and revoked or expired tokens authenticate nobody.
 * - A cookie-authenticated request that changes something (not GET/HEAD/OPTIONS) must come from
 *   this site: a foreign `Origin`, or `Sec-Fetch-Site: cross-site`, is 403 (CSRF). Tokens are
 *   not sent by browsers on their own, so bearer requests need no such check.
 * - `authorize` is one line over `can()` (lib/auth/can.ts): 403 when it says no.
 */
import { ForbiddenError } from '@/lib/api/errors';
import { getAuth } from '@/lib/auth/auth';
import { can, PERMISSIONS, resourceOf, type CoarseAction, type RoleAction } from '@/lib/auth/can';
import { loadUserSubject } from '@/lib/auth/load-subject';
import { originOfHeaders } from '@/lib/auth/origin';
import { actorOf, type Subject } from '@/lib/auth/subject';
import { authenticateToken, bearerTokenOf } from '@/lib/auth/tokens/authenticate-token';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';

export type AccessRule = 'public' | { action: CoarseAction };

export type Authenticated = { subject: Subject; via: 'session' | 'token' };

/** Who sent the request, or null when nobody valid did (→ 401 on non-public endpoints). */
export async function authenticate(request: Request, db: Db): Promise<Authenticated | null> {
  if (request.headers.has('authorization')) {
    const secret = bearerTokenOf(request.headers.get('authorization'));
    const subject = secret ? await authenticateToken(db, secret) : null;
    return subject ? { subject, via: 'token' } : null;
  }
  const session = await getAuth(db).api.getSession({ headers: request.headers });
  if (!session) return null;
  const subject = await loadUserSubject(db, session.user.id);
  return subject ? { subject, via: 'session' } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Throws `ForbiddenError` for a cookie-authenticated, state-changing request from another site. */
export function assertSameSite(request: Request, via: Authenticated['via']): void {
  if (via !== 'session' || SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (request.headers.get('sec-fetch-site') === 'cross-site') throw new ForbiddenError('Cross-site request refused.');
  const origin = request.headers.get('origin');
  if (origin === null) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ForbiddenError('Cross-site request refused.');
  }
  if (originHost !== host) throw new ForbiddenError('Cross-site request refused.');
}

/** Throws `ForbiddenError` (403) when `subject` may not do what `rule` names. */
export function authorize(subject: Subject, rule: Exclude<AccessRule, 'public'>): void {
  if (can(subject, rule.action, resourceOf(rule.action))) return;
  const roles: readonly string[] = PERMISSIONS[rule.action as RoleAction] ?? [];
  throw new ForbiddenError(`Not allowed: ${rule.action}${roles.length > 0 ? ` needs the role ${roles.join(' or ')}` : ''}.`, { action: rule.action });
}

/** The audit actor of an authenticated request. */
export function requestActor(subject: Subject, request: Request): Actor {
  return actorOf(subject, originOfHeaders(request.headers));
}
