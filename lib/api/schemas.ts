/**
 * The wire contract of the machine API (app/api/v1): one zod schema for every request and
 * response. The route wrapper parses requests with them, the OpenAPI document is generated from
 * them, and lib/models returns exactly the response shapes declared here (timestamps as ISO
 * strings), so the API says what it does.
 */
import { z } from 'zod';
import { FindingSchema } from '@/lib/bpmn/findings';
import { BpmnModelSchema, JsonValueSchema } from '@/lib/bpmn/model';
import { ERROR_CODES } from '@/lib/api/errors';
import { ModelKeySchema } from '@/lib/models/model-key';

// ---------------------------------------------------------------------------------------
// Errors

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      /** Machine-readable context: `issues` (400), `findings` (422), `currentLock` (409)... */
      details: z.record(z.string(), JsonValueSchema),
    }),
  });

/** One problem of a bad request, as listed in `details.issues` of a 400. */
export const RequestIssueSchema = z.object({
  in: z.enum(['body', 'query', 'path']),
  /** Dotted path inside the body/query/path parameters, e.g. `model.elements.0.id`; '' for the whole. */
  path: z.string(),
  message: z.string(),
});
export type RequestIssue = z.infer<typeof RequestIssueSchema>;

// ---------------------------------------------------------------------------------------
// Parameters

const Timestamp = z.iso.datetime();
const ModelIdOrKey = z.string().min(1).max(200).describe('The model id, or its key (e.g. `order-fulfilment`).');

export const ModelParamsSchema = z.object({ id: ModelIdOrKey });
export const VersionParamsSchema = z.object({
  id: ModelIdOrKey,
  number: z.coerce.number().int().positive().describe('The version number, from 1.'),
});

export const ListModelsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListModelsQuery = z.infer<typeof ListModelsQuerySchema>;

export const CreateModelQuerySchema = z.object({
  key: ModelKeySchema.optional().describe('The key of the new model; derived from the executable process id when absent.'),
  name: z.string().trim().min(1).max(200).optional().describe('The display name; the process name when absent.'),
});

export const GetVersionQuerySchema = z.object({
  format: z.enum(['json', 'bpmn']).optional().describe('`bpmn` answers the BPMN 2.0 XML; the default is JSON unless Accept prefers XML.'),
});

// ---------------------------------------------------------------------------------------
// Request bodies

const Xml = z.string().min(1).describe('BPMN 2.0 XML text.');

/** Exactly one of `xml` and `model` (checked per field, so errors name e.g. `model.elements.0.id`). */
function oneSource<T extends { xml?: string; model?: unknown }>(value: T, ctx: z.core.$RefinementCtx<T>, required: boolean) {
  const given = (value.xml !== undefined ? 1 : 0) + (value.model !== undefined ? 1 : 0);
  if (given > 1) ctx.addIssue({ code: 'custom', path: ['model'], message: 'send either `xml` or `model`, not both' });
  if (given === 0 && required) ctx.addIssue({ code: 'custom', path: ['model'], message: 'send `xml` (BPMN 2.0 XML text) or `model` (Baton model JSON)' });
}

/** A new model: BPMN XML (also accepted as a raw application/xml body) or model JSON. */
export const CreateModelBodySchema = z
  .object({ xml: Xml.optional(), model: BpmnModelSchema.optional() })
  .strict()
  .superRefine((value, ctx) => oneSource(value, ctx, true));
export type CreateModelBody = z.infer<typeof CreateModelBodySchema>;

export const UpdateDraftBodySchema = z
  .object({
    lock: z.number().int().min(0).describe('The `lock` of the model as last read; a stale one gets 409.'),
    name: z.string().trim().min(1).max(200).optional(),
    xml: Xml.optional(),
    model: BpmnModelSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => oneSource(value, ctx, true));
export type UpdateDraftBody = z.infer<typeof UpdateDraftBodySchema>;

/** What to validate: the given XML or model, or the saved draft when the body is empty. */
export const ValidateBodySchema = z
  .object({ xml: Xml.optional(), model: BpmnModelSchema.optional() })
  .strict()
  .superRefine((value, ctx) => oneSource(value, ctx, false));
export type ValidateBody = z.infer<typeof ValidateBodySchema>;

export const PublishBodySchema = z
  .object({ message: z.string().trim().max(2000).optional().describe('The changelog message of the new version.') })
  .strict();

// ---------------------------------------------------------------------------------------
// Responses

export const FindingCountsSchema = z.object({ errors: z.number().int().min(0), warnings: z.number().int().min(0) });
export type FindingCounts = z.infer<typeof FindingCountsSchema>;

export const VersionSummarySchema = z
  .object({
    number: z.number().int().positive(),
    /** The executable BPMN process id of this version. */
    processKey: z.string(),
    checksum: z.string(),
    message: z.string().nullable(),
    publishedAt: Timestamp,
    publishedById: z.string().nullable(),
  });
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

export const ModelSummarySchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    lock: z.number().int().min(0),
    latestVersion: VersionSummarySchema.nullable(),
    /** Findings of the draft, both levels. */
    findingCounts: FindingCountsSchema,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  });
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

