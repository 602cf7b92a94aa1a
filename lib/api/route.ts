/**
 * `route(endpoint, handler)`: the one wrapper every route handler of app/api/v1 goes through.
 *
 * Contract, in order, for every request:
 * 1. `connection()` — the response is always rendered at request time (cacheComponents).
 * 2. authenticate (API token or session cookie), refuse cross-site cookie requests that change
 *    something, then authorise with the endpoint's declared rule through `can()` (401 / 403) —
 *    before any input is read (lib/api/authorize.ts).
 * 3. path parameters, query and body are parsed with the endpoint's zod schemas; a failure is
 *    400 `request.invalid` naming where (`body`, `query`, `path`), the field path and the
 *    problem. Bodies are limited to `MAX_BODY_BYTES` while being read (413), must have an
 *    accepted Content-Type (415), and JSON must parse (400 `request.malformed-json`).
 * 4. the handler runs with the parsed input, the database and the actor, and answers
 *    `{ status, body }` (sent as JSON) or, where the contract allows, `{ status, xml, filename }`
 *    (sent as application/xml) or `{ status, stream }` (server-sent events).
 * 5. any `AppError` becomes `{ error: { code, message, details } }` with the status of
 *    lib/api/errors.ts; anything else is logged and answered 500 `internal`.
 * Outside production, JSON answers are checked against the declared response schema, so a
 * drift between the OpenAPI document and the code fails the tests.
 */
import { connection } from 'next/server';
import type { z } from 'zod';
import { assertSameSite, authenticate, authorize, requestActor, type AccessRule } from '@/lib/api/authorize';
import type { BodySpec, Endpoint } from '@/lib/api/endpoint';
import { AppError, BadRequestError, UnauthorizedError, UnsupportedMediaTypeError, errorResponse } from '@/lib/api/errors';
import { decodeText, isJsonMediaType, isXmlMediaType, MAX_BODY_BYTES, mediaTypeOf, readBodyBytes } from '@/lib/api/read-body';
import { routeDb } from '@/lib/api/route-db';
import type { RequestIssue } from '@/lib/api/schemas';
import type { Db } from '@/lib/db/client';
import type { Subject } from '@/lib/auth/subject';
import type { Actor } from '@/lib/models/actor';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export type HandlerInput<E extends Endpoint> = {
  request: Request;
  db: Db;
  /** Who is asking; null only on public endpoints. */
  subject: Subject | null;
  /** The audit actor of `subject` (with the request's origin); an anonymous system actor on public endpoints. */
  actor: Actor;
  params: Output<E['params']>;
  query: Output<E['query']>;
  body: E['body'] extends BodySpec ? z.output<E['body']['schema']> : undefined;
};

type Statuses<E extends Endpoint> = keyof E['responses'] & number;
/** JSON of the declared schema, or — where the contract says `xml: true` — BPMN XML text. */
export type Reply<E extends Endpoint> = {
  [S in Statuses<E>]:
    | { status: S; body: z.input<E['responses'][S]['schema']> }
    | (E['responses'][S] extends { xml: true } ? { status: S; xml: string; filename: string } : never)
    | (E['responses'][S] extends { stream: true } ? { status: S; stream: ReadableStream<Uint8Array> } : never);
}[Statuses<E>];

/** A JSON answer. (A helper rather than an object literal so that `status` keeps its literal type.) */
export function json<S extends number, B>(status: S, body: B): { status: S; body: B } {
  return { status, body };
}

/** A BPMN XML answer, for statuses whose contract says `xml: true`. */
export function xml<S extends number>(status: S, text: string, filename: string): { status: S; xml: string; filename: string } {
  return { status, xml: text, filename };
}

/** A server-sent events answer, for statuses whose contract says `stream: true`. */
export function stream<S extends number>(status: S, body: ReadableStream<Uint8Array>): { status: S; stream: ReadableStream<Uint8Array> } {
  return { status, stream: body };
}

/** What Next.js passes as the second argument of a route handler. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * A route handler that says who may call it. Every exported method of every route file under
 * app/api is one (`route()` or `publicRoute()`), which app/api/route-coverage.test.ts checks.
 */
export type GuardedHandler = ((request: Request, context?: RouteContext) => Promise<Response>) & {
  readonly accessRule: AccessRule;
  /** Why a public handler is public. */
  readonly publicBecause?: string;
};

/**
 * Marks a handler that is not an endpoint contract (health probe, the sign-in library's own
 * routes) as public, saying why. Such a handler authenticates itself or reveals nothing.
 */
export function publicRoute(because: string, handler: (request: Request, context?: RouteContext) => Promise<Response>): GuardedHandler {
  return Object.assign((request: Request, context?: RouteContext) => handler(request, context), { accessRule: 'public' as const, publicBecause: because });
}

