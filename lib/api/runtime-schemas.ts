/**
 * The wire contract of the runtime's part of the machine API: instances, their events and live
 * streams, incidents, jobs for external workers, messages and signals. Same conventions as
 * lib/api/schemas.ts: zod schemas parse requests and describe responses; timestamps are ISO.
 */
import { z } from 'zod';
import { JsonValueSchema } from '@/lib/bpmn/model';
import { parseLogPosition } from '@/lib/engine/runtime/event-log';

const Timestamp = z.iso.datetime();
const Variables = z.record(z.string(), JsonValueSchema).describe('Process variables: a JSON object.');
const Id = z.string().min(1).max(200);

// ---------------------------------------------------------------------------------------
// Instances

export const InstanceParamsSchema = z.object({ id: Id.describe('The process instance id.') });

export const StartInstanceBodySchema = z.object({
  processKey: z.string().min(1).max(200).describe('The model key, or the BPMN process id of its versions.'),
  version: z.number().int().positive().optional().describe('A published version number; the latest when absent.'),
  variables: Variables.optional(),
  businessKey: z.string().min(1).max(200).optional(),
});

export const InstanceSummarySchema = z.object({
  id: z.string(),
  processKey: z.string(),
  versionId: z.string(),
  version: z.number().int(),
  businessKey: z.string().nullable(),
  status: z.string().describe('active | completed | cancelled'),
  startedBy: z.string().nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  openIncidents: z.number().int(),
  lastSeq: z.number().int(),
  parentInstanceId: z.string().nullable(),
});

export const StartedInstanceSchema = z.object({ id: z.string(), versionId: z.string(), version: z.number().int(), status: z.string(), lastSeq: z.number().int() });

const BooleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

export const ListInstancesQuerySchema = z.object({
  processKey: z.string().min(1).optional(),
  version: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'completed', 'cancelled']).optional(),
  businessKey: z.string().min(1).optional(),
  startedBy: z.string().min(1).optional().describe('User id of who started it.'),
  startedAfter: Timestamp.optional().describe('Started at or after this time.'),
  startedBefore: Timestamp.optional().describe('Started before this time.'),
  hasIncident: BooleanText.optional(),
  cursor: z.string().min(1).optional().describe('`nextCursor` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const InstanceListSchema = z.object({ items: z.array(InstanceSummarySchema), nextCursor: z.string().nullable() });

export const InstanceDetailSchema = InstanceSummarySchema.omit({ openIncidents: true }).extend({
  elements: z.array(z.object({ key: z.string(), elementId: z.string(), elementType: z.string(), scopeKey: z.string().nullable() })).describe('Active element instances (tokens).'),
  waitingAtJoins: z.array(z.object({ scopeKey: z.string(), gatewayId: z.string(), flows: z.record(z.string(), z.number()) })),
  variables: z.array(z.object({ scopeKey: z.string(), variables: Variables })),
  tasks: z.array(z.object({ id: z.string(), elementId: z.string(), name: z.string(), assignee: z.string().nullable(), createdAt: Timestamp })),
  jobs: z.array(
    z.object({ id: z.string(), elementId: z.string(), type: z.string(), status: z.string(), retriesLeft: z.number().int(), attempt: z.number().int(), dueAt: Timestamp, lastError: z.string().nullable() }),
  ),
  incidents: z.array(z.object({ id: z.string(), elementId: z.string(), kind: z.string(), message: z.string(), jobId: z.string().nullable(), createdAt: Timestamp })),
});

export const EventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('Sequence number to read after (0: from the start).'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const StoredEventSchema = z.object({
  id: z.number().int().describe('Global event id (orders all events).'),
  instanceId: z.string(),
  seq: z.number().int().describe('Sequence number in the instance (gapless from 1).'),
  type: z.string(),
  at: Timestamp,
  actor: z.string().nullable(),
  event: z.record(z.string(), JsonValueSchema).describe('The event as stored (lib/engine/core/events.ts).'),
});

export const EventPageSchema = z.object({ items: z.array(StoredEventSchema), nextAfter: z.number().int() });

const StreamMaxMsSchema = z.coerce.number().int().min(0).max(3_600_000).optional().describe('Close the stream after this long (clients reconnect with Last-Event-ID); open until the client leaves when absent.');

export const StreamQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional().describe('Resume after this sequence number; `Last-Event-ID` does the same. Default: from the first event.'),
  maxMs: StreamMaxMsSchema,
});

export const GlobalStreamQuerySchema = z.object({
  after: z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined) return undefined;
      const position = parseLogPosition(text);
      if (position === undefined) context.addIssue({ code: 'custom', message: 'must be a log position as sent in `id:` (`<id>` or `<txid>:<id>`)' });
      return position;
    })
    .describe('Resume after this log position (an `id:` the stream sent); `Last-Event-ID` does the same. Default: from now.'),
  maxMs: StreamMaxMsSchema,
});

