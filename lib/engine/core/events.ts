/**
 * The events of one process instance: the append-only log that is the instance's truth.
 *
 * Contract
 * - A zod discriminated union on `type`; every event has `v` (its schema version), `at` (the
 *   command's `ctx.now` as an ISO string) and the keys it touches. The same schema validates
 *   the append, the replay and the audit view. Types are inferred from the schemas.
 * - Each event type is applied in exactly one place: `evolve` (./evolve.ts).
 * - The outbox is explicit: the runtime writes the work an event asks for (JobCreated → a job
 *   row, TimerScheduled → a timer row, UserTaskCreated → an inbox row, MessageSubscriptionOpened
 *   → a subscription row, CallActivityRequested → start the child, MessagePublished /
 *   SignalBroadcast → publish, IncidentRaised → an incident row) in the transaction that
 *   appends the event, and removes it on the matching closing event.
 * - Keys (instance, element instance, job, timer, task, subscription, incident, call) are
 *   strings from `ctx.newId`.
 * - Changing an event's shape means a new `v` and an upgrade in `upgradeEvent`; old logs
 *   replay unchanged.
 */
import { z } from 'zod';
import { ACTIVITY_TYPES, EVENT_TYPES, GATEWAY_TYPES, JsonValueSchema } from '@/lib/bpmn/model';

export const VariablesSchema = z.record(z.string(), JsonValueSchema);
export type Variables = z.infer<typeof VariablesSchema>;

const Base = { v: z.literal(1), at: z.string() };
const Key = z.string().min(1);

// ---------------------------------------------------------------------------------------
// Instance

export const InstanceCreatedSchema = z.object({
  type: z.literal('InstanceCreated'),
  ...Base,
  instanceKey: Key,
  processId: z.string(),
  /** The start event that begins this instance. */
  startElementId: z.string(),
  variables: VariablesSchema,
  startedBy: z.string().optional(),
  businessKey: z.string().optional(),
  /** Set when a call activity of another instance started this one. */
  parent: z.object({ instanceKey: Key, elementInstanceKey: Key, callKey: Key }).optional(),
});

export const InstanceCompletedSchema = z.object({
  type: z.literal('InstanceCompleted'),
  ...Base,
  instanceKey: Key,
  /** Instances started by a call activity: the process variables the caller receives. */
  variables: VariablesSchema.optional(),
});
export const InstanceCancelledSchema = z.object({
  type: z.literal('InstanceCancelled'),
  ...Base,
  instanceKey: Key,
  reason: z.string().optional(),
});

/** An operator suspended the instance: no job, timer or task moves it until it is resumed. */
export const InstanceSuspendedSchema = z.object({ type: z.literal('InstanceSuspended'), ...Base, instanceKey: Key, reason: z.string().optional() });
export const InstanceResumedSchema = z.object({ type: z.literal('InstanceResumed'), ...Base, instanceKey: Key, reason: z.string().optional() });

/**
 * The instance moved to another version of its process: every open element instance, job,
 * timer, task, subscription and incident on a mapped element now names the target element.
 * The runtime re-pins the instance to `targetVersionId` in the same transaction.
 */
export const InstanceMigratedSchema = z.object({
  type: z.literal('InstanceMigrated'),
  ...Base,
  instanceKey: Key,
  sourceVersionId: z.string(),
  targetVersionId: z.string(),
  /** The target version's process id (unchanged unless the process was renamed). */
  processId: z.string(),
  /** Source element id → target element id, for every element that had something open. */
  mapping: z.record(z.string(), z.string()),
  reason: z.string().optional(),
});

// ---------------------------------------------------------------------------------------
// Element lifecycle and tokens

/** A flow element type, or `multiInstanceBody` for the body around a multi-instance activity. */
export const ElementInstanceTypeSchema = z.enum([...EVENT_TYPES, ...ACTIVITY_TYPES, ...GATEWAY_TYPES, 'multiInstanceBody']);
export type ElementInstanceType = z.infer<typeof ElementInstanceTypeSchema>;

