/**
 * OpenID Connect single sign-on, switched on by configuration alone (docs/auth.md):
 *
 *   BATON_OIDC_DISCOVERY_URL   https://idp.example.com/.well-known/openid-configuration
 *   BATON_OIDC_CLIENT_ID       the client registered at the identity provider
 *   BATON_OIDC_CLIENT_SECRET   its secret
 *   BATON_OIDC_PROVIDER_ID     optional, default "oidc" (the redirect URI to register is <BETTER_AUTH_URL>/api/auth/callback/<id>)
 *   BATON_OIDC_NAME            optional, the button text, default "Single sign-on"
 *   BATON_OIDC_SCOPES          optional, default "openid email profile"
 *
 * Contract: none of the variables set → null (SSO off); the three required ones set → the
 * config; anything in between is an error naming what is missing, so a half-configured SSO
 * fails at start instead of at the first sign-in.
 */
import { z } from 'zod';

export type OidcConfig = { providerId: string; name: string; discoveryUrl: string; clientId: string; clientSecret: string; scopes: string[] };

const OidcEnvSchema = z.object({
  BATON_OIDC_DISCOVERY_URL: z.url(),
  BATON_OIDC_CLIENT_ID: z.string().min(1),
  BATON_OIDC_CLIENT_SECRET: z.string().min(1),
  BATON_OIDC_PROVIDER_ID: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes').default('oidc'),
  BATON_OIDC_NAME: z.string().min(1).default('Single sign-on'),
  BATON_OIDC_SCOPES: z.string().default('openid email profile'),
});

export function oidcConfigFrom(env: Record<string, string | undefined>): OidcConfig | null {
  const given = Object.keys(OidcEnvSchema.shape).filter((key) => (env[key] ?? '').trim() !== '');
  if (given.length === 0) return null;
  const parsed = OidcEnvSchema.safeParse(Object.fromEntries(given.map((key) => [key, env[key]?.trim()])));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Single sign-on is half configured (${problems}). Set BATON_OIDC_DISCOVERY_URL, BATON_OIDC_CLIENT_ID and BATON_OIDC_CLIENT_SECRET, or none of them.`);
  }
  const e = parsed.data;
  return {
    providerId: e.BATON_OIDC_PROVIDER_ID,
    name: e.BATON_OIDC_NAME,
    discoveryUrl: e.BATON_OIDC_DISCOVERY_URL,
    clientId: e.BATON_OIDC_CLIENT_ID,
    clientSecret: e.BATON_OIDC_CLIENT_SECRET,
    scopes: e.BATON_OIDC_SCOPES.split(/[\s,]+/).filter(Boolean),
  };
}
