/**
 * Commands: what a worker, a person, an API client or the scheduler asks of one instance.
 *
 * Contract
 * - A zod discriminated union on `type`, for parsing at the boundary (route handlers, workers).
 *   `decide` takes the parsed type and checks only what depends on the instance's state.
 * - A command that does not apply to the current state is rejected by `decide` with a
 *   `Rejection` (named code, message in plain words); a rejection changes nothing.
 */
import { z } from 'zod';
import { VariablesSchema } from './events';

const Key = z.string().min(1);
const OptionalVariables = VariablesSchema.optional();

export const CreateInstanceSchema = z.object({
  type: z.literal('CreateInstance'),
  /** Defaults to `ctx.newId()`. */
  instanceKey: Key.optional(),
  variables: OptionalVariables,
  /** A start event by id (none, message, timer or signal start). */
  startEventId: z.string().optional(),
  /** The message start event for this message name. */
  messageName: z.string().optional(),
  /** The signal start event for this signal name. */
  signalName: z.string().optional(),
  startedBy: z.string().optional(),
  businessKey: z.string().optional(),
  parent: z.object({ instanceKey: Key, elementInstanceKey: Key, callKey: Key }).optional(),
});

export const CompleteJobSchema = z.object({ type: z.literal('CompleteJob'), jobKey: Key, variables: OptionalVariables });

export const FailJobSchema = z.object({
  type: z.literal('FailJob'),
  jobKey: Key,
  /** Retries left; 0 raises an incident. */
  retries: z.number().int().nonnegative(),
  errorMessage: z.string().optional(),
  /** Milliseconds to wait before the next attempt. */
  retryBackoffMs: z.number().int().nonnegative().optional(),
});

export const ThrowJobErrorSchema = z.object({
  type: z.literal('ThrowJobError'),
  jobKey: Key,
  errorCode: z.string().min(1),
  errorMessage: z.string().optional(),
  variables: OptionalVariables,
});

export const CompleteUserTaskSchema = z.object({
  type: z.literal('CompleteUserTask'),
  taskKey: Key,
  variables: OptionalVariables,
  completedBy: z.string().optional(),
});

/** Claim, unclaim, assign or delegate an open user task (who may is the caller's rule: lib/tasks). */
export const UpdateUserTaskSchema = z.object({
  type: z.literal('UpdateUserTask'),
  taskKey: Key,
  reason: z.enum(['claim', 'unclaim', 'assign', 'delegate']),
  /** The new assignee; null unassigns. */
  assignee: z.string().min(1).nullable(),
  by: z.string().optional(),
  /** Only if the task's assignee is still this (null: unassigned); else USER_TASK_ASSIGNEE_CHANGED. */
  expectedAssignee: z.string().nullable().optional(),
});

export const FireTimerSchema = z.object({ type: z.literal('FireTimer'), timerKey: Key });

export const CorrelateMessageSchema = z.object({
  type: z.literal('CorrelateMessage'),
  messageName: z.string().min(1),
  correlationKey: z.string().optional(),
  messageKey: z.string().optional(),
  variables: OptionalVariables,
});

export const BroadcastSignalSchema = z.object({
  type: z.literal('BroadcastSignal'),
  signalName: z.string().min(1),
  variables: OptionalVariables,
});

export const CancelInstanceSchema = z.object({ type: z.literal('CancelInstance'), reason: z.string().optional() });

export const ResolveIncidentSchema = z.object({
  type: z.literal('ResolveIncident'),
  incidentKey: Key,
  /** For job incidents: the retries the job gets again (default 1). */
  retries: z.number().int().positive().optional(),
});

export const SetVariablesSchema = z.object({
  type: z.literal('SetVariables'),
  /** Element instance key of the scope; defaults to the process scope. */
  scopeKey: Key.optional(),
  variables: VariablesSchema,
  /** Set in that scope only, instead of updating the nearest scope that has each variable. */
  local: z.boolean().optional(),
});

/** Instance modification: start a token at an element (in the scope instance given, or the only one). */
export const ActivateElementSchema = z.object({
  type: z.literal('ActivateElement'),
  elementId: z.string().min(1),
  scopeKey: Key.optional(),
  variables: OptionalVariables,
});

/** Instance modification: withdraw a token (terminate an element instance and what it opened). */
export const TerminateElementSchema = z.object({ type: z.literal('TerminateElement'), elementInstanceKey: Key });

export const CompleteCallActivitySchema = z.object({
  type: z.literal('CompleteCallActivity'),
  callKey: Key,
  /** The child's variables at its end. */
  variables: OptionalVariables,
});

