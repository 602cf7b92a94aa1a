/**
 * What sign-in needs from the environment, checked without loading the auth library: the
 * secret that signs session cookies (required in production) and a consistent SSO setting.
 * instrumentation.ts runs `authEnvironmentProblem` when the server starts, so a production
 * server without a secret stops at once with this message instead of failing every request.
 */
import { oidcConfigFrom } from '@/lib/auth/oidc-config';
import { isProduction } from '@/lib/auth/passwords';

/** Used outside production when BETTER_AUTH_SECRET is unset. Never in production. */
const DEVELOPMENT_SECRET = 'baton-development-secret-not-for-production-use';

const SECRET_MISSING =
  'BETTER_AUTH_SECRET must be set to at least 32 random characters in production (e.g. `openssl rand -base64 32`); it signs the session cookies.';

/** The secret that signs session cookies; throws saying what to set when production has none. */
export function authSecretFrom(env: Record<string, string | undefined>): string {
  const secret = env.BETTER_AUTH_SECRET?.trim() || (isProduction(env) ? '' : DEVELOPMENT_SECRET);
  if (secret.length < 32) throw new Error(SECRET_MISSING);
  return secret;
}

/** Why sign-in cannot work with this environment, or null. */
export function authEnvironmentProblem(env: Record<string, string | undefined>): string | null {
  try {
    authSecretFrom(env);
    oidcConfigFrom(env);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
