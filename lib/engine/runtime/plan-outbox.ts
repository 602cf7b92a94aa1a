/**
 * The outbox, as data: which rows the events of one command ask the runtime to write.
 *
 * Contract
 * - Pure: `planOutbox(events, state, context)` maps the events one decide returned (and the
 *   state after them) to row operations on the runtime tables; `compactRowOps` folds the
 *   operations of several commands (a batch) into one create / update / delete list per table.
 *   execute-command.ts applies the result in the transaction that appends the events, so a row
 *   exists exactly when the log says its work is open (lib/engine/core/README.md, "The outbox").
 * - Rows are keyed by the core's keys: Job.id is the job key, Timer.id the timer key, and so on.
 * - Open work rows (jobs, timers, subscriptions, runtime work) are deleted when their work ends:
 *   the log is the history. User tasks and incidents keep their rows with a status, because the
 *   inbox and the operators read them after they closed.
 */
import type { Event, EventOf, InstanceState } from '@/lib/engine/core';
import { jobIdempotencyKey } from '@/lib/engine/core';
import { visibleVariables } from '@/lib/engine/core/variables';
import { planNotifications, type NotificationRow } from '@/lib/notifications/plan-notifications';

export type OutboxContext = {
  instanceId: string;
  versionId: string;
  /** The model key (what the inbox and the instance list show). */
  modelKey: string;
  /** The sequence number of `events[0]` in the instance's log (runtime work rows are keyed by it). */
  firstSeq: number;
};

export type JobRow = {
  id: string;
  instanceId: string;
  elementId: string;
  elementInstanceId: string;
  type: string;
  status: 'activatable' | 'failed';
  retriesLeft: number;
  attempt: number;
  dueAt: Date;
  idempotencyKey: string;
  variables: string;
  settings: string;
};

export type TimerRow = {
  id: string;
  instanceId: string;
  versionId: string;
  elementId: string;
  elementInstanceId: string;
  dueAt: Date;
  spec: string;
};

export type UserTaskRow = {
  id: string;
  instanceId: string;
  elementId: string;
  elementInstanceId: string;
  name: string;
  processKey: string;
  versionId: string;
  assignee: string | null;
  priority: number;
  dueAt: Date | null;
  followUpAt: Date | null;
  settings: string;
  createdAt: Date;
};

export type UserTaskCandidateRow = { taskId: string; kind: 'group' | 'user'; value: string };

export type SubscriptionRow = {
  id: string;
  instanceId: string;
  versionId: string;
  elementId: string;
  elementInstanceId: string;
  kind: 'message' | 'signal';
  messageName: string;
  correlationKey: string | null;
  interrupting: boolean;
};

export type IncidentRow = {
  id: string;
  instanceId: string;
  elementId: string;
  elementInstanceId: string;
  jobId: string | null;
  kind: string;
  message: string;
  createdAt: Date;
};

