/**
 * Test-only helpers for sign-in: a better-auth instance on a test database, and real sign-ins
 * through its HTTP handler (the same requests a browser sends), answering the session cookie.
 */
import { createAuth, type Auth, type AuthSettings } from '@/lib/auth/auth';
import type { Db } from '@/lib/db/client';

export const TEST_BASE_URL = 'http://localhost:3000';
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export function testAuth(db: Db, over: Partial<AuthSettings> = {}): Auth {
  return createAuth({ db, baseURL: TEST_BASE_URL, secret: TEST_SECRET, production: false, rateLimit: false, oidc: null, ...over });
}

export type SignInAnswer = { status: number; body: Record<string, unknown>; setCookie: string | null; cookie: string | null };

/** POST /api/auth/sign-in/email as a same-origin browser would. `cookie` is the `name=value` to send back. */
export async function signIn(auth: Auth, email: string, password: string, headers: Record<string, string> = {}): Promise<SignInAnswer> {
  const response = await auth.handler(
    new Request(`${TEST_BASE_URL}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_BASE_URL, 'user-agent': 'vitest', ...headers },
      body: JSON.stringify({ email, password }),
    }),
  );
  const setCookie = response.headers.get('set-cookie');
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, body, setCookie, cookie: setCookie ? setCookie.split(';')[0] : null };
}
