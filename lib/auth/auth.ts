import 'server-only';
/**
 * Sign-in, sessions and sign-out: better-auth (docs/auth.md says why), configured once here.
 *
 * Contract
 * - E-mail + password only through accounts an admin created (no self sign-up); passwords are
 *   hashed by better-auth (scrypt). Optional OIDC single sign-on by configuration
 *   (lib/auth/oidc-config.ts), for users an admin created with the same e-mail.
 * - Sessions live in the Session table; the cookie holds a signed random token, is httpOnly,
 *   SameSite=Lax, Secure when the base URL is https, and lasts `SESSION_HOURS` from sign-in
 *   (no sliding renewal: sign in again after that). Sign-out deletes the session row.
 * - Before a password is checked (`hooks.before`): a deactivated account is refused like a
 *   wrong password, a locked one (lib/auth/lockout.ts) with a message saying so, and in
 *   production every demo password is refused whatever the database holds.
 * - After a failed e-mail sign-in (`hooks.after`) the failure is counted against the account
 *   and may lock it. Every session creation is checked again (active, not locked) and audited
 *   (`databaseHooks`), so SSO sign-ins obey the same rules.
 * - better-auth's rate limiter (memory, per client address) guards its endpoints in production:
 *   at most `SIGN_IN_PER_MINUTE` sign-in attempts per address and minute
 *   (BATON_SIGN_IN_LIMIT_PER_MINUTE changes it).
 * - Audit rows: auth.sign-in, auth.sign-in-failed (with the reason), auth.locked-out,
 *   auth.sign-out, user.change-password. Never a password.
 * - In production, a demo password cannot be chosen through /change-password either.
 */
