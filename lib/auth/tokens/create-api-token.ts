/**
 * Creates an API token for a machine (an external worker, a system that sends messages).
 *
 * Contract
 * - Answers the secret exactly once, with the token's summary; only its SHA-256 is stored.
 * - The token acts with the roles and groups it is given here, nothing else; groups must exist.
 * - The row and its `api-token.create` audit row (name, prefix, roles, groups, expiry — never the
 *   secret) are written in one transaction. Callers authorise first (`api-token:manage`).
 */
import { z } from 'zod';
import { NotFoundError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import { GroupNameSchema, RoleSchema } from '@/lib/auth/roles';
import { toApiTokenSummary, type ApiTokenSummary } from '@/lib/auth/tokens/api-token-dto';
import { generateTokenSecret, hashTokenSecret, SHOWN_PREFIX_LENGTH } from '@/lib/auth/tokens/token-secret';
import type { Db } from '@/lib/db/client';
import { userIdOf } from '@/lib/models/audit';
import type { Actor } from '@/lib/models/actor';

export const CreateApiTokenInputSchema = z.object({
  name: z.string().trim().min(1, 'a token needs a name').max(100),
  roles: z.array(RoleSchema).max(4).default([]),
  groups: z.array(GroupNameSchema).max(50).default([]),
  /** Days until it stops working; none means until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInputSchema>;

export async function createApiToken(db: Db, actor: Actor, raw: CreateApiTokenInput, now: Date = new Date()): Promise<{ secret: string; token: ApiTokenSummary }> {
  const input = CreateApiTokenInputSchema.parse(raw);
  const roles = [...new Set(input.roles)].sort();
  const groups = [...new Set(input.groups)].sort();
  const secret = generateTokenSecret();
  const expiresAt = input.expiresInDays !== undefined ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;

  const row = await db.$transaction(async (tx) => {
    const known = await tx.group.findMany({ where: { name: { in: groups } }, select: { name: true } });
    const missing = groups.filter((g) => !known.some((k) => k.name === g));
    if (missing.length > 0) throw new NotFoundError('group.not-found', `No group named ${missing.map((g) => `"${g}"`).join(', ')}.`, { groups: missing });
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        tokenHash: hashTokenSecret(secret),
        roles: JSON.stringify(roles),
        groups: JSON.stringify(groups),
        createdById: userIdOf(actor),
        expiresAt,
      },
    });
    await writeAudit(tx, {
      actor,
      action: 'api-token.create',
      resource: { type: 'api-token', id: created.id },
      details: { name: created.name, prefix: created.prefix, roles, groups, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { secret, token: toApiTokenSummary(row) };
}
