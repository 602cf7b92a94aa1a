/**
 * Revokes an API token: from the next request on it authenticates nobody. Revoking twice is
 * harmless (the first revocation time stays, nothing more is audited). The change and its
 * `api-token.revoke` audit row are one transaction. Callers authorise first (`api-token:manage`).
 */
import { NotFoundError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import { toApiTokenSummary, type ApiTokenSummary } from '@/lib/auth/tokens/api-token-dto';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';

export async function revokeApiToken(db: Db, actor: Actor, tokenId: string, now: Date = new Date()): Promise<ApiTokenSummary> {
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!row) throw new NotFoundError('api-token.not-found', `No API token with id "${tokenId}".`, { tokenId });
    if (row.revokedAt) return toApiTokenSummary(row);
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now } });
    await writeAudit(tx, { actor, action: 'api-token.revoke', resource: { type: 'api-token', id: tokenId }, details: { name: row.name, prefix: row.prefix } });
    return toApiTokenSummary(revoked);
  });
}
