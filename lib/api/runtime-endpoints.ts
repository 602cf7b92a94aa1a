/**
 * The runtime's endpoints of the machine API (instances, events, live streams, incidents, jobs
 * for external workers, messages, signals), as data like lib/api/endpoints.ts, which lists them in
 * ENDPOINTS. Access: reading instances is `instance:read` (admin, operator, auditor); starting,
 * publishing messages and broadcasting signals `instance:start`; cancelling `instance:cancel`;
 * variables and modification `instance:modify`; resolving incidents `instance:retry`; external
 * job workers (machines with an operator API token) `instance:modify`.
 */
import { z } from 'zod';
import { defineEndpoint } from '@/lib/api/endpoint';
import {
  ActivateJobsBodySchema,
  ActivatedJobsSchema,
  BroadcastSignalBodySchema,
  BroadcastSignalResultSchema,
  CancelInstanceBodySchema,
  CommandSummarySchema,
  CompleteJobBodySchema,
  EventPageSchema,
  EventsQuerySchema,
  FailJobBodySchema,
  GlobalStreamQuerySchema,
  IncidentListSchema,
  IncidentParamsSchema,
  InstanceDetailSchema,
  InstanceListSchema,
  InstanceParamsSchema,
  JobAnsweredSchema,
  JobParamsSchema,
  ListIncidentsQuerySchema,
  ListInstancesQuerySchema,
  ModifyInstanceBodySchema,
  PublishMessageBodySchema,
  PublishMessageResultSchema,
  ResolveIncidentBodySchema,
  SetVariablesBodySchema,
  StartInstanceBodySchema,
  StartedInstanceSchema,
  StreamQuerySchema,
  ThrowJobErrorBodySchema,
} from '@/lib/api/runtime-schemas';
import { VersionParamsSchema } from '@/lib/api/schemas';
import { RetentionBodySchema, RetentionSchema } from '@/lib/engine/runtime/set-retention';

const EventStream = z.string().describe('text/event-stream: `id`, `event` (the event type) and `data` (JSON) per event.');

export const startInstance = defineEndpoint({
  operationId: 'startInstance',
  method: 'POST',
  path: '/api/v1/instances',
  summary: 'Start a process instance',
  description: 'Starts the latest published version of the process (or `version`) with the variables given; the synchronous steps up to the first wait run before the answer.',
  auth: { action: 'instance:start' },
  body: { schema: StartInstanceBodySchema, description: '`{ processKey, version?, variables?, businessKey? }`' },
  responses: { 201: { description: 'The new instance.', schema: StartedInstanceSchema } },
  errors: ['process.not-found', 'version.not-found', 'command.rejected', 'command.invalid-variables'],
});

export const listInstances = defineEndpoint({
  operationId: 'listInstances',
  method: 'GET',
  path: '/api/v1/instances',
  summary: 'List process instances (filters, newest first, cursor pages)',
  auth: { action: 'instance:read' },
  query: ListInstancesQuerySchema,
  responses: { 200: { description: 'A page of instances; `nextCursor` fetches the next.', schema: InstanceListSchema } },
  errors: [],
});

export const getInstance = defineEndpoint({
  operationId: 'getInstance',
  method: 'GET',
  path: '/api/v1/instances/{id}',
  summary: 'An instance: status, active elements and tokens, variables, open tasks, jobs and incidents',
  auth: { action: 'instance:read' },
  params: InstanceParamsSchema,
  responses: { 200: { description: 'The instance.', schema: InstanceDetailSchema } },
  errors: ['instance.not-found'],
});

export const listInstanceEvents = defineEndpoint({
  operationId: 'listInstanceEvents',
  method: 'GET',
  path: '/api/v1/instances/{id}/events',
  summary: 'Events of an instance after a sequence number (paged)',
  auth: { action: 'instance:read' },
  params: InstanceParamsSchema,
  query: EventsQuerySchema,
  responses: { 200: { description: 'Events in sequence order; ask again with `after=nextAfter`.', schema: EventPageSchema } },
  errors: ['instance.not-found'],
});

