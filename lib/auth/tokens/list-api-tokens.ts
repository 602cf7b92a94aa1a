/** Every API token, newest first, as admins see them (no secrets, no hashes), with whether it still works at `now`. */
import { toApiTokenSummary, type ApiTokenSummary } from '@/lib/auth/tokens/api-token-dto';
import type { Db } from '@/lib/db/client';

export type ApiTokenListItem = ApiTokenSummary & { status: 'live' | 'expired' | 'revoked' };

export async function listApiTokens(db: Db, now: Date = new Date()): Promise<ApiTokenListItem[]> {
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map((row) => {
    const token = toApiTokenSummary(row);
    const status = token.revokedAt ? 'revoked' : token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime() ? 'expired' : 'live';
    return { ...token, status };
  });
}
