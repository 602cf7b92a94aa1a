/**
 * The OpenAPI 3.1 document of the machine API, generated from the endpoint contracts
 * (lib/api/endpoints.ts) and their zod schemas with zod's `z.toJSONSchema`.
 *
 * Contract
 * - Every endpoint of `ENDPOINTS` is listed with its path and query parameters, request body
 *   (JSON, and XML where accepted), success responses and error responses; errors all use the
 *   `Error` schema, and each status lists the codes it may carry.
 * - Schemas are emitted once under `components/schemas` and referenced with `$ref`; recursive
 *   model parts (XML extension elements, generic JSON, lanes) are named components too.
 * - Schemas are emitted in zod's `input` mode: what a client may send. For responses this marks
 *   fields that have defaults as optional although the API always sends them.
 */
import { z } from 'zod';
import type { Endpoint } from '@/lib/api/endpoint';
import { ENDPOINTS } from '@/lib/api/endpoints';
import { ERROR_STATUS, type ErrorCode } from '@/lib/api/errors';
import { ErrorResponseSchema, type OpenApiDocument } from '@/lib/api/schemas';
import { FindingSchema } from '@/lib/bpmn/findings';
import { BpmnModelSchema, JsonValueSchema, LaneSchema, XmlElementSchema } from '@/lib/bpmn/model';

type JsonSchema = { [key: string]: unknown };
type Operation = { [key: string]: unknown };

/** Named components that are not an endpoint's own request or response. */
const SHARED_SCHEMAS: Record<string, z.ZodType> = {
  Error: ErrorResponseSchema,
  BpmnModel: BpmnModelSchema,
  Finding: FindingSchema,
  XmlElement: XmlElementSchema,
  JsonValue: JsonValueSchema,
  Lane: LaneSchema,
};

/** Errors every endpoint of a kind can answer, besides its own `errors`. */
function impliedErrors(endpoint: Endpoint): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (endpoint.params || endpoint.query || endpoint.body) codes.push('request.invalid');
  if (endpoint.body) codes.push('request.malformed-json', 'request.too-large', 'request.unsupported-media-type');
  if (endpoint.auth !== 'public') codes.push('auth.unauthenticated', 'auth.forbidden');
  return codes;
}

let cached: OpenApiDocument | undefined;

/** The document of all `ENDPOINTS`, built once per process. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument(ENDPOINTS));
}

export function buildOpenApiDocument(endpoints: readonly Endpoint[]): OpenApiDocument {
  const registry = z.registry<{ id: string }>();
  const named = new Map<z.ZodType, string>();
  const name = (schema: z.ZodType, id: string): string => {
    const existing = named.get(schema);
    if (existing) return existing;
    registry.add(schema, { id });
    named.set(schema, id);
    return id;
  };
  for (const [id, schema] of Object.entries(SHARED_SCHEMAS)) name(schema, id);

  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  const pending: { endpoint: Endpoint; params?: string; query?: string; body?: string; responses: Record<number, string> }[] = [];
  for (const endpoint of endpoints) {
    const op = capitalise(endpoint.operationId);
    pending.push({
      endpoint,
      params: endpoint.params && name(endpoint.params, `${op}Params`),
      query: endpoint.query && name(endpoint.query, `${op}Query`),
      body: endpoint.body && name(endpoint.body.schema, `${op}Body`),
      responses: Object.fromEntries(Object.entries(endpoint.responses).map(([status, spec]) => [status, name(spec.schema, `${op}Response`)])),
    });
  }

  const { schemas } = z.toJSONSchema(registry, { io: 'input', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }

  const paths: Record<string, Record<string, Operation>> = {};
  for (const { endpoint, params, query, body, responses } of pending) {
    const operation: Operation = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      tags: [tagOf(endpoint.path)],
      'x-baton-access': endpoint.auth,
      security: endpoint.auth === 'public' ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
      parameters: [...parametersOf(params ? schemas[params] : undefined, 'path'), ...parametersOf(query ? schemas[query] : undefined, 'query')],
    };
    if (endpoint.body && body) {
      operation.requestBody = {
        required: !endpoint.body.optional,
        description: endpoint.body.description,
        content: {
          'application/json': { schema: ref(body) },
          ...(endpoint.body.acceptsXml ? { 'application/xml': { schema: { type: 'string' } }, 'text/xml': { schema: { type: 'string' } } } : {}),
        },
      };
    }
    const answers: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(endpoint.responses)) {
      answers[status] = {
        description: spec.description,
        content: spec.stream
          ? { 'text/event-stream': { schema: { type: 'string', description: spec.schema.description ?? 'server-sent events' } } }
          : {
              'application/json': { schema: ref(responses[Number(status)]) },
              ...(spec.xml ? { 'application/xml': { schema: { type: 'string', description: 'BPMN 2.0 XML' } } } : {}),
            },
      };
    }
    for (const [status, codes] of groupByStatus([...impliedErrors(endpoint), ...endpoint.errors, 'internal'])) {
      answers[status] = { description: `Error: ${codes.map((c) => `\`${c}\``).join(', ')}`, content: { 'application/json': { schema: ref('Error') } } };
    }
    operation.responses = answers;
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation;
  }

  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'Baton API',
      version: '1',
      description:
        'The machine API of Baton: process models, drafts, validation and published versions, human tasks and the audit log. ' +
        'Machines send `Authorization: Bearer <API token>` (tokens are created by an admin and act with the roles and groups given to them); the web app sends its session cookie. ' +
        'Every error answers `{ error: { code, message, details } }`; the status of each code is fixed.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token (`baton_…`) created by an admin under Admin → API tokens.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token', description: 'The session of a signed-in person (`__Secure-` prefixed over https).' },
      },
    },
  };
}

function parametersOf(schema: JsonSchema | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function groupByStatus(codes: ErrorCode[]): [number, ErrorCode[]][] {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus.entries()].sort(([a], [b]) => a - b);
}

function tagOf(path: string): string {
  if (path.startsWith('/api/v1/models')) return 'models';
  if (path.startsWith('/api/v1/tasks')) return 'tasks';
  if (path.startsWith('/api/v1/audit-log')) return 'audit';
  return 'meta';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