export const streamInstanceEvents = defineEndpoint({
  operationId: 'streamInstanceEvents',
  method: 'GET',
  path: '/api/v1/instances/{id}/stream',
  summary: 'Live events of one instance (server-sent events)',
  description: 'Sends the events after `after` (or `Last-Event-ID`), then each new one as it is committed by any process; ends after the instance ended.',
  auth: { action: 'instance:read' },
  params: InstanceParamsSchema,
  query: StreamQuerySchema,
  responses: { 200: { description: 'An event stream; `id` is the sequence number.', schema: EventStream, stream: true } },
  errors: ['instance.not-found'],
});

export const streamEvents = defineEndpoint({
  operationId: 'streamEvents',
  method: 'GET',
  path: '/api/v1/stream',
  summary: 'Live events of all instances (server-sent events)',
  description:
    'From now (or after the log position `after` / `Last-Event-ID`), every event committed by any process, in commit order. The events one commit appended to one instance share a log position; only the last of them carries the `id:` line, so a client that resumes gets none twice and misses none (`instanceId` and `seq` identify each event).',
  auth: { action: 'instance:read' },
  query: GlobalStreamQuerySchema,
  responses: { 200: { description: 'An event stream; `id` is the log position (`<id>` or `<txid>:<id>`), sent with the last event of each commit.', schema: EventStream, stream: true } },
  errors: [],
});

export const cancelInstance = defineEndpoint({
  operationId: 'cancelInstance',
  method: 'POST',
  path: '/api/v1/instances/{id}/cancel',
  summary: 'Cancel an instance (its jobs, timers, tasks and subscriptions close with it)',
  auth: { action: 'instance:cancel' },
  params: InstanceParamsSchema,
  body: { schema: CancelInstanceBodySchema, optional: true, description: '`{ reason? }`' },
  responses: { 200: { description: 'The instance after the command.', schema: CommandSummarySchema } },
  errors: ['instance.not-found', 'command.rejected'],
});

export const setInstanceVariables = defineEndpoint({
  operationId: 'setInstanceVariables',
  method: 'POST',
  path: '/api/v1/instances/{id}/variables',
  summary: 'Set variables of an instance',
  auth: { action: 'instance:modify' },
  params: InstanceParamsSchema,
  body: { schema: SetVariablesBodySchema, description: '`{ variables, scopeKey?, local? }`' },
  responses: { 200: { description: 'The instance after the command.', schema: CommandSummarySchema } },
  errors: ['instance.not-found', 'command.rejected', 'command.invalid-variables'],
});

export const modifyInstance = defineEndpoint({
  operationId: 'modifyInstance',
  method: 'POST',
  path: '/api/v1/instances/{id}/modify',
  summary: 'Modify an instance: start tokens at elements, withdraw tokens (all or nothing)',
  auth: { action: 'instance:modify' },
  params: InstanceParamsSchema,
  body: { schema: ModifyInstanceBodySchema, description: '`{ activate: [{ elementId, scopeKey?, variables? }], terminate: [elementInstanceKey] }`' },
  responses: { 200: { description: 'The instance after the modification.', schema: CommandSummarySchema } },
  errors: ['instance.not-found', 'command.rejected', 'command.invalid-variables'],
});

export const listIncidents = defineEndpoint({
  operationId: 'listIncidents',
  method: 'GET',
  path: '/api/v1/incidents',
  summary: 'List incidents (open by default), newest first',
  auth: { action: 'instance:read' },
  query: ListIncidentsQuerySchema,
  responses: { 200: { description: 'Incidents.', schema: IncidentListSchema } },
  errors: [],
});

export const resolveIncident = defineEndpoint({
  operationId: 'resolveIncident',
  method: 'POST',
  path: '/api/v1/incidents/{id}/resolve',
  summary: 'Resolve an incident by retrying, optionally after setting variables',
  auth: { action: 'instance:retry' },
  params: IncidentParamsSchema,
  body: { schema: ResolveIncidentBodySchema, optional: true, description: '`{ retries?, variables?, scopeKey? }`' },
  responses: { 200: { description: 'The instance after the retry.', schema: CommandSummarySchema } },
  errors: ['incident.not-found', 'command.rejected', 'command.invalid-variables'],
});

