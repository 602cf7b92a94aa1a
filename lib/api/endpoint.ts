/**
 * The shape of an endpoint contract: method, path, access rule, and the zod schemas of its
 * parameters, body and responses. Contracts are data (lib/api/endpoints.ts): `route()` enforces
 * them and `buildOpenApiDocument()` publishes them, so the two cannot drift apart.
 */
import type { z } from 'zod';
import type { AccessRule } from '@/lib/api/authorize';
import type { ErrorCode } from '@/lib/api/errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type BodySpec = {
  /** Parses the JSON body (or the `{ xml }` object made from an XML body). */
  schema: z.ZodType;
  /** Also accept a raw `application/xml` / `text/xml` body, read as `{ xml: <text> }`. */
  acceptsXml?: boolean;
  /** An empty body is parsed as `{}`; without this flag a body is required. */
  optional?: boolean;
  description: string;
};

export type ResponseSpec = {
  description: string;
  schema: z.ZodType;
  /** The endpoint can also answer this status as BPMN 2.0 XML (application/xml). */
  xml?: boolean;
  /** The answer is a stream of server-sent events (text/event-stream), not JSON. */
  stream?: boolean;
};

export type Endpoint = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI style: `/api/v1/models/{id}` for app/api/v1/models/[id]/route.ts. */
  path: `/api/v1/${string}`;
  summary: string;
  description?: string;
  auth: AccessRule;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: BodySpec;
  /** Success responses by status. */
  responses: { [status: number]: ResponseSpec };
  /** Error codes particular to this endpoint; request, auth and size errors are implied. */
  errors: readonly ErrorCode[];
};

/** Identity, kept for the literal types of `E` (statuses, schemas) that `route()` relies on. */
export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}
