import { describe, expect, it } from 'vitest';
import { authEnvironmentProblem, authSecretFrom } from '@/lib/auth/auth-env';

describe('the environment sign-in needs', () => {
  it('given production without BETTER_AUTH_SECRET, then the problem says what to set', () => {
    expect(authEnvironmentProblem({ NODE_ENV: 'production' })).toMatch(/BETTER_AUTH_SECRET must be set/);
    expect(authEnvironmentProblem({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'too-short' })).toMatch(/at least 32/);
  });

  it('given production with a secret, then none', () => {
    expect(authEnvironmentProblem({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) })).toBeNull();
  });

  it('given development without a secret, then a development secret that is never the production one', () => {
    expect(authSecretFrom({ NODE_ENV: 'development' })).toMatch(/not-for-production/);
  });

  it('given half-configured SSO, then the problem names it', () => {
    expect(authEnvironmentProblem({ NODE_ENV: 'development', BATON_OIDC_CLIENT_ID: 'x' })).toMatch(/Single sign-on is half configured/);
  });
});
