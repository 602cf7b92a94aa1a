/**
 * Every endpoint of the machine API, as data: one entry per route handler export under
 * app/api/v1. Route files pass their entry to `route()`; the OpenAPI document lists them all
 * (a test checks that every route file appears in it). The `auth` rule of each is what the auth
 * issue's `can()` will check.
 */
import { AGENT_ENDPOINTS } from '@/lib/api/agent-endpoints';
import { TASK_ENDPOINTS } from '@/lib/api/task-endpoints';
import { NOTIFICATION_ENDPOINTS } from '@/lib/api/notification-endpoints';
import { defineEndpoint } from '@/lib/api/endpoint';
import { RUNTIME_ENDPOINTS } from '@/lib/api/runtime-endpoints';
import {
  CreateModelBodySchema,
  CreateModelQuerySchema,
  GetVersionQuerySchema,
  ListModelsQuerySchema,
  ModelDetailSchema,
  ModelListSchema,
  ModelParamsSchema,
  OpenApiDocumentSchema,
  PublishBodySchema,
  PublishResultSchema,
  UpdateDraftBodySchema,
  ValidateBodySchema,
  ValidationResultSchema,
  AuditLogPageSchema,
  AuditLogQuerySchema,
  MeSchema,
  VersionDetailSchema,
  VersionListSchema,
  VersionParamsSchema,
} from '@/lib/api/schemas';

export const createModel = defineEndpoint({
  operationId: 'createModel',
  method: 'POST',
  path: '/api/v1/models',
  summary: 'Create a model from BPMN 2.0 XML or from model JSON',
  description:
    'Send BPMN XML as the body (`application/xml` or `text/xml`) or as JSON `{ "xml": "..." }`, or Baton model JSON as `{ "model": {...} }`. ' +
    'The key is derived from the executable process id unless `?key=` is given; a key that is taken answers 409 `model.key-taken` (no numbered suffix is invented). ' +
    'Import warnings are part of the returned `findings`.',
  auth: { action: 'model:create' },
  query: CreateModelQuerySchema,
  body: { schema: CreateModelBodySchema, acceptsXml: true, description: 'BPMN XML, `{ xml }` or `{ model }`.' },
  responses: { 201: { description: 'The new model with its draft and findings.', schema: ModelDetailSchema } },
  errors: ['model.key-taken', 'bpmn.import-failed'],
});

export const listModels = defineEndpoint({
  operationId: 'listModels',
  method: 'GET',
  path: '/api/v1/models',
  summary: 'List models with their latest version and counts of draft findings',
  auth: { action: 'model:read' },
  query: ListModelsQuerySchema,
  responses: { 200: { description: 'Models, most recently updated first.', schema: ModelListSchema } },
  errors: [],
});

export const getModel = defineEndpoint({
  operationId: 'getModel',
  method: 'GET',
  path: '/api/v1/models/{id}',
  summary: 'Get a model: draft, lock, versions and the findings of its draft',
  auth: { action: 'model:read' },
  params: ModelParamsSchema,
  responses: { 200: { description: 'The model.', schema: ModelDetailSchema } },
  errors: ['model.not-found'],
});

export const updateDraft = defineEndpoint({
  operationId: 'updateDraft',
  method: 'PUT',
  path: '/api/v1/models/{id}/draft',
  summary: 'Replace the draft of a model (optimistic lock)',
  description: 'Send the `lock` you read. When someone saved in between, the answer is 409 `model.lock-stale` with `details.currentLock`; nothing is saved.',
  auth: { action: 'model:update' },
  params: ModelParamsSchema,
  body: { schema: UpdateDraftBodySchema, description: '`{ lock, model }` or `{ lock, xml }`, optionally `name`.' },
  responses: { 200: { description: 'The model after the update (its lock is one higher).', schema: ModelDetailSchema } },
  errors: ['model.not-found', 'model.lock-stale', 'bpmn.import-failed'],
});

