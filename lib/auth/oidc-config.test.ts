import { describe, expect, it } from 'vitest';
import { oidcConfigFrom } from '@/lib/auth/oidc-config';

describe('oidcConfigFrom: single sign-on by configuration', () => {
  it('given nothing set, then SSO is off', () => {
    expect(oidcConfigFrom({})).toBeNull();
  });

  it('given the three required variables, then the config with defaults', () => {
    expect(
      oidcConfigFrom({ BATON_OIDC_DISCOVERY_URL: 'https://idp.example.com/.well-known/openid-configuration', BATON_OIDC_CLIENT_ID: 'baton', BATON_OIDC_CLIENT_SECRET: 's3cret' }),
    ).toEqual({ providerId: 'oidc', name: 'Single sign-on', discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration', clientId: 'baton', clientSecret: 's3cret', scopes: ['openid', 'email', 'profile'] });
  });

  it('given half a configuration, then an error naming what is missing', () => {
    expect(() => oidcConfigFrom({ BATON_OIDC_CLIENT_ID: 'baton' })).toThrow(/BATON_OIDC_DISCOVERY_URL/);
  });
});
