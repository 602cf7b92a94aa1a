/**
 * API token secrets. A token is `baton_` + 43 base64url characters (32 random bytes); only its
 * SHA-256 is stored (`ApiToken.tokenHash`, unique). A fast hash is right here, unlike for
 * passwords: the secret is 256 random bits, so there is nothing to guess, and every API request
 * must find its token by hash in one indexed lookup.
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'baton_';
/** How many characters of a token lists show, to recognise it (`baton_Ab3x…`). */
export const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
const TOKEN_PATTERN = /^baton_[A-Za-z0-9_-]{43}$/;

export function generateTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `value` has the shape of a Baton token (checked before any lookup). */
export function looksLikeTokenSecret(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