export const ElementActivatedSchema = z.object({
  type: z.literal('ElementActivated'),
  ...Base,
  elementInstanceKey: Key,
  elementId: z.string(),
  /** The BPMN element type, or `multiInstanceBody` for the body around a multi-instance activity. */
  elementType: ElementInstanceTypeSchema,
  /** The element instance of the enclosing scope (the instance key for top-level elements). */
  scopeKey: Key,
  /** The sequence flow whose token entered the element (it leaves the scope's flow count). */
  flowId: z.string().optional(),
  /** Join gateways: the incoming flows whose waiting tokens are consumed (one each). */
  joined: z.array(z.string()).optional(),
  /** Multi-instance inner instances: the 1-based loop counter. */
  loopCounter: z.number().int().positive().optional(),
  /** Event sub-processes: it interrupts its scope. */
  interrupting: z.boolean().optional(),
  /** Compensation handlers: the throw that started them and the activity they compensate. */
  compensation: z.object({ throwKey: Key, activityInstanceKey: Key }).optional(),
});

/** A multi-instance body evaluated its collection (or cardinality): the inner instances it runs. */
export const MultiInstanceStartedSchema = z.object({
  type: z.literal('MultiInstanceStarted'),
  ...Base,
  elementInstanceKey: Key,
  total: z.number().int().nonnegative(),
  /** The input collection, when there is one (its items become the element variable). */
  items: z.array(JsonValueSchema).optional(),
});

export const ElementCompletedSchema = z.object({
  type: z.literal('ElementCompleted'),
  ...Base,
  elementInstanceKey: Key,
  elementId: z.string(),
  scopeKey: Key,
  /**
   * The activity can be compensated later (it has a compensation handler, or it is a
   * sub-process with compensable activities inside): it is recorded in its scope.
   */
  compensable: z.boolean().optional(),
});

export const ElementTerminatedSchema = z.object({
  type: z.literal('ElementTerminated'),
  ...Base,
  elementInstanceKey: Key,
  elementId: z.string(),
  scopeKey: Key,
});

export const FlowTakenSchema = z.object({
  type: z.literal('FlowTaken'),
  ...Base,
  flowId: z.string(),
  scopeKey: Key,
  sourceElementInstanceKey: Key,
  targetId: z.string(),
  /** The target is a joining gateway: the token waits there until the join fires. */
  join: z.boolean().optional(),
});

/** Tokens waiting at joins of a scope are withdrawn (interrupting event sub-process, terminate end). */
export const JoinTokensWithdrawnSchema = z.object({ type: z.literal('JoinTokensWithdrawn'), ...Base, scopeKey: Key });

export const VariablesSetSchema = z.object({
  type: z.literal('VariablesSet'),
  ...Base,
  /** The scope (element instance key; the instance key for process variables) that holds them. */
  scopeKey: Key,
  variables: VariablesSchema,
  /** The element instance whose step set them, when not the scope itself. */
  elementInstanceKey: Key.optional(),
});

// ---------------------------------------------------------------------------------------
// Jobs (service, send, business rule and agent tasks)

export const RetrySettingsSchema = z.object({
  attempts: z.number().int(),
  initialBackoff: z.string(),
  factor: z.number(),
  maxBackoff: z.string().optional(),
  jitter: z.number(),
});

export const JobCreatedSchema = z.object({
  type: z.literal('JobCreated'),
  ...Base,
  jobKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  /** Job type workers subscribe to (`agent` for agent tasks, `http` for the HTTP connector). */
  jobType: z.string(),
  retries: z.number().int().nonnegative(),
  /** The variables visible to the task when the job was created (input mappings applied). */
  variables: VariablesSchema,
  settings: z.object({
    timeout: z.string().optional(),
    retry: RetrySettingsSchema.optional(),
    http: JsonValueSchema.optional(),
    agent: JsonValueSchema.optional(),
  }),
});

export const JobCompletedSchema = z.object({
  type: z.literal('JobCompleted'),
  ...Base,
  jobKey: Key,
  elementInstanceKey: Key,
  variables: VariablesSchema,
});