/** An error the child of a call activity did not catch, thrown at the call activity. */
export const ThrowCallErrorSchema = z.object({
  type: z.literal('ThrowCallError'),
  callKey: Key,
  errorCode: z.string().min(1),
  errorMessage: z.string().optional(),
  variables: OptionalVariables,
});

/** An escalation the child of a call activity did not catch, thrown at the call activity. */
export const ThrowCallEscalationSchema = z.object({
  type: z.literal('ThrowCallEscalation'),
  callKey: Key,
  escalationCode: z.string().min(1),
});

/**
 * The runtime could not start the child of a call activity (no such process, no published or
 * runnable version, the child's start refused): the call ends and an incident waits at the call
 * activity with the reason. Resolving it activates the call activity again (a new call).
 */
export const FailCallActivitySchema = z.object({
  type: z.literal('FailCallActivity'),
  callKey: Key,
  errorMessage: z.string().min(1),
});

/** Ad-hoc sub-process: activate some of its inner activities. */
export const ActivateAdHocElementsSchema = z.object({
  type: z.literal('ActivateAdHocElements'),
  elementInstanceKey: Key,
  elementIds: z.array(z.string().min(1)).min(1),
  variables: OptionalVariables,
});

/** Operations: suspend (no job, timer or task moves the instance) and resume. */
export const SuspendInstanceSchema = z.object({ type: z.literal('SuspendInstance'), reason: z.string().optional() });
export const ResumeInstanceSchema = z.object({ type: z.literal('ResumeInstance'), reason: z.string().optional() });

/**
 * Migration to another version: `mapping` names the target element of every source element
 * that has something open. Checking the mapping against the target version (types, scopes) is
 * the caller's (lib/instances/migration-mapping.ts); decide checks that nothing open is left out.
 */
export const MigrateInstanceSchema = z.object({
  type: z.literal('MigrateInstance'),
  sourceVersionId: z.string().min(1),
  targetVersionId: z.string().min(1),
  processId: z.string().min(1),
  mapping: z.record(z.string(), z.string().min(1)),
  reason: z.string().optional(),
});

/** An agent task's job appends entries to its decision record (AgentStepRecorded each). */
export const RecordAgentStepsSchema = z.object({
  type: z.literal('RecordAgentSteps'),
  jobKey: Key,
  records: z.array(VariablesSchema).min(1),
});

export const CommandSchema = z.discriminatedUnion('type', [
  CreateInstanceSchema,
  CompleteJobSchema,
  FailJobSchema,
  ThrowJobErrorSchema,
  CompleteUserTaskSchema,
  UpdateUserTaskSchema,
  FireTimerSchema,
  CorrelateMessageSchema,
  BroadcastSignalSchema,
  CancelInstanceSchema,
  ResolveIncidentSchema,
  SetVariablesSchema,
  ActivateElementSchema,
  TerminateElementSchema,
  CompleteCallActivitySchema,
  ThrowCallErrorSchema,
  ThrowCallEscalationSchema,
  FailCallActivitySchema,
  ActivateAdHocElementsSchema,
  SuspendInstanceSchema,
  ResumeInstanceSchema,
  MigrateInstanceSchema,
  RecordAgentStepsSchema,
]);

export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export const REJECTION_CODES = [
  'INSTANCE_ALREADY_CREATED',
  'INSTANCE_NOT_CREATED',
  'INSTANCE_NOT_ACTIVE',
  'NO_MATCHING_START_EVENT',
  'JOB_NOT_FOUND',
  'USER_TASK_NOT_FOUND',
  'TIMER_NOT_FOUND',
  'NO_MATCHING_SUBSCRIPTION',
  'INCIDENT_NOT_FOUND',
  'ELEMENT_NOT_FOUND',
  'ELEMENT_INSTANCE_NOT_FOUND',
  'SCOPE_AMBIGUOUS',
  'CALL_NOT_FOUND',
  'NOT_AN_AD_HOC_SUB_PROCESS',
  'INVALID_VARIABLES',
  'VARIABLES_TOO_LARGE',
  'FOUR_EYES_VIOLATION',
  'USER_TASK_ASSIGNEE_CHANGED',
  'CHILD_INSTANCE_NOT_TERMINABLE',
  'INSTANCE_SUSPENDED',
  'INSTANCE_NOT_SUSPENDED',
  'MIGRATION_UNMAPPED',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type Rejection = { ok: false; code: RejectionCode; message: string };
