import { describe, expect, it } from 'vitest';
import { open, seal, secretKeyFrom } from './secret-box';

describe('secret box (provider keys at rest)', () => {
  const key = secretKeyFrom({ BATON_SECRET_KEY: 'a'.repeat(64) });

  it('given a key, when sealed and opened, then the plain text comes back and the sealed text does not contain it', () => {
    const sealed = seal('sk-live-123', key);
    expect(sealed).not.toContain('sk-live-123');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(open(sealed, key)).toBe('sk-live-123');
    expect(seal('sk-live-123', key)).not.toBe(sealed); // fresh iv each time
  });

  it('given another key or a tampered value, when opened, then it throws', () => {
    const sealed = seal('sk-live-123', key);
    expect(() => open(sealed, secretKeyFrom({ BETTER_AUTH_SECRET: 'x'.repeat(40) }))).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => open(`v1:${raw.toString('base64')}`, key)).toThrow();
  });

  it('given no BATON_SECRET_KEY, then the key is derived from BETTER_AUTH_SECRET, and production without either refuses', () => {
    expect(secretKeyFrom({ BETTER_AUTH_SECRET: 'y'.repeat(40) })).toHaveLength(32);
    expect(() => secretKeyFrom({ NODE_ENV: 'production' })).toThrow(/BETTER_AUTH_SECRET/);
  });
});