export const validateModel = defineEndpoint({
  operationId: 'validateModel',
  method: 'POST',
  path: '/api/v1/models/{id}/validate',
  summary: 'Validate a model without saving anything',
  description: 'With an empty body the saved draft is validated; with BPMN XML, `{ xml }` or `{ model }` that content is. XML that cannot be imported answers 200 with its import findings.',
  auth: { action: 'model:validate' },
  params: ModelParamsSchema,
  body: { schema: ValidateBodySchema, acceptsXml: true, optional: true, description: 'Nothing, BPMN XML, `{ xml }` or `{ model }`.' },
  responses: { 200: { description: 'The findings of both levels and whether they allow publishing.', schema: ValidationResultSchema } },
  errors: ['model.not-found'],
});

export const publishModel = defineEndpoint({
  operationId: 'publishModel',
  method: 'POST',
  path: '/api/v1/models/{id}/publish',
  summary: 'Publish the draft as a new immutable version',
  description:
    'Refused with 422 `model.invalid` (and the findings) when the draft has errors. When the draft equals the latest version (same checksum) nothing is created: 200 `{ created: false, reason: "unchanged" }`.',
  auth: { action: 'model:publish' },
  params: ModelParamsSchema,
  body: { schema: PublishBodySchema, optional: true, description: '`{ message }`, the changelog of the version (optional).' },
  responses: {
    201: { description: 'A new version was created.', schema: PublishResultSchema },
    200: { description: 'The draft is unchanged since the latest version; nothing was created.', schema: PublishResultSchema },
  },
  errors: ['model.not-found', 'model.invalid', 'model.publish-conflict'],
});

export const listVersions = defineEndpoint({
  operationId: 'listVersions',
  method: 'GET',
  path: '/api/v1/models/{id}/versions',
  summary: 'List the published versions of a model, newest first',
  auth: { action: 'model:read' },
  params: ModelParamsSchema,
  responses: { 200: { description: 'The versions.', schema: VersionListSchema } },
  errors: ['model.not-found'],
});

export const getVersion = defineEndpoint({
  operationId: 'getVersion',
  method: 'GET',
  path: '/api/v1/models/{id}/versions/{number}',
  summary: 'Get a published version as JSON or as BPMN 2.0 XML',
  description: 'JSON by default; `?format=bpmn`, or an Accept header that prefers `application/xml`/`text/xml`, answers the BPMN XML.',
  auth: { action: 'model:read' },
  params: VersionParamsSchema,
  query: GetVersionQuerySchema,
  responses: { 200: { description: 'The version.', schema: VersionDetailSchema, xml: true } },
  errors: ['model.not-found', 'version.not-found'],
});

export const getOpenApi = defineEndpoint({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/api/v1/openapi.json',
  summary: 'This API as an OpenAPI 3.1 document',
  auth: 'public',
  responses: { 200: { description: 'The OpenAPI document.', schema: OpenApiDocumentSchema } },
  errors: [],
});

export const getMe = defineEndpoint({
  operationId: 'getMe',
  method: 'GET',
  path: '/api/v1/me',
  summary: 'Who the caller is: the signed-in user or the API token, with roles and groups',
  auth: { action: 'self:read' },
  responses: { 200: { description: 'The caller.', schema: MeSchema } },
  errors: [],
});

// getTask, listTasks and the task actions: lib/api/task-endpoints.ts.
export { getTask } from '@/lib/api/task-endpoints';

export const listAuditLog = defineEndpoint({
  operationId: 'listAuditLog',
  method: 'GET',
  path: '/api/v1/audit-log',
  summary: 'The audit log, newest first, with filters (admins and auditors)',
  auth: { action: 'audit-log:read' },
  query: AuditLogQuerySchema,
  responses: { 200: { description: 'One page of entries and how many match.', schema: AuditLogPageSchema } },
  errors: [],
});

export const ENDPOINTS = [createModel, listModels, getModel, updateDraft, validateModel, publishModel, listVersions, getVersion, getOpenApi, getMe, listAuditLog, ...TASK_ENDPOINTS, ...NOTIFICATION_ENDPOINTS, ...RUNTIME_ENDPOINTS, ...AGENT_ENDPOINTS] as const;
