/**
 * Calling v1 route handlers in tests: real `Request` objects in, status/headers/body out.
 * Test-only. Each API test file also mocks `next/server`'s `connection()` (there is no Next.js
 * request scope in vitest) and points the handlers at its database with `setRouteDatabase`.
 *
 * Unless a test sends its own `authorization` header or asks for `anonymous`, `call` sends an
 * API token holding every role (`TEST_CALLER_NAME`), created in the route database on first
 * use without an audit row — so tests of what an endpoint does are not tests of who may call
 * it (app/api/route-matrix.test.ts is that).
 */
import { expect } from 'vitest';
import type { GuardedHandler, RouteContext } from '@/lib/api/route';
import { routeDb } from '@/lib/api/route-db';
import { ROLES, type Role } from '@/lib/auth/roles';
import { generateTokenSecret, hashTokenSecret, SHOWN_PREFIX_LENGTH } from '@/lib/auth/tokens/token-secret';
import type { Db } from '@/lib/models/db';
import { countRows, type RowCounts } from '@/lib/models/test-support';

export type Handler = (request: Request, context?: RouteContext) => Promise<Response>;

export type CallOptions = {
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as-is, with `contentType` (default application/xml). */
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** Send no credentials at all. */
  anonymous?: boolean;
};

export const TEST_CALLER_NAME = 'test-caller';

/**
 * Inserts a live API token with `roles` and `groups` straight into `db` (no audit row) and
 * answers its secret. For tests only.
 */
export async function insertTestToken(db: Db, input: { name?: string; roles?: readonly Role[]; groups?: readonly string[] } = {}): Promise<string> {
  const secret = generateTokenSecret();
  await db.apiToken.create({
    data: {
      name: input.name ?? TEST_CALLER_NAME,
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      tokenHash: hashTokenSecret(secret),
      roles: JSON.stringify(input.roles ?? ROLES),
      groups: JSON.stringify(input.groups ?? []),
    },
  });
  return secret;
}

const callerTokens = new WeakMap<Db, Promise<string>>();

function callerToken(db: Db): Promise<string> {
  let token = callerTokens.get(db);
  if (!token) {
    token = insertTestToken(db);
    callerTokens.set(db, token);
  }
  return token;
}

export type Answer = { status: number; headers: Headers; text: string; json: unknown; error?: { code: string; message: string; details: Record<string, unknown> } };

export async function call(handler: Handler, method: string, url: string, options: CallOptions = {}): Promise<Answer> {
  const headers = new Headers(options.headers);
  const isPublic = (handler as Partial<GuardedHandler>).accessRule === 'public';
  if (!isPublic && !options.anonymous && !headers.has('authorization') && !headers.has('cookie')) headers.set('authorization', `Bearer ${await callerToken(routeDb())}`);
  let body: BodyInit | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  } else if (body !== undefined && !headers.has('content-type') && options.contentType !== '') {
    headers.set('content-type', options.contentType ?? 'application/xml');
  }
  const isStream = body instanceof ReadableStream;
  const request = new Request(new URL(url, 'http://localhost'), { method, headers, body, ...(isStream ? { duplex: 'half' } : {}) } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const error = (json as { error?: Answer['error'] } | undefined)?.error;
  return { status: response.status, headers: response.headers, text, json, ...(error ? { error } : {}) };
}

/** Runs `request` and asserts that it left the models, versions and audit rows as they were. */
export async function expectNothingWritten(db: Db, request: () => Promise<Answer>): Promise<Answer> {
  const before: RowCounts = await countRows(db);
  const answer = await request();
  expect(await countRows(db), `rows after ${answer.status} ${answer.error?.code ?? ''}`).toEqual(before);
  return answer;
}

/** A body of `bytes` bytes streamed in 64 KiB chunks, with no Content-Length. */
export function streamOf(bytes: number, fill = 0x20): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const size = Math.min(left, 64 * 1024);
      left -= size;
      controller.enqueue(new Uint8Array(size).fill(fill));
    },
  });
}