export function route<E extends Endpoint>(endpoint: E, handler: (input: HandlerInput<NoInfer<E>>) => Promise<Reply<NoInfer<E>>>): GuardedHandler {
  return Object.assign(handle, {
    accessRule: endpoint.auth,
    ...(endpoint.auth === 'public' ? { publicBecause: `declared public in its contract (${endpoint.operationId}, lib/api/endpoints.ts)` } : {}),
  });

  async function handle(request: Request, context?: RouteContext): Promise<Response> {
    // Outside the try: while prerendering, Next.js ends the render through this promise, and
    // that signal must reach Next.js rather than become an error response.
    await connection();
    try {
      const db = routeDb();
      let subject: Subject | null = null;
      if (endpoint.auth !== 'public') {
        const authenticated = await authenticate(request, db);
        if (!authenticated) throw new UnauthorizedError();
        assertSameSite(request, authenticated.via);
        authorize(authenticated.subject, endpoint.auth);
        subject = authenticated.subject;
      }
      const params = parseInput('path', endpoint.params, (await context?.params) ?? {});
      const query = parseInput('query', endpoint.query, Object.fromEntries(new URL(request.url).searchParams));
      const body = endpoint.body ? parseInput('body', endpoint.body.schema, await readBody(request, endpoint.body)) : undefined;

      const reply = await handler({
        request,
        db,
        subject,
        actor: subject ? requestActor(subject, request) : { type: 'system', label: 'anonymous' },
        params,
        query,
        body,
      } as HandlerInput<E>);
      if ('xml' in reply) return xmlResponse(reply.status, reply.xml, reply.filename);
      if ('stream' in reply) return eventStreamResponse(reply.status, reply.stream);
      if (process.env.NODE_ENV !== 'production') checkReply(endpoint, reply);
      return Response.json(reply.body, { status: reply.status, headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      if (!(error instanceof AppError)) console.error(`[api] ${endpoint.method} ${endpoint.path} failed:`, error);
      return errorResponse(error);
    }
  }
}

function parseInput(where: RequestIssue['in'], schema: z.ZodType | undefined, value: unknown) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: RequestIssue[] = result.error.issues.map((issue) => ({ in: where, path: issue.path.map(String).join('.'), message: issue.message }));
  const [first] = issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const at = first.path ? `${first.path}: ` : '';
  throw new BadRequestError('request.invalid', `Invalid ${where === 'path' ? 'path parameter' : where}: ${at}${first.message}${more}`, { issues });
}

/** The body as the value its schema parses: JSON as parsed, an XML body as `{ xml }`, nothing as `{}` when optional. */
async function readBody(request: Request, spec: BodySpec): Promise<unknown> {
  const accepted = spec.acceptsXml ? ['application/json', 'application/xml', 'text/xml'] : ['application/json'];
  const media = mediaTypeOf(request);
  const kind = media === null ? 'none' : isJsonMediaType(media.type) ? 'json' : spec.acceptsXml && isXmlMediaType(media.type) ? 'xml' : 'other';
  if (kind === 'other') throw new UnsupportedMediaTypeError(media?.type ?? null, accepted);

  const bytes = await readBodyBytes(request, MAX_BODY_BYTES);
  if (kind === 'none' && bytes.byteLength > 0) throw new UnsupportedMediaTypeError(null, accepted);
  const text = decodeText(bytes, { charset: media?.charset, xml: kind === 'xml' });
  if (text.trim() === '') {
    if (spec.optional) return {};
    throw new BadRequestError('request.invalid', 'Invalid body: a request body is required.', { issues: [{ in: 'body', path: '', message: 'required' }] });
  }
  if (kind === 'xml') return { xml: text };
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BadRequestError('request.malformed-json', `The body is not valid JSON: ${reason}`, { reason });
  }
}

function xmlResponse(status: number, xml: string, filename: string): Response {
  return new Response(xml, {
    status,
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'content-disposition': `inline; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}

/** Server-sent events: never cached, never buffered by a proxy. */
function eventStreamResponse(status: number, stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, {
    status,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}

function checkReply(endpoint: Endpoint, reply: { status: number; body: unknown }) {
  const spec = endpoint.responses[reply.status];
  if (!spec) throw new Error(`${endpoint.operationId} answered ${reply.status}, which its contract does not declare`);
  const result = spec.schema.safeParse(reply.body);
  if (!result.success) {
    throw new Error(`${endpoint.operationId} answered ${reply.status} with a body that does not fit its schema: ${JSON.stringify(result.error.issues.slice(0, 5))}`);
  }
}