export const JobFailedSchema = z.object({
  type: z.literal('JobFailed'),
  ...Base,
  jobKey: Key,
  elementInstanceKey: Key,
  retries: z.number().int().nonnegative(),
  errorMessage: z.string(),
  /** When the job may be tried again (absent: at once). */
  retryAt: z.string().optional(),
});

export const JobErrorThrownSchema = z.object({
  type: z.literal('JobErrorThrown'),
  ...Base,
  jobKey: Key,
  elementInstanceKey: Key,
  errorCode: z.string(),
  errorMessage: z.string().optional(),
});

export const JobCancelledSchema = z.object({ type: z.literal('JobCancelled'), ...Base, jobKey: Key, elementInstanceKey: Key });

export const JobRetriesUpdatedSchema = z.object({
  type: z.literal('JobRetriesUpdated'),
  ...Base,
  jobKey: Key,
  retries: z.number().int().positive(),
});

// ---------------------------------------------------------------------------------------
// Timers

export const TimerScheduledSchema = z.object({
  type: z.literal('TimerScheduled'),
  ...Base,
  timerKey: Key,
  /** The element instance that owns the timer (the catch event, the host, the scope, the gateway). */
  elementInstanceKey: Key,
  /** The catch element the timer belongs to (intermediate catch, boundary or event sub-process start). */
  elementId: z.string(),
  dueAt: z.string(),
  /** Repeating cycles: how many times this timer fired before (0 for the first). */
  count: z.number().int().nonnegative(),
  /** A user task's escalation timer: the index of its escalation policy step (elementId is the user task). */
  escalationStep: z.number().int().nonnegative().optional(),
});

export const TimerFiredSchema = z.object({ type: z.literal('TimerFired'), ...Base, timerKey: Key });
export const TimerCancelledSchema = z.object({ type: z.literal('TimerCancelled'), ...Base, timerKey: Key });

// ---------------------------------------------------------------------------------------
// User tasks

export const UserTaskCreatedSchema = z.object({
  type: z.literal('UserTaskCreated'),
  ...Base,
  taskKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  name: z.string().optional(),
  assignee: z.string().optional(),
  candidateGroups: z.array(z.string()),
  candidateUsers: z.array(z.string()),
  dueAt: z.string().optional(),
  followUpAt: z.string().optional(),
  priority: z.number().int().min(0).max(100),
  form: z
    .object({ formKey: z.string().optional(), fields: z.array(JsonValueSchema) })
    .optional(),
  /** The variables the assignee may see, with their values when the task was created. */
  variables: VariablesSchema,
  /** Four-eyes rule: users who must not complete the task (known when it was created). */
  excludedUsers: z.array(z.string()),
});

export const UserTaskCompletedSchema = z.object({
  type: z.literal('UserTaskCompleted'),
  ...Base,
  taskKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  completedBy: z.string().optional(),
  variables: VariablesSchema,
});

/**
 * Who works an open user task changed, or its escalation policy acted: claim, unclaim, assign,
 * delegate (a person, through the inbox or the API) or an escalation step (its timer fired).
 * Absent fields are unchanged; `assignee: null` unassigns; `candidateGroups`/`candidateUsers`
 * replace the lists.
 */
export const UserTaskUpdatedSchema = z.object({
  type: z.literal('UserTaskUpdated'),
  ...Base,
  taskKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  reason: z.enum(['claim', 'unclaim', 'assign', 'delegate', 'escalation']),
  /** Who did it (user id); absent for escalations. */
  by: z.string().optional(),
  assignee: z.string().nullable().optional(),
  candidateGroups: z.array(z.string()).optional(),
  candidateUsers: z.array(z.string()).optional(),
  priority: z.number().int().min(0).max(100).optional(),
  escalation: z.object({ step: z.number().int().nonnegative(), action: z.enum(['remind', 'reassign', 'raisePriority']) }).optional(),
});

export const UserTaskCancelledSchema = z.object({
  type: z.literal('UserTaskCancelled'),
  ...Base,
  taskKey: Key,
  elementInstanceKey: Key,
});