export const WORK_KINDS = ['start-call', 'cancel-call', 'answer-caller', 'publish-message', 'broadcast-signal'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export type WorkRow = { id: string; instanceId: string; kind: WorkKind; payload: string; dueAt: Date };

export type Rows = {
  job: JobRow;
  timer: TimerRow;
  userTask: UserTaskRow;
  userTaskCandidate: UserTaskCandidateRow;
  subscription: SubscriptionRow;
  incident: IncidentRow;
  work: WorkRow;
  notification: NotificationRow;
};
export type Table = keyof Rows;

/** What an update may change, per table. */
export type Patches = {
  job: Partial<Pick<JobRow, 'status' | 'retriesLeft' | 'attempt' | 'dueAt' | 'idempotencyKey' | 'variables'>> & { lastError?: string | null; leaseOwner?: null; leaseExpiresAt?: null };
  timer: never;
  userTask:
    | { status: 'completed' | 'cancelled'; completedAt: Date; completedById?: string | null; result?: string | null }
    | { assignee?: string | null; claimedAt?: Date | null; priority?: number };
  userTaskCandidate: never;
  subscription: never;
  incident: { status: 'resolved'; resolvedAt: Date };
  work: never;
  notification: never;
};

export type RowOp =
  | { [T in Table]: { op: 'create'; table: T; id: string; row: Rows[T] } }[Table]
  | { [T in Table]: { op: 'update'; table: T; id: string; patch: Patches[T] } }[Table]
  | { op: 'delete'; table: Table; id: string };

function create<T extends Table>(table: T, id: string, row: Rows[T]): RowOp {
  return { op: 'create', table, id, row } as RowOp;
}
function update<T extends Table>(table: T, id: string, patch: Patches[T]): RowOp {
  return { op: 'update', table, id, patch } as RowOp;
}
function remove(table: Table, id: string): RowOp {
  return { op: 'delete', table, id };
}

function work(context: OutboxContext, event: Event, kind: WorkKind, payload: Record<string, unknown>, id: string): RowOp {
  return create('work', id, { id, instanceId: context.instanceId, kind, payload: JSON.stringify(payload), dueAt: new Date(event.at) });
}

function jobCreated(context: OutboxContext, event: EventOf<'JobCreated'>): RowOp {
  return create('job', event.jobKey, {
    id: event.jobKey,
    instanceId: context.instanceId,
    elementId: event.elementId,
    elementInstanceId: event.elementInstanceKey,
    type: event.jobType,
    status: event.retries > 0 ? 'activatable' : 'failed',
    retriesLeft: event.retries,
    attempt: 1,
    dueAt: new Date(event.at),
    idempotencyKey: jobIdempotencyKey(context.instanceId, { elementInstanceKey: event.elementInstanceKey, jobKey: event.jobKey, attempt: 1 }),
    variables: JSON.stringify(event.variables),
    settings: JSON.stringify(event.settings),
  });
}

function userTaskCreated(context: OutboxContext, event: EventOf<'UserTaskCreated'>): RowOp[] {
  const settings = {
    ...(event.form === undefined ? {} : { form: event.form }),
    visibleVariables: Object.keys(event.variables),
    variables: event.variables,
    excludedUsers: event.excludedUsers,
  };
  const ops: RowOp[] = [
    create('userTask', event.taskKey, {
      id: event.taskKey,
      instanceId: context.instanceId,
      elementId: event.elementId,
      elementInstanceId: event.elementInstanceKey,
      name: event.name ?? event.elementId,
      processKey: context.modelKey,
      versionId: context.versionId,
      assignee: event.assignee ?? null,
      priority: event.priority,
      dueAt: event.dueAt === undefined ? null : new Date(event.dueAt),
      followUpAt: event.followUpAt === undefined ? null : new Date(event.followUpAt),
      settings: JSON.stringify(settings),
      createdAt: new Date(event.at),
    }),
  ];
  for (const value of new Set(event.candidateGroups)) {
    ops.push(create('userTaskCandidate', `${event.taskKey} group ${value}`, { taskId: event.taskKey, kind: 'group', value }));
  }
  for (const value of new Set(event.candidateUsers)) {
    ops.push(create('userTaskCandidate', `${event.taskKey} user ${value}`, { taskId: event.taskKey, kind: 'user', value }));
  }
  return ops;
}

/** The id of the delete op that removes every candidate row of a task (apply-row-ops.ts). */
export const ALL_CANDIDATES = '*';

/**
 * Claim, unclaim, assign, delegate, escalation: the task row's assignee (and claimedAt) and
 * priority; new candidate lists replace the old rows (delete all, then create). A candidate
 * change in the same batch as the task's creation is not supported (escalations come later).
 */
function userTaskUpdated(event: EventOf<'UserTaskUpdated'>): RowOp[] {
  const ops: RowOp[] = [];
  const patch: { assignee?: string | null; claimedAt?: Date | null; priority?: number } = {};
  if (event.assignee !== undefined) {
    patch.assignee = event.assignee;
    patch.claimedAt = event.assignee === null ? null : new Date(event.at);
  }
  if (event.priority !== undefined) patch.priority = event.priority;
  if (Object.keys(patch).length > 0) ops.push(update('userTask', event.taskKey, patch));
  if (event.candidateGroups !== undefined || event.candidateUsers !== undefined) {
    ops.push(remove('userTaskCandidate', `${event.taskKey} ${ALL_CANDIDATES}`));
    for (const value of new Set(event.candidateGroups ?? [])) {
      ops.push(create('userTaskCandidate', `${event.taskKey} group ${value}`, { taskId: event.taskKey, kind: 'group', value }));
    }
    for (const value of new Set(event.candidateUsers ?? [])) {
      ops.push(create('userTaskCandidate', `${event.taskKey} user ${value}`, { taskId: event.taskKey, kind: 'user', value }));
    }
  }
  return ops;
}

/**
 * The row operations the events of one decide ask for. `state` is the state after the events
 * (a failed job's next attempt number is read from it).
 */
export function planOutbox(events: readonly Event[], state: InstanceState, context: OutboxContext): RowOp[] {
  const ops: RowOp[] = [];
  // Runtime work is keyed by the event that asks for it: unique, and the same on every retry.
  let seq = context.firstSeq - 1;
  const workId = () => `${context.instanceId}:${seq}`;
  for (const event of events) {
    seq++;
    // In-app notifications (lib/notifications/plan-notifications.ts) commit with their event.
    if (event.type === 'UserTaskCreated' || event.type === 'UserTaskUpdated') {
      for (const row of planNotifications(event, seq, state, context.instanceId)) ops.push(create('notification', row.id, row));
    }
    switch (event.type) {
      case 'JobCreated':
        ops.push(jobCreated(context, event));
        break;
      case 'JobCompleted':
      case 'JobErrorThrown':
      case 'JobCancelled':
        ops.push(remove('job', event.jobKey));
        break;
      case 'JobFailed': {
        const job = state.jobs.get(event.jobKey);
        if (job === undefined) break; // ended later in the same decide: a delete follows
        ops.push(
          update('job', event.jobKey, {
            status: event.retries > 0 ? 'activatable' : 'failed',
            retriesLeft: event.retries,
            attempt: job.attempt,
            dueAt: new Date(event.retryAt ?? event.at),
            idempotencyKey: jobIdempotencyKey(context.instanceId, job),
            // The next attempt sees the variables as they are now (an operator may have fixed them).
            variables: JSON.stringify(visibleVariables(state, job.elementInstanceKey)),
            lastError: event.errorMessage,
            leaseOwner: null,
            leaseExpiresAt: null,
          }),
        );
        break;
      }
      case 'JobRetriesUpdated': {
        const job = state.jobs.get(event.jobKey);
        ops.push(
          update('job', event.jobKey, {
            status: 'activatable',
            retriesLeft: event.retries,
            dueAt: new Date(event.at),
            ...(job === undefined ? {} : { variables: JSON.stringify(visibleVariables(state, job.elementInstanceKey)) }),
            leaseOwner: null,
            leaseExpiresAt: null,
          }),
        );
        break;
      }
      case 'TimerScheduled':
        ops.push(
          create('timer', event.timerKey, {
            id: event.timerKey,
            instanceId: context.instanceId,
            versionId: context.versionId,
            elementId: event.elementId,
            elementInstanceId: event.elementInstanceKey,
            dueAt: new Date(event.dueAt),
            spec: event.escalationStep === undefined ? `instance timer, firing ${event.count + 1}` : `escalation step ${event.escalationStep + 1}`,
          }),
        );
        break;
      case 'TimerFired':
      case 'TimerCancelled':
        ops.push(remove('timer', event.timerKey));
        break;
      case 'UserTaskCreated':
        ops.push(...userTaskCreated(context, event));
        break;
      case 'UserTaskCompleted':
        ops.push(
          update('userTask', event.taskKey, {
            status: 'completed',
            completedAt: new Date(event.at),
            completedById: event.completedBy ?? null,
            result: JSON.stringify(event.variables),
          }),
        );
        break;
      case 'UserTaskCancelled':
        ops.push(update('userTask', event.taskKey, { status: 'cancelled', completedAt: new Date(event.at) }));
        break;
      case 'UserTaskUpdated':
        ops.push(...userTaskUpdated(event));
        break;
      case 'MessageSubscriptionOpened':
        ops.push(
          create('subscription', event.subscriptionKey, {
            id: event.subscriptionKey,
            instanceId: context.instanceId,
            versionId: context.versionId,
            elementId: event.elementId,
            elementInstanceId: event.elementInstanceKey,
            kind: 'message',
            messageName: event.messageName,
            correlationKey: event.correlationKey ?? null,
            interrupting: event.interrupting,
          }),
        );
        break;
      case 'SignalSubscriptionOpened':
        ops.push(
          create('subscription', event.subscriptionKey, {
            id: event.subscriptionKey,
            instanceId: context.instanceId,
            versionId: context.versionId,
            elementId: event.elementId,
            elementInstanceId: event.elementInstanceKey,
            kind: 'signal',
            messageName: event.signalName,
            correlationKey: null,
            interrupting: event.interrupting,
          }),
        );
        break;
      case 'MessageSubscriptionClosed':
      case 'SignalSubscriptionClosed':
        ops.push(remove('subscription', event.subscriptionKey));
        break;
      case 'IncidentRaised':
        ops.push(
          create('incident', event.incidentKey, {
            id: event.incidentKey,
            instanceId: context.instanceId,
            elementId: event.elementId,
            elementInstanceId: event.elementInstanceKey,
            jobId: event.jobKey ?? null,
            kind: event.kind,
            message: event.message,
            createdAt: new Date(event.at),
          }),
        );
        break;
      case 'IncidentResolved':
        ops.push(update('incident', event.incidentKey, { status: 'resolved', resolvedAt: new Date(event.at) }));
        break;
      case 'MessagePublished':
        ops.push(
          work(context, event, 'publish-message', {
            messageName: event.messageName,
            ...(event.correlationKey === undefined ? {} : { correlationKey: event.correlationKey }),
            variables: event.variables,
          }, workId()),
        );
        break;
      case 'SignalBroadcast':
        ops.push(work(context, event, 'broadcast-signal', { signalName: event.signalName, variables: event.variables, fromInstanceId: context.instanceId }, workId()));
        break;
      case 'CallActivityRequested':
        ops.push(
          work(context, event, 'start-call', {
            callKey: event.callKey,
            elementInstanceKey: event.elementInstanceKey,
            elementId: event.elementId,
            processId: event.processId,
            version: event.version,
            variables: event.variables,
          }, workId()),
        );
        break;
      case 'CallActivityCancelled':
        ops.push(work(context, event, 'cancel-call', { callKey: event.callKey }, workId()));
        break;
      case 'InstanceCompleted':
        if (state.parent !== undefined) {
          ops.push(work(context, event, 'answer-caller', { parent: state.parent, answer: { type: 'CompleteCallActivity', callKey: state.parent.callKey, variables: event.variables ?? {} } }, workId()));
        }
        break;
      case 'ErrorThrownToCaller':
        ops.push(
          work(context, event, 'answer-caller', {
            parent: event.parent,
            answer: {
              type: 'ThrowCallError',
              callKey: event.parent.callKey,
              errorCode: event.errorCode,
              ...(event.errorMessage === undefined ? {} : { errorMessage: event.errorMessage }),
              variables: event.variables,
            },
          }, workId()),
        );
        break;
      case 'EscalationThrownToCaller':
        ops.push(
          work(context, event, 'answer-caller', {
            parent: event.parent,
            answer: { type: 'ThrowCallEscalation', callKey: event.parent.callKey, escalationCode: event.escalationCode },
          }, workId()),
        );
        break;
      case 'InstanceCreated':
      case 'InstanceCancelled':
      case 'InstanceSuspended':
      case 'InstanceResumed':
      case 'InstanceMigrated':
      case 'ElementActivated':
      case 'MultiInstanceStarted':
      case 'ElementCompleted':
      case 'ElementTerminated':
      case 'FlowTaken':
      case 'JoinTokensWithdrawn':
      case 'VariablesSet':
      case 'MessageCorrelated':
      case 'EscalationNotCaught':
      case 'CompensationStarted':
      case 'CallActivityCompleted':
      case 'AgentStepRecorded':
        break;
      default: {
        const unknown: never = event;
        throw new Error(`planOutbox: no outbox rule for ${(unknown as Event).type}`);
      }
    }
  }
  return ops;
}

export type CompactOps = {
  [T in Table]: { create: Rows[T][]; update: { id: string; patch: Patches[T] }[]; delete: string[] };
};

function emptyCompact(): CompactOps {
  const empty = () => ({ create: [], update: [], delete: [] });
  return { job: empty(), timer: empty(), userTask: empty(), userTaskCandidate: empty(), subscription: empty(), incident: empty(), work: empty(), notification: empty() };
}

/**
 * Folds operations, in order, into one list per table and kind: an update of a row created in
 * the same batch is merged into its create, a delete of such a row cancels both, several updates
 * of one row become one.
 */
export function compactRowOps(ops: readonly RowOp[]): CompactOps {
  type Entry = { created?: Record<string, unknown>; patch?: Record<string, unknown>; deleted: boolean };
  const entries = new Map<string, { table: Table; id: string; entry: Entry }>();
  for (const op of ops) {
    const key = `${op.table}\u0000${op.id}`;
    let slot = entries.get(key);
    if (slot === undefined) {
      slot = { table: op.table, id: op.id, entry: { deleted: false } };
      entries.set(key, slot);
    }
    const entry = slot.entry;
    if (op.op === 'create') {
      entry.created = { ...op.row };
      entry.deleted = false;
    } else if (op.op === 'update') {
      if (entry.created !== undefined) Object.assign(entry.created, op.patch);
      else entry.patch = { ...entry.patch, ...op.patch };
    } else if (entry.created !== undefined) {
      entries.delete(key); // created and deleted in the same batch: nothing to write
    } else {
      entry.patch = undefined;
      entry.deleted = true;
    }
  }
  const result = emptyCompact();
  for (const { table, id, entry } of entries.values()) {
    const lists = result[table] as { create: unknown[]; update: { id: string; patch: unknown }[]; delete: string[] };
    if (entry.created !== undefined) lists.create.push(entry.created);
    else if (entry.deleted) lists.delete.push(id);
    else if (entry.patch !== undefined) lists.update.push({ id, patch: entry.patch });
  }
  return result;
}