import { betterAuth } from 'better-auth/minimal';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/write-audit';
import { authSecretFrom } from '@/lib/auth/auth-env';
import { clearFailedSignIns, isLocked, MAX_FAILED_SIGN_INS, recordFailedSignIn } from '@/lib/auth/lockout';
import { oidcConfigFrom, type OidcConfig } from '@/lib/auth/oidc-config';
import { originOfHeaders } from '@/lib/auth/origin';
import { isDefaultPassword, isProduction, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/passwords';
import { databaseKindOf, getDb, type Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';

export const SESSION_HOURS = 12;
export const SIGN_IN_PER_MINUTE = 20;

export type AuthSettings = {
  db: Db;
  /** The public URL of Baton, e.g. https://baton.example.com (cookies are Secure when https). */
  baseURL: string;
  /** At least 32 characters; signs the session cookie. */
  secret: string;
  production: boolean;
  /** better-auth's per-address rate limiter; on in production. */
  rateLimit: boolean;
  /** Sign-in attempts per client address and minute (default `SIGN_IN_PER_MINUTE`). */
  signInPerMinute?: number;
  oidc: OidcConfig | null;
  /** The clock of lockout decisions (tests move it). */
  now?: () => Date;
};

const SignInBodySchema = z.object({ email: z.string().max(320), password: z.string() });

const INVALID_CREDENTIALS = { message: 'Invalid email or password', code: 'INVALID_EMAIL_OR_PASSWORD' };

export function createAuth(settings: AuthSettings) {
  const { db, oidc } = settings;
  const now = settings.now ?? (() => new Date());

  const attemptActor = (email: string, userId: string | null, headers: Headers | undefined | null): Actor => ({
    type: 'user',
    ...(userId ? { id: userId } : {}),
    label: email.slice(0, 320) || '(no e-mail)',
    ...originOfHeaders(headers),
  });

  async function auditFailure(email: string, userId: string | null, headers: Headers | undefined | null, reason: string) {
    await writeAudit(db, { actor: attemptActor(email, userId, headers), action: 'auth.sign-in-failed', resource: { type: 'user', id: userId }, details: { email, reason } });
  }

  /** Counts a failed attempt against the account; audits the lock when this one locked it. */
  async function countFailure(userId: string, email: string, headers: Headers | undefined | null) {
    const at = now();
    const state = await recordFailedSignIn(db, userId, at);
    // Only the failure that reaches the limit locks (later attempts are refused before counting).
    if (isLocked(state, at) && state.failedSignIns >= MAX_FAILED_SIGN_INS) {
      await writeAudit(db, {
        actor: attemptActor(email, userId, headers),
        action: 'auth.locked-out',
        resource: { type: 'user', id: userId },
        details: { email, failedSignIns: state.failedSignIns, lockedUntil: state.lockedUntil!.toISOString() },
      });
    }
  }

  const plugins = [
    ...(oidc
      ? [
          genericOAuth({
            config: [
              {
                providerId: oidc.providerId,
                discoveryUrl: oidc.discoveryUrl,
                clientId: oidc.clientId,
                clientSecret: oidc.clientSecret,
                scopes: oidc.scopes,
                pkce: true,
                // Only people an admin created may sign in; SSO links to them by e-mail.
                disableImplicitSignUp: true,
              },
            ],
          }),
        ]
      : []),
    nextCookies(),
  ];

  return betterAuth({
    appName: 'Baton',
    baseURL: settings.baseURL,
    secret: settings.secret,
    database: prismaAdapter(db, { provider: databaseKindOf(db) === 'postgres' ? 'postgresql' : 'sqlite' }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      revokeSessionsOnPasswordReset: true,
    },
    account: oidc ? { accountLinking: { enabled: true, trustedProviders: [oidc.providerId] } } : undefined,
    session: { expiresIn: SESSION_HOURS * 60 * 60, disableSessionRefresh: true },
    rateLimit: {
      enabled: settings.rateLimit,
      storage: 'memory',
      window: 60,
      max: 100,
      customRules: { '/sign-in/*': { window: 60, max: settings.signInPerMinute ?? SIGN_IN_PER_MINUTE } },
    },
    // Origin and CSRF checks stay on everywhere (better-auth would skip them under NODE_ENV=test).
    advanced: { useSecureCookies: settings.baseURL.startsWith('https://'), disableOriginCheck: false, disableCSRFCheck: false },
    trustedOrigins: settings.production ? [new URL(settings.baseURL).origin] : [new URL(settings.baseURL).origin, 'http://localhost:*', 'http://127.0.0.1:*'],
    // Endpoints Baton does not offer: accounts, e-mails and passwords are managed by admins.
    disabledPaths: ['/sign-up/email', '/update-user', '/delete-user', '/change-email', '/request-password-reset', '/reset-password', '/verify-email', '/send-verification-email'],
    onAPIError: { errorURL: '/sign-in' },
    telemetry: { enabled: false },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-out') {
          const session = await getSessionFromCtx(ctx).catch(() => null);
          if (session) {
            await writeAudit(db, {
              actor: { type: 'user', id: session.user.id, label: session.user.email, ...originOfHeaders(ctx.headers) },
              action: 'auth.sign-out',
              resource: { type: 'user', id: session.user.id },
            });
          }
          return;
        }
        if (ctx.path === '/change-password') {
          const body = z.object({ newPassword: z.string() }).safeParse(ctx.body);
          if (settings.production && body.success && isDefaultPassword(body.data.newPassword)) {
            throw new APIError('BAD_REQUEST', { message: 'A demo password cannot be used in production.', code: 'PASSWORD_REJECTED' });
          }
          return;
        }
        if (ctx.path !== '/sign-in/email') return;
        const body = SignInBodySchema.safeParse(ctx.body);
        if (!body.success) return; // better-auth answers the malformed request itself
        const email = body.data.email.trim().toLowerCase();
        const user = await db.user.findUnique({ where: { email }, select: { id: true, active: true, lockedUntil: true } });
        if (user && !user.active) {
          await auditFailure(email, user.id, ctx.headers, 'deactivated');
          throw new APIError('UNAUTHORIZED', INVALID_CREDENTIALS);
        }
        if (user && isLocked(user, now())) {
          await auditFailure(email, user.id, ctx.headers, 'locked');
          const until = user.lockedUntil!.toISOString().slice(11, 16);
          throw new APIError('TOO_MANY_REQUESTS', {
            message: `Too many failed sign-ins: this account is locked until ${until} UTC. Try again later, or ask an admin to unlock it.`,
            code: 'ACCOUNT_LOCKED',
          });
        }
        if (settings.production && isDefaultPassword(body.data.password)) {
          await auditFailure(email, user?.id ?? null, ctx.headers, 'demo-password-in-production');
          if (user) await countFailure(user.id, email, ctx.headers);
          throw new APIError('UNAUTHORIZED', INVALID_CREDENTIALS);
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/change-password') {
          const changed = z.object({ user: z.object({ id: z.string(), email: z.string() }) }).safeParse(ctx.context.returned);
          if (changed.success) {
            const { user } = changed.data;
            await writeAudit(db, { actor: { type: 'user', id: user.id, label: user.email, ...originOfHeaders(ctx.headers) }, action: 'user.change-password', resource: { type: 'user', id: user.id } });
          }
          return;
        }
        if (ctx.path !== '/sign-in/email') return;
        const returned = ctx.context.returned;
        if (!isAPIError(returned) || returned.statusCode !== 401) return;
        const body = SignInBodySchema.safeParse(ctx.body);
        if (!body.success) return;
        const email = body.data.email.trim().toLowerCase();
        const user = await db.user.findUnique({ where: { email }, select: { id: true } });
        await auditFailure(email, user?.id ?? null, ctx.headers, user ? 'wrong-password' : 'unknown-email');
        if (user) await countFailure(user.id, email, ctx.headers);
      }),
    },
    databaseHooks: {
      session: {
        create: {
          // Every way in (password, SSO) passes here: only active, unlocked people get a session.
          before: async (session) => {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { active: true, lockedUntil: true } });
            return Boolean(user && user.active && !isLocked(user, now()));
          },
          after: async (session, ctx) => {
            const user = await db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { email: true } });
            await clearFailedSignIns(db, session.userId);
            await writeAudit(db, {
              actor: { type: 'user', id: session.userId, label: user.email, ...originOfHeaders(ctx?.headers ?? ctx?.request?.headers) },
              action: 'auth.sign-in',
              resource: { type: 'user', id: session.userId },
              details: { method: ctx?.path?.startsWith('/callback/') ? 'oidc' : 'password', sessionExpiresAt: new Date(session.expiresAt).toISOString() },
            });
          },
        },
      },
    },
    plugins,
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The settings of the running app, from the environment. Throws, saying what to set, when production lacks a secret. */
export function authSettingsFromEnv(db: Db, env: Record<string, string | undefined> = process.env): AuthSettings {
  const production = isProduction(env);
  return {
    db,
    baseURL: env.BETTER_AUTH_URL?.trim() || 'http://localhost:3000',
    secret: authSecretFrom(env),
    production,
    rateLimit: production,
    signInPerMinute: z.coerce.number().int().min(1).max(10_000).default(SIGN_IN_PER_MINUTE).parse(env.BATON_SIGN_IN_LIMIT_PER_MINUTE || undefined),
    oidc: oidcConfigFrom(env),
  };
}

const instances = new WeakMap<Db, Auth>();

/** The auth of `db` (default: the app's database), created on first use. */
export function getAuth(db: Db = getDb()): Auth {
  let auth = instances.get(db);
  if (!auth) {
    auth = createAuth(authSettingsFromEnv(db));
    instances.set(db, auth);
  }
  return auth;
}