// ---------------------------------------------------------------------------------------
// Messages and signals

export const MessageSubscriptionOpenedSchema = z.object({
  type: z.literal('MessageSubscriptionOpened'),
  ...Base,
  subscriptionKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  messageName: z.string(),
  /** Absent: the subscription takes any message of that name sent to this instance. */
  correlationKey: z.string().optional(),
  interrupting: z.boolean(),
});

export const MessageSubscriptionClosedSchema = z.object({
  type: z.literal('MessageSubscriptionClosed'),
  ...Base,
  subscriptionKey: Key,
});

export const MessageCorrelatedSchema = z.object({
  type: z.literal('MessageCorrelated'),
  ...Base,
  subscriptionKey: Key,
  elementId: z.string(),
  messageName: z.string(),
  correlationKey: z.string().optional(),
  messageKey: z.string().optional(),
  variables: VariablesSchema,
});

export const SignalSubscriptionOpenedSchema = z.object({
  type: z.literal('SignalSubscriptionOpened'),
  ...Base,
  subscriptionKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  signalName: z.string(),
  interrupting: z.boolean(),
});

export const SignalSubscriptionClosedSchema = z.object({
  type: z.literal('SignalSubscriptionClosed'),
  ...Base,
  subscriptionKey: Key,
});

/** A message throw event or send task without a job: the runtime publishes the message. */
export const MessagePublishedSchema = z.object({
  type: z.literal('MessagePublished'),
  ...Base,
  elementInstanceKey: Key,
  messageName: z.string(),
  correlationKey: z.string().optional(),
  variables: VariablesSchema,
});

/**
 * A signal throw: the runtime delivers it to every other instance and signal start event.
 * Subscriptions of this instance have already been triggered by the same decide. `variables`
 * are the throw event's local variables (its input mappings; empty without any), as in Zeebe.
 */
export const SignalBroadcastSchema = z.object({
  type: z.literal('SignalBroadcast'),
  ...Base,
  elementInstanceKey: Key,
  signalName: z.string(),
  variables: VariablesSchema,
});

// ---------------------------------------------------------------------------------------
// Errors, escalations, compensation

/** An error no catch in this instance took, sent to the calling instance's call activity. */
export const ErrorThrownToCallerSchema = z.object({
  type: z.literal('ErrorThrownToCaller'),
  ...Base,
  elementInstanceKey: Key,
  errorCode: z.string(),
  errorMessage: z.string().optional(),
  variables: VariablesSchema,
  parent: z.object({ instanceKey: Key, elementInstanceKey: Key, callKey: Key }),
});

/** An escalation no catch in this (child) instance took, sent to the calling instance's call activity; the thrower goes on. */
export const EscalationThrownToCallerSchema = z.object({
  type: z.literal('EscalationThrownToCaller'),
  ...Base,
  elementInstanceKey: Key,
  escalationCode: z.string(),
  parent: z.object({ instanceKey: Key, elementInstanceKey: Key, callKey: Key }),
});

/** An escalation no catch took; the throwing element goes on as BPMN says. */
export const EscalationNotCaughtSchema = z.object({
  type: z.literal('EscalationNotCaught'),
  ...Base,
  elementInstanceKey: Key,
  escalationCode: z.string(),
});

export const CompensationStartedSchema = z.object({
  type: z.literal('CompensationStarted'),
  ...Base,
  /** The throw event (or end event) that waits for the handlers. */
  elementInstanceKey: Key,
  /** Handlers to run, one after the other, in this order (reverse order of completion). */
  handlers: z.array(z.object({ handlerId: z.string(), activityId: z.string(), activityInstanceKey: Key })),
});

// ---------------------------------------------------------------------------------------
// Incidents and call activities

export const IncidentKindSchema = z.enum([
  'jobNoRetries',
  'expression',
  'noOutgoingFlow',
  'unhandledError',
  'variables',
  'calledProcess',
  'tooManySteps',
]);