export const CancelInstanceBodySchema = z.object({ reason: z.string().max(2000).optional() });

export const SetVariablesBodySchema = z.object({
  variables: Variables,
  scopeKey: z.string().min(1).optional().describe('Element instance key of the scope; the process scope when absent.'),
  local: z.boolean().optional().describe('Set in that scope only instead of updating the nearest scope that has each variable.'),
});

export const ModifyInstanceBodySchema = z
  .object({
    activate: z.array(z.object({ elementId: z.string().min(1), scopeKey: z.string().min(1).optional(), variables: Variables.optional() })).default([]),
    terminate: z.array(z.string().min(1)).default([]).describe('Element instance keys whose tokens are withdrawn.'),
  })
  .refine((body) => body.activate.length + body.terminate.length > 0, { message: 'name at least one element to activate or token to terminate' });

export const CommandSummarySchema = z.object({ instanceId: z.string(), status: z.string(), lastSeq: z.number().int(), events: z.number().int() });

// ---------------------------------------------------------------------------------------
// Incidents

export const IncidentParamsSchema = z.object({ id: Id });

export const ListIncidentsQuerySchema = z.object({
  status: z.enum(['open', 'resolved']).default('open'),
  instanceId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const IncidentSchema = z.object({
  id: z.string(),
  instanceId: z.string(),
  elementId: z.string(),
  elementInstanceId: z.string().nullable(),
  jobId: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
  status: z.string(),
  createdAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
});
export const IncidentListSchema = z.object({ items: z.array(IncidentSchema) });

export const ResolveIncidentBodySchema = z.object({
  retries: z.number().int().positive().max(100).optional().describe('Job incidents: the retries the job gets again (default 1).'),
  variables: Variables.optional().describe('Set before the retry, in the same transaction.'),
  scopeKey: z.string().min(1).optional(),
});

// ---------------------------------------------------------------------------------------
// Jobs for external workers

export const JobParamsSchema = z.object({ key: Id.describe('The job key.') });

export const ActivateJobsBodySchema = z.object({
  type: z.string().min(1).max(200).describe('The job type (zeebe:taskDefinition type).'),
  worker: z.string().min(1).max(200).describe('A name for the worker: the lease owner.'),
  maxJobs: z.number().int().min(1).max(200).default(10),
  timeoutMs: z.number().int().min(1000).max(24 * 3_600_000).default(60_000).describe('Lease: after it the job is available to others again.'),
  requestTimeoutMs: z.number().int().min(0).max(60_000).default(0).describe('Long-poll: wait up to this long for jobs when none is due.'),
});

export const ActivatedJobSchema = z.object({
  key: z.string(),
  type: z.string(),
  instanceId: z.string(),
  elementId: z.string(),
  elementInstanceId: z.string(),
  retries: z.number().int(),
  attempt: z.number().int(),
  idempotencyKey: z.string().describe('instance/element instance/job/attempt: send it with side effects.'),
  variables: Variables,
  settings: z.record(z.string(), JsonValueSchema),
  deadline: Timestamp.describe('When the lease ends.'),
});
export const ActivatedJobsSchema = z.object({ jobs: z.array(ActivatedJobSchema) });

export const CompleteJobBodySchema = z.object({ variables: Variables.optional() });
export const FailJobBodySchema = z.object({
  retries: z.number().int().min(0).max(100).describe('Retries left; 0 raises an incident.'),
  errorMessage: z.string().max(10_000).optional(),
  retryBackoffMs: z.number().int().min(0).max(7 * 24 * 3_600_000).optional(),
});
export const ThrowJobErrorBodySchema = z.object({ errorCode: z.string().min(1).max(200), errorMessage: z.string().max(10_000).optional(), variables: Variables.optional() });
export const JobAnsweredSchema = z.object({ instanceId: z.string(), lastSeq: z.number().int() });

// ---------------------------------------------------------------------------------------
// Messages and signals

export const PublishMessageBodySchema = z.object({
  name: z.string().min(1).max(200),
  correlationKey: z.string().min(1).max(500).optional(),
  variables: Variables.optional(),
  timeToLiveMs: z.number().int().min(0).max(30 * 24 * 3_600_000).default(0).describe('How long an uncorrelated message is buffered (0: not buffered).'),
  messageId: z.string().min(1).max(200).optional().describe('De-duplication: the same id within its time to live is published once.'),
});

export const PublishMessageResultSchema = z.object({
  status: z.enum(['correlated', 'started', 'buffered', 'not-correlated', 'duplicate']),
  instanceId: z.string().optional(),
  messageId: z.string().optional(),
  expiresAt: Timestamp.optional(),
});

export const BroadcastSignalBodySchema = z.object({ name: z.string().min(1).max(200), variables: Variables.optional() });
export const BroadcastSignalResultSchema = z.object({ delivered: z.number().int(), started: z.number().int() });