export const ModelListSchema = z
  .object({ items: z.array(ModelSummarySchema), total: z.number().int().min(0) });
export type ModelList = z.infer<typeof ModelListSchema>;

export const ModelDetailSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    /** Send this back with the next draft update. */
    lock: z.number().int().min(0),
    /** Null only when the saved draft no longer fits the model schema; `findings` say where. */
    draft: BpmnModelSchema.nullable(),
    /** Number of the latest published version; 0 when none. */
    latestVersion: z.number().int().min(0),
    /** Newest first. */
    versions: z.array(VersionSummarySchema),
    /** Findings of the draft: `import` (reading the file or the saved JSON) and `execution`. */
    findings: z.array(FindingSchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  });
export type ModelDetail = z.infer<typeof ModelDetailSchema>;

export const ValidationResultSchema = z
  .object({ findings: z.array(FindingSchema), canPublish: z.boolean() });
export type ValidationResult = z.infer<typeof ValidationResultSchema>;

export const PublishResultSchema = z
  .discriminatedUnion('created', [
    z.object({ created: z.literal(true), version: z.number().int().positive(), checksum: z.string() }),
    z.object({ created: z.literal(false), version: z.number().int().positive(), reason: z.literal('unchanged') }),
  ]);
export type PublishResult = z.infer<typeof PublishResultSchema>;

export const VersionListSchema = z.object({ items: z.array(VersionSummarySchema) });
export type VersionList = z.infer<typeof VersionListSchema>;

export const VersionDetailSchema = z
  .object({
    ...VersionSummarySchema.shape,
    modelId: z.string(),
    modelKey: z.string(),
    model: BpmnModelSchema,
  });
export type VersionDetail = z.infer<typeof VersionDetailSchema>;

const OpenApiObject = z.record(z.string(), z.unknown());
export const OpenApiDocumentSchema = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }),
  servers: z.array(z.object({ url: z.string() })),
  /** path → method → OpenAPI operation object. */
  paths: z.record(z.string(), z.record(z.string(), OpenApiObject)),
  components: z.object({ schemas: z.record(z.string(), OpenApiObject), securitySchemes: z.record(z.string(), OpenApiObject).optional() }),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocumentSchema>;

// ---------------------------------------------------------------------------------------
// Who am I, tasks, the audit log

export const MeSchema = z.object({
  type: z.enum(['user', 'token']),
  id: z.string(),
  /** The user's e-mail or the token's name. */
  label: z.string(),
  roles: z.array(z.enum(['admin', 'modeler', 'operator', 'auditor'])),
  groups: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

export const TaskParamsSchema = z.object({ id: z.string().min(1).max(200).describe('The task id.') });

export const TaskDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  elementId: z.string(),
  processKey: z.string(),
  instanceId: z.string(),
  status: z.enum(['created', 'completed', 'cancelled']),
  assignee: z.string().nullable(),
  candidateUsers: z.array(z.string()),
  candidateGroups: z.array(z.string()),
  priority: z.number().int(),
  dueAt: Timestamp.nullable(),
  createdAt: Timestamp,
  completedAt: Timestamp.nullable(),
  /** Whether the caller may claim / complete it now, and why not. */
  mayClaim: z.boolean(),
  mayComplete: z.boolean(),
  completeRefusedBecause: z.enum(['not-candidate', 'assigned-to-someone-else', 'not-open', 'four-eyes']).optional(),
});
export type TaskDetail = z.infer<typeof TaskDetailSchema>;

export const AuditLogQuerySchema = z.object({
  actor: z.string().trim().max(320).optional().describe('Part of the actor: an e-mail or a token name.'),
  action: z.string().trim().max(100).optional().describe('An action (`user.roles-change`), or every action of a resource (`user.*`).'),
  resourceType: z.string().trim().max(50).optional(),
  resourceId: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this time.'),
  to: z.iso.datetime({ offset: true }).optional().describe('Entries at or before this time.'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const AuditEntryWireSchema = z.object({
  id: z.string(),
  at: Timestamp,
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), JsonValueSchema),
});

export const AuditLogPageSchema = z.object({ items: z.array(AuditEntryWireSchema), total: z.number().int().min(0) });
export type AuditLogPage = z.infer<typeof AuditLogPageSchema>;
