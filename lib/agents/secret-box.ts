/**
 * Encryption at rest for provider API keys: AES-256-GCM.
 *
 * Contract
 * - The key is `BATON_SECRET_KEY` (32 bytes as base64 or 64 hex characters; any other text is
 *   stretched with scrypt), else derived from `BETTER_AUTH_SECRET` (scrypt with a fixed label),
 *   else — outside production only — from the development secret that sign-in also uses.
 * - `seal(plain)` gives `v1:` + base64(iv | tag | ciphertext) with a fresh 12-byte iv; `open`
 *   reverses it and throws on a wrong key or a tampered value (GCM's tag).
 * - Plain keys never leave the server: callers store `seal(...)` and only the agent runtime opens it.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { authSecretFrom } from '@/lib/auth/auth-env';

const PREFIX = 'v1:';

export function secretKeyFrom(env: Record<string, string | undefined>): Buffer {
  const explicit = env.BATON_SECRET_KEY?.trim();
  if (explicit) {
    if (/^[0-9a-f]{64}$/i.test(explicit)) return Buffer.from(explicit, 'hex');
    const decoded = Buffer.from(explicit, 'base64');
    if (decoded.length === 32) return decoded;
    return scryptSync(explicit, 'baton:secret-key', 32);
  }
  return scryptSync(authSecretFrom(env), 'baton:provider-keys', 32);
}

let cached: { source: string; key: Buffer } | undefined;

function defaultKey(): Buffer {
  const source = `${process.env.BATON_SECRET_KEY ?? ''}|${process.env.BETTER_AUTH_SECRET ?? ''}`;
  if (cached?.source !== source) cached = { source, key: secretKeyFrom(process.env) };
  return cached.key;
}

export function seal(plain: string, key: Buffer = defaultKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

export function open(sealed: string, key: Buffer = defaultKey()): string {
  if (!sealed.startsWith(PREFIX)) throw new Error('secret-box: not a sealed value');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  if (raw.length < 28) throw new Error('secret-box: sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