export const IncidentRaisedSchema = z.object({
  type: z.literal('IncidentRaised'),
  ...Base,
  incidentKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  kind: IncidentKindSchema,
  message: z.string(),
  jobKey: Key.optional(),
  /** What resolving it re-runs: the job, the element's activation, or its completion. */
  retry: z.enum(['job', 'activate', 'complete']),
});

export const IncidentResolvedSchema = z.object({ type: z.literal('IncidentResolved'), ...Base, incidentKey: Key });

export const CallActivityRequestedSchema = z.object({
  type: z.literal('CallActivityRequested'),
  ...Base,
  callKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  /** The process id (key) of the process to start. */
  processId: z.string(),
  /** `latest`, or the pinned version number. */
  version: z.union([z.literal('latest'), z.number().int().positive()]),
  variables: VariablesSchema,
});

export const CallActivityCompletedSchema = z.object({
  type: z.literal('CallActivityCompleted'),
  ...Base,
  callKey: Key,
  elementInstanceKey: Key,
  variables: VariablesSchema,
});

/** The call activity ended before its child did: the runtime cancels the child instance. */
export const CallActivityCancelledSchema = z.object({
  type: z.literal('CallActivityCancelled'),
  ...Base,
  callKey: Key,
  elementInstanceKey: Key,
});

// ---------------------------------------------------------------------------------------
// Agent tasks

/**
 * One entry of an agent task's decision record (a model call or a tool call, shaped by
 * lib/agents/decision-record.ts). Changes no state: the log is where the record lives.
 */
export const AgentStepRecordedSchema = z.object({
  type: z.literal('AgentStepRecorded'),
  ...Base,
  jobKey: Key,
  elementInstanceKey: Key,
  elementId: z.string(),
  record: VariablesSchema,
});

// ---------------------------------------------------------------------------------------

export const EventSchema = z.discriminatedUnion('type', [
  InstanceCreatedSchema,
  InstanceCompletedSchema,
  InstanceCancelledSchema,
  InstanceSuspendedSchema,
  InstanceResumedSchema,
  InstanceMigratedSchema,
  ElementActivatedSchema,
  MultiInstanceStartedSchema,
  ElementCompletedSchema,
  ElementTerminatedSchema,
  FlowTakenSchema,
  JoinTokensWithdrawnSchema,
  VariablesSetSchema,
  JobCreatedSchema,
  JobCompletedSchema,
  JobFailedSchema,
  JobErrorThrownSchema,
  JobCancelledSchema,
  JobRetriesUpdatedSchema,
  TimerScheduledSchema,
  TimerFiredSchema,
  TimerCancelledSchema,
  UserTaskCreatedSchema,
  UserTaskCompletedSchema,
  UserTaskCancelledSchema,
  UserTaskUpdatedSchema,
  MessageSubscriptionOpenedSchema,
  MessageSubscriptionClosedSchema,
  MessageCorrelatedSchema,
  SignalSubscriptionOpenedSchema,
  SignalSubscriptionClosedSchema,
  MessagePublishedSchema,
  SignalBroadcastSchema,
  ErrorThrownToCallerSchema,
  EscalationNotCaughtSchema,
  EscalationThrownToCallerSchema,
  CompensationStartedSchema,
  IncidentRaisedSchema,
  IncidentResolvedSchema,
  CallActivityRequestedSchema,
  CallActivityCompletedSchema,
  CallActivityCancelledSchema,
  AgentStepRecordedSchema,
]);

export type Event = z.infer<typeof EventSchema>;
export type EventType = Event['type'];
export type EventOf<T extends EventType> = Extract<Event, { type: T }>;
export type IncidentKind = z.infer<typeof IncidentKindSchema>;

/** Event fields without the envelope (`v`, `at`), as steps of decide write them. */
export type EventInput<T extends EventType = EventType> = T extends EventType ? Omit<EventOf<T>, 'v' | 'at'> : never;

/**
 * Reads a stored event of any known version into the current shape. Version 1 is the only one
 * so far; an unknown type or version fails with the zod issues.
 */
export function upgradeEvent(stored: unknown): Event {
  return EventSchema.parse(stored);
}
