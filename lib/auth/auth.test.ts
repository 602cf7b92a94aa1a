import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from '@/lib/auth/lockout';
import { DEMO_PASSWORDS } from '@/lib/auth/passwords';
import { signIn, testAuth, TEST_BASE_URL } from '@/lib/auth/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { runSeed } from '@/prisma/seed/run-seed';

const DEVELOPMENT = { demoPasswords: true, production: false } as const;
const FINANCE = 'finance@baton.local';
const FINANCE_PASSWORD = DEMO_PASSWORDS[FINANCE];

afterEach(() => vi.restoreAllMocks());

describeEachDatabase('sign-in (better-auth)', (database) => {
  beforeAll(async () => {
    await runSeed(database.db, { credentials: DEVELOPMENT });
  });

  it('given the right password, then a session cookie that is httpOnly, SameSite=Lax, 12 hours, and a Session row', async () => {
    const answer = await signIn(testAuth(database.db), FINANCE, FINANCE_PASSWORD);
    expect(answer.status).toBe(200);
    const cookie = answer.setCookie!;
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).toMatch(/;\s*Max-Age=43200/i);
    expect(cookie).not.toMatch(/;\s*Secure/i); // http base URL; see the https case below
    const session = await testAuth(database.db).api.getSession({ headers: new Headers({ cookie: answer.cookie! }) });
    expect(session?.user.email).toBe(FINANCE);
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'auth.sign-in' }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ actorLabel: FINANCE, userAgent: 'vitest', resourceType: 'user' });
    expect(JSON.parse(audit.details)).toMatchObject({ method: 'password' });
  });

  it('given an https base URL, then the cookie is also Secure (with the __Secure- prefix)', async () => {
    const answer = await signIn(testAuth(database.db, { baseURL: 'https://baton.example.com' }), FINANCE, FINANCE_PASSWORD, { origin: 'https://baton.example.com' });
    expect(answer.status).toBe(200);
    expect(answer.setCookie).toMatch(/^__Secure-better-auth\.session_token=.*;\s*Secure/i);
    expect(answer.setCookie).toMatch(/HttpOnly/i);
  });

  it('given an expired session, then the cookie is worth nothing', async () => {
    const auth = testAuth(database.db);
    const answer = await signIn(auth, FINANCE, FINANCE_PASSWORD);
    const token = decodeURIComponent(answer.cookie!.split('=')[1]).split('.')[0];
    await database.db.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await auth.api.getSession({ headers: new Headers({ cookie: answer.cookie! }) })).toBeNull();
  });

  it('given sign-out, then the session row is gone, the cookie is cleared and the sign-out audited', async () => {
    const auth = testAuth(database.db);
    const answer = await signIn(auth, FINANCE, FINANCE_PASSWORD);
    const response = await auth.handler(new Request(`${TEST_BASE_URL}/api/auth/sign-out`, { method: 'POST', headers: { cookie: answer.cookie!, origin: TEST_BASE_URL } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/better-auth\.session_token=;.*Max-Age=0/i);
    expect(await auth.api.getSession({ headers: new Headers({ cookie: answer.cookie! }) })).toBeNull();
    expect(await database.db.auditLog.count({ where: { action: 'auth.sign-out', actorLabel: FINANCE } })).toBe(1);
  });

  it('given a sign-in posted from another site, then it is refused', async () => {
    const answer = await signIn(testAuth(database.db), FINANCE, FINANCE_PASSWORD, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' });
    expect(answer.status).toBe(403);
    expect(answer.setCookie).toBeNull();
  });

  it('given self sign-up, then it is not offered', async () => {
    const response = await testAuth(database.db).handler(
      new Request(`${TEST_BASE_URL}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: TEST_BASE_URL },
        body: JSON.stringify({ email: 'intruder@example.com', password: 'intruder-password-1', name: 'I' }),
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await database.db.user.count({ where: { email: 'intruder@example.com' } })).toBe(0);
  });
});

describeEachDatabase('lockout after repeated failed sign-ins', (database) => {
  const EMAIL = 'compliance@baton.local';
  const PASSWORD = DEMO_PASSWORDS[EMAIL];
  let now = new Date('2026-03-02T09:00:00Z');
  const auth = () => testAuth(database.db, { now: () => now });

  beforeAll(async () => {
    await runSeed(database.db, { credentials: DEVELOPMENT });
  });

  it(`given ${MAX_FAILED_SIGN_INS} wrong passwords in a row, then the account is locked, even for the right password`, async () => {
    for (let i = 1; i <= MAX_FAILED_SIGN_INS; i += 1) {
      const answer = await signIn(auth(), EMAIL, `wrong-password-${i}`);
      expect(answer.status, `attempt ${i}`).toBe(401);
    }
    const locked = await signIn(auth(), EMAIL, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(String(locked.body.message)).toContain('locked until');
    expect(locked.setCookie).toBeNull();

    const user = await database.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(user.failedSignIns).toBe(MAX_FAILED_SIGN_INS);
    expect(user.lockedUntil?.toISOString()).toBe(new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString());

    const audits = await database.db.auditLog.findMany({ where: { actorLabel: EMAIL }, orderBy: { at: 'asc' } });
    const reasons = audits.map((a) => (a.action === 'auth.sign-in-failed' ? JSON.parse(a.details).reason : a.action));
    expect(reasons).toEqual([...Array(MAX_FAILED_SIGN_INS).fill('wrong-password'), 'auth.locked-out', 'locked']);
  });

  it('given the lock has run out, then the right password signs in and clears the count', async () => {
    now = new Date(now.getTime() + (LOCKOUT_MINUTES + 1) * 60_000);
    expect((await signIn(auth(), EMAIL, PASSWORD)).status).toBe(200);
    const user = await database.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect([user.failedSignIns, user.lockedUntil]).toEqual([0, null]);
  });

  it('given an unknown e-mail, then the same answer as a wrong password, and the attempt is audited', async () => {
    const answer = await signIn(auth(), 'nobody@baton.local', 'whatever-password');
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'INVALID_EMAIL_OR_PASSWORD' });
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { actorLabel: 'nobody@baton.local' } });
    expect(JSON.parse(audit.details)).toMatchObject({ reason: 'unknown-email' });
  });

  it('given a deactivated user with the right password, then refused like a wrong password', async () => {
    await database.db.user.update({ where: { email: 'auditor@baton.local' }, data: { active: false } });
    const answer = await signIn(auth(), 'auditor@baton.local', DEMO_PASSWORDS['auditor@baton.local']);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'INVALID_EMAIL_OR_PASSWORD' });
  });
});

describeEachDatabase('production', (database) => {
  beforeAll(async () => {
    // A database seeded outside production (so it holds demo passwords), then served in production.
    await runSeed(database.db, { credentials: DEVELOPMENT });
  });

  it('given a demo password, then sign-in refuses it although the database holds it', async () => {
    const answer = await signIn(testAuth(database.db, { production: true }), 'admin@baton.local', DEMO_PASSWORDS['admin@baton.local']);
    expect(answer.status).toBe(401);
    expect(answer.setCookie).toBeNull();
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'auth.sign-in-failed', actorLabel: 'admin@baton.local' } });
    expect(JSON.parse(audit.details)).toMatchObject({ reason: 'demo-password-in-production' });
  });

  it("given more sign-in attempts from one address than better-auth's limiter allows, then 429", async () => {
    const auth = testAuth(database.db, { production: true, rateLimit: true });
    // The limiter's memory is per process: each database kind uses its own address.
    const address = database.kind === 'sqlite' ? '203.0.113.7' : '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < 22; i += 1) statuses.push((await signIn(auth, `nobody${i}@baton.local`, 'wrong-password-x', { 'x-forwarded-for': address })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await signIn(auth, 'nobody@baton.local', 'wrong-password-x', { 'x-forwarded-for': database.kind === 'sqlite' ? '203.0.113.8' : '203.0.113.10' })).status).toBe(401);
  });
});

describeEachDatabase('passwords are never stored or logged in clear', (database) => {
  it('given sign-ins that succeed and fail, then no table and no log line holds a password', async () => {
    const logged: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    }
    await runSeed(database.db, { credentials: DEVELOPMENT });
    const auth = testAuth(database.db);
    const tried = ['a-wrong-password-123', 'another-wrong-one-456', FINANCE_PASSWORD];
    for (const password of tried) await signIn(auth, FINANCE, password);
    await signIn(auth, 'nobody@baton.local', 'unknown-user-password-789');

    const tables = await Promise.all([
      database.db.user.findMany(),
      database.db.account.findMany(),
      database.db.session.findMany(),
      database.db.verification.findMany(),
      database.db.auditLog.findMany(),
    ]);
    const stored = JSON.stringify(tables);
    const all = [...tried, 'unknown-user-password-789', ...Object.values(DEMO_PASSWORDS)];
    for (const password of all) {
      expect(stored, 'database').not.toContain(password);
      expect(logged.join('\n'), 'logs').not.toContain(password);
    }
    // The stored credential is a scrypt hash: salt:key in hex.
    const account = await database.db.account.findFirstOrThrow({ where: { user: { email: FINANCE } } });
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });
});

describeEachDatabase('changing one’s own password', (database) => {
  beforeAll(async () => {
    await runSeed(database.db, { credentials: DEVELOPMENT });
  });

  const change = (auth: ReturnType<typeof testAuth>, cookie: string, newPassword: string) =>
    auth.handler(
      new Request(`${TEST_BASE_URL}/api/auth/change-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: TEST_BASE_URL, cookie },
        body: JSON.stringify({ currentPassword: DEMO_PASSWORDS['modeler@baton.local'], newPassword, revokeOtherSessions: true }),
      }),
    );

  it('given production and a demo password as the new one, then refused', async () => {
    const auth = testAuth(database.db, { production: true });
    // A modeler signed in outside production (the demo password worked there).
    const answer = await signIn(testAuth(database.db), 'modeler@baton.local', DEMO_PASSWORDS['modeler@baton.local']);
    const response = await change(auth, answer.cookie!, DEMO_PASSWORDS['admin@baton.local']);
    expect(response.status).toBe(400);
  });

  it('given the current password, then the new one works, the old one not, and the change is audited', async () => {
    const auth = testAuth(database.db);
    const answer = await signIn(auth, 'modeler@baton.local', DEMO_PASSWORDS['modeler@baton.local']);
    expect((await change(auth, answer.cookie!, 'my-own-modeler-password')).status).toBe(200);
    expect((await signIn(auth, 'modeler@baton.local', DEMO_PASSWORDS['modeler@baton.local'])).status).toBe(401);
    expect((await signIn(auth, 'modeler@baton.local', 'my-own-modeler-password')).status).toBe(200);
    expect(await database.db.auditLog.count({ where: { action: 'user.change-password', actorLabel: 'modeler@baton.local' } })).toBe(1);
  });
});

describeEachDatabase('single sign-on by configuration', (database) => {
  // A stand-in identity provider on the loopback interface: only its discovery document.
  let idp: Server;
  let issuer = '';
  beforeAll(async () => {
    await runSeed(database.db, { credentials: DEVELOPMENT });
    idp = createServer((request, response) => {
      if (request.url !== '/.well-known/openid-configuration') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => idp.close(() => resolve())));

  it('given an OIDC provider configured, then "sign in with SSO" redirects to it with PKCE and our callback, and passwords still work', async () => {
    const auth = testAuth(database.db, {
      oidc: { providerId: 'oidc', name: 'Company SSO', discoveryUrl: `${issuer}/.well-known/openid-configuration`, clientId: 'baton', clientSecret: 'secret', scopes: ['openid', 'email'] },
    });
    const response = await auth.handler(
      new Request(`${TEST_BASE_URL}/api/auth/sign-in/social`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: TEST_BASE_URL },
        body: JSON.stringify({ provider: 'oidc', callbackURL: '/tasks' }),
      }),
    );
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    const authorize = new URL(url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe('baton');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${TEST_BASE_URL}/api/auth/callback/oidc`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toContain('openid');
    expect((await signIn(auth, FINANCE, FINANCE_PASSWORD)).status).toBe(200);
  });
});
