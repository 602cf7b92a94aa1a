import { beforeAll, expect, it } from 'vitest';
import { authenticateToken, bearerTokenOf } from '@/lib/auth/tokens/authenticate-token';
import { createApiToken } from '@/lib/auth/tokens/create-api-token';
import { listApiTokens } from '@/lib/auth/tokens/list-api-tokens';
import { revokeApiToken } from '@/lib/auth/tokens/revoke-api-token';
import { describeEachDatabase } from '@/lib/db/test-database';
import type { Actor } from '@/lib/models/actor';
import { runSeed } from '@/prisma/seed/run-seed';

const ADMIN: Actor = { type: 'user', id: 'admin-id', label: 'admin@baton.local', ip: '127.0.0.1' };
const T0 = new Date('2026-05-04T08:00:00Z');

describeEachDatabase('API tokens', (database) => {
  let secret = '';
  let tokenId = '';

  beforeAll(async () => {
    await runSeed(database.db, { credentials: { demoPasswords: false, production: false } });
  });

  it('given an admin creates a token, then its secret is answered once and only its hash is stored', async () => {
    const created = await createApiToken(database.db, ADMIN, { name: 'invoice worker', roles: ['operator'], groups: ['finance'], expiresInDays: 30 }, T0);
    secret = created.secret;
    tokenId = created.token.id;
    expect(secret).toMatch(/^baton_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({ name: 'invoice worker', roles: ['operator'], groups: ['finance'], prefix: secret.slice(0, 12), revokedAt: null });
    expect(created.token.expiresAt?.toISOString()).toBe('2026-06-03T08:00:00.000Z');

    const stored = JSON.stringify([await database.db.apiToken.findMany(), await database.db.auditLog.findMany()]);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice(12));
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'api-token.create' } });
    expect(audit).toMatchObject({ actorLabel: 'admin@baton.local', resourceId: tokenId });
    expect(JSON.parse(audit.details)).toMatchObject({ name: 'invoice worker', roles: ['operator'], groups: ['finance'] });
    expect(JSON.stringify(await listApiTokens(database.db))).not.toContain('tokenHash');
  });

  it('given the secret as a bearer token, then the token acts with exactly its roles and groups, and its use is recorded', async () => {
    expect(bearerTokenOf(`Bearer ${secret}`)).toBe(secret);
    const subject = await authenticateToken(database.db, secret, T0);
    expect(subject).toEqual({ type: 'token', id: tokenId, label: 'invoice worker', roles: ['operator'], groups: ['finance'] });
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt?.toISOString()).toBe(T0.toISOString());
  });

  it('given uses within a minute, then lastUsedAt moves at most once a minute', async () => {
    await authenticateToken(database.db, secret, new Date(T0.getTime() + 30_000));
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt?.toISOString()).toBe(T0.toISOString());
    await authenticateToken(database.db, secret, new Date(T0.getTime() + 61_000));
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt?.getTime()).toBe(T0.getTime() + 61_000);
  });

  it.each([
    ['a wrong secret', () => `baton_${'A'.repeat(43)}`, T0],
    ['something that is no token', () => 'not-a-token', T0],
    ['the right secret after it expired', () => secret, new Date('2026-06-03T08:00:01Z')],
  ])('given %s, then nobody', async (_name, value, now) => {
    expect(await authenticateToken(database.db, value(), now)).toBeNull();
  });

  it('given a group that does not exist, then 404 and nothing created', async () => {
    const before = await database.db.apiToken.count();
    await expect(createApiToken(database.db, ADMIN, { name: 'x', groups: ['nonexistent'] })).rejects.toMatchObject({ code: 'group.not-found' });
    expect(await database.db.apiToken.count()).toBe(before);
  });

  it('given a revoked token, then it authenticates nobody; revoking again changes nothing', async () => {
    await revokeApiToken(database.db, ADMIN, tokenId, T0);
    expect(await authenticateToken(database.db, secret, T0)).toBeNull();
    await revokeApiToken(database.db, ADMIN, tokenId, new Date());
    expect(await database.db.auditLog.count({ where: { action: 'api-token.revoke', resourceId: tokenId } })).toBe(1);
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).revokedAt?.toISOString()).toBe(T0.toISOString());
  });
});
