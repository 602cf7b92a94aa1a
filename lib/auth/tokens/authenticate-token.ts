/**
 * `Authorization: Bearer <token>` → the token's subject, or null.
 *
 * Contract
 * - Null for anything that is not a live token: malformed, unknown, revoked, or expired at `now`.
 * - The subject holds exactly the roles and groups the token was given.
 * - The time of use is recorded in `lastUsedAt`, at most once a minute per token (so a busy
 *   worker does not write on every request).
 */
import { knownRoles } from '@/lib/auth/roles';
import type { Subject } from '@/lib/auth/subject';
import { parseStoredList } from '@/lib/auth/tokens/api-token-dto';
import { hashTokenSecret, looksLikeTokenSecret } from '@/lib/auth/tokens/token-secret';
import type { Db } from '@/lib/db/client';

const LAST_USED_RESOLUTION_MS = 60_000;

/** The token of an `Authorization` header value, or null when it is not a bearer credential. */
export function bearerTokenOf(authorization: string | null): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : null;
}

export async function authenticateToken(db: Db, secret: string, now: Date = new Date()): Promise<Subject | null> {
  if (!looksLikeTokenSecret(secret)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashTokenSecret(secret) } });
  if (!row || row.revokedAt !== null) return null;
  if (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()) return null;
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { type: 'token', id: row.id, label: row.name, roles: knownRoles(parseStoredList(row.roles)), groups: parseStoredList(row.groups) };
}