export const activateJobs = defineEndpoint({
  operationId: 'activateJobs',
  method: 'POST',
  path: '/api/v1/jobs/activate',
  summary: 'External workers: activate jobs of a type with a lease (long-poll)',
  auth: { action: 'instance:modify' },
  body: { schema: ActivateJobsBodySchema, description: '`{ type, worker, maxJobs?, timeoutMs?, requestTimeoutMs? }`' },
  responses: { 200: { description: 'The jobs activated (possibly none).', schema: ActivatedJobsSchema } },
  errors: [],
});

export const completeJob = defineEndpoint({
  operationId: 'completeJob',
  method: 'POST',
  path: '/api/v1/jobs/{key}/complete',
  summary: 'External workers: complete a job with variables',
  auth: { action: 'instance:modify' },
  params: JobParamsSchema,
  body: { schema: CompleteJobBodySchema, optional: true, description: '`{ variables? }`' },
  responses: { 200: { description: 'Done.', schema: JobAnsweredSchema } },
  errors: ['job.not-found', 'command.rejected', 'command.invalid-variables'],
});

export const failJob = defineEndpoint({
  operationId: 'failJob',
  method: 'POST',
  path: '/api/v1/jobs/{key}/fail',
  summary: 'External workers: fail a job attempt (retries left and backoff; 0 raises an incident)',
  auth: { action: 'instance:modify' },
  params: JobParamsSchema,
  body: { schema: FailJobBodySchema, description: '`{ retries, errorMessage?, retryBackoffMs? }`' },
  responses: { 200: { description: 'Done.', schema: JobAnsweredSchema } },
  errors: ['job.not-found', 'command.rejected'],
});

export const throwJobError = defineEndpoint({
  operationId: 'throwJobError',
  method: 'POST',
  path: '/api/v1/jobs/{key}/error',
  summary: 'External workers: throw a BPMN error from a job',
  auth: { action: 'instance:modify' },
  params: JobParamsSchema,
  body: { schema: ThrowJobErrorBodySchema, description: '`{ errorCode, errorMessage?, variables? }`' },
  responses: { 200: { description: 'Done.', schema: JobAnsweredSchema } },
  errors: ['job.not-found', 'command.rejected', 'command.invalid-variables'],
});

export const publishMessage = defineEndpoint({
  operationId: 'publishMessage',
  method: 'POST',
  path: '/api/v1/messages',
  summary: 'Publish a message: correlate, start at a message start event, or buffer until its time to live',
  auth: { action: 'instance:start' },
  body: { schema: PublishMessageBodySchema, description: '`{ name, correlationKey?, variables?, timeToLiveMs?, messageId? }`' },
  responses: { 200: { description: 'What happened to the message.', schema: PublishMessageResultSchema } },
  errors: ['command.invalid-variables'],
});

export const broadcastSignal = defineEndpoint({
  operationId: 'broadcastSignal',
  method: 'POST',
  path: '/api/v1/signals',
  summary: 'Broadcast a signal to every waiting instance and signal start event',
  auth: { action: 'instance:start' },
  body: { schema: BroadcastSignalBodySchema, description: '`{ name, variables? }`' },
  responses: { 200: { description: 'How many instances received it and how many started.', schema: BroadcastSignalResultSchema } },
  errors: [],
});

export const setVersionRetention = defineEndpoint({
  operationId: 'setVersionRetention',
  method: 'PATCH',
  path: '/api/v1/models/{id}/versions/{number}',
  summary: "Set how long a version's ended instances are kept",
  description: 'Completed and cancelled instances of the version are deleted, with their events, `retentionDays` after they ended (null keeps them forever, the default). Audit-logged.',
  auth: { action: 'model:retention' },
  params: VersionParamsSchema,
  body: { schema: RetentionBodySchema, description: '`{ retentionDays: 1..36500 | null }`' },
  responses: { 200: { description: 'The retention now set, and the one before.', schema: RetentionSchema } },
  errors: ['model.not-found', 'version.not-found'],
});

export const RUNTIME_ENDPOINTS = [
  startInstance,
  listInstances,
  getInstance,
  listInstanceEvents,
  streamInstanceEvents,
  streamEvents,
  cancelInstance,
  setInstanceVariables,
  modifyInstance,
  listIncidents,
  resolveIncident,
  activateJobs,
  completeJob,
  failJob,
  throwJobError,
  publishMessage,
  broadcastSignal,
  setVersionRetention,
] as const;
