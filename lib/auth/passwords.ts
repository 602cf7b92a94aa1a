/**
 * Password policy and the demo passwords. Hashing and verification are better-auth's own
 * (scrypt, salted; `better-auth/crypto`), the same functions its sign-in uses — Baton never
 * hashes a password any other way, and never stores or logs one in clear.
 *
 * Contract
 * - The demo passwords (README "Demo users") are for local use only. The seed gives them to the
 *   demo users only outside production, and in production (`NODE_ENV=production`) sign-in
 *   refuses every one of them whatever the database holds (lib/auth/auth.ts), and no admin
 *   operation may set one.
 * - A password is 12 to 128 characters.
 */
import { hashPassword as libraryHash, verifyPassword as libraryVerify } from 'better-auth/crypto';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** For local use only (README). Refused in production. */
export const DEMO_PASSWORDS: Readonly<Record<string, string>> = {
  'admin@baton.local': 'admin-baton-demo',
  'modeler@baton.local': 'modeler-baton-demo',
  'operator@baton.local': 'operator-baton-demo',
  'auditor@baton.local': 'auditor-baton-demo',
  'finance@baton.local': 'finance-baton-demo',
  'compliance@baton.local': 'compliance-baton-demo',
};

export function isDefaultPassword(password: string): boolean {
  return Object.values(DEMO_PASSWORDS).includes(password);
}

export function isProduction(env: { NODE_ENV?: string } = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** Why `password` may not be set, or null when it may. */
export function passwordProblem(password: string, options: { production: boolean }): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `a password has at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `a password has at most ${PASSWORD_MAX_LENGTH} characters`;
  if (options.production && isDefaultPassword(password)) return 'a demo password cannot be used in production';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return libraryHash(password);
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return libraryVerify({ hash, password });
}
