/**
 * The state of one process instance, as `evolve` folds it from the events.
 *
 * Contract
 * - Keyed collections are `Map`s (insertion-ordered; cheap to copy and to add to and delete
 *   from, unlike objects keyed by ever-new ids). `toSnapshot`/`fromSnapshot` convert to and
 *   from plain JSON for the runtime's instance snapshot.
 * - Immutable: `evolve` returns a new state that shares every part it did not change.
 * - Only active things are here (active element instances, open jobs, timers, tasks,
 *   subscriptions, incidents, calls). History is the event log.
 */
import type { JsonValue } from '@/lib/bpmn/model';
import type { IncidentKind, Variables } from './events';

export type InstanceStatus = 'none' | 'active' | 'completed' | 'cancelled';

export type ElementInstance = {
  readonly key: string;
  readonly elementId: string;
  /** The BPMN element type, `process` for the root, `multiInstanceBody` for a multi-instance body. */
  readonly elementType: string;
  /** The enclosing scope's element instance; null only for the root (the process). */
  readonly scopeKey: string | null;
  /** Active child element instances (scopes only). */
  readonly children: number;
  /**
   * When it was activated (ISO; the root: when the instance was created). Lets the runtime
   * measure durations without reading the log; absent in snapshots written before it was kept.
   */
  readonly activatedAt?: string;
  /** Sequence flows taken in this scope whose token has not entered an element yet (they wait at a join). */
  readonly flows: number;
  /** Multi-instance inner instances: 1-based. Bodies: the highest loop counter activated so far. */
  readonly loopCounter?: number;
  /** Multi-instance bodies: the number of inner instances, how many completed, the input collection. */
  readonly total?: number;
  readonly completed?: number;
  readonly items?: readonly JsonValue[];
  /** Compensation handlers: the throw waiting for them. */
  readonly compensationOf?: string;
  /** Scopes: an interrupting event sub-process took over; no other interrupting one may. */
  readonly interrupted?: boolean;
};

export type JobState = {
  readonly jobKey: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly jobType: string;
  readonly retries: number;
  /** 1 for the first attempt; +1 for each failure. */
  readonly attempt: number;
  /** `activatable` (a worker may take it), `failed` (no retries left: an incident waits). */
  readonly status: 'activatable' | 'failed';
  readonly retryAt?: string;
  readonly errorMessage?: string;
};

export type TimerState = {
  readonly timerKey: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly dueAt: string;
  readonly count: number;
  /** A user task's escalation timer: its policy step. */
  readonly escalationStep?: number;
};

export type UserTaskState = {
  readonly taskKey: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly assignee?: string;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  readonly dueAt?: string;
  readonly followUpAt?: string;
  readonly priority: number;
  readonly excludedUsers: readonly string[];
};

export type SubscriptionState = {
  readonly subscriptionKey: string;
  readonly kind: 'message' | 'signal';
  /** The message or signal name. */
  readonly name: string;
  readonly correlationKey?: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly interrupting: boolean;
};

export type IncidentState = {
  readonly incidentKey: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly kind: IncidentKind;
  readonly message: string;
  readonly jobKey?: string;
  readonly retry: 'job' | 'activate' | 'complete';
};

export type CallState = {
  readonly callKey: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly processId: string;
};

/** A completed activity that can be compensated, in the scope it completed in. */
export type CompensableRecord = {
  readonly elementId: string;
  readonly elementInstanceKey: string;
  /** Its local variables when it completed (absent if none): the compensation handler starts with them. */
  readonly variables?: Readonly<Variables>;
};

export type CompensationHandlerItem = { readonly handlerId: string; readonly activityId: string; readonly activityInstanceKey: string };

export type InstanceState = {
  readonly instanceKey: string | null;
  readonly processId: string | null;
  readonly status: InstanceStatus;
  /** An operator suspended it (InstanceSuspended): only resume, cancel, variables and migration apply. */
  readonly suspended?: boolean;
  readonly startedBy?: string;
  readonly businessKey?: string;
  readonly parent?: { readonly instanceKey: string; readonly elementInstanceKey: string; readonly callKey: string };
  /** Active element instances by key (the root, the process, included). */
  readonly elements: ReadonlyMap<string, ElementInstance>;
  /** Variables by scope key (element instance key). */
  readonly variables: ReadonlyMap<string, Readonly<Variables>>;
  /** Tokens waiting at join gateways: `${scopeKey} ${gatewayId}` → flow id → count. */
  readonly joins: ReadonlyMap<string, Readonly<Record<string, number>>>;
  readonly jobs: ReadonlyMap<string, JobState>;
  readonly timers: ReadonlyMap<string, TimerState>;
  readonly userTasks: ReadonlyMap<string, UserTaskState>;
  readonly subscriptions: ReadonlyMap<string, SubscriptionState>;
  readonly incidents: ReadonlyMap<string, IncidentState>;
  readonly calls: ReadonlyMap<string, CallState>;
  /** Completed compensable activities by the scope they completed in, in order of completion. */
  readonly compensable: ReadonlyMap<string, readonly CompensableRecord[]>;
  /** Running compensations by the throw event waiting for them: the handlers still to run. */
  readonly compensations: ReadonlyMap<string, readonly CompensationHandlerItem[]>;
  /** Who completed user tasks, by element id (four-eyes rules). */
  readonly completers: ReadonlyMap<string, readonly string[]>;
};

export const MAP_FIELDS = [
  'elements',
  'variables',
  'joins',
  'jobs',
  'timers',
  'userTasks',
  'subscriptions',
  'incidents',
  'calls',
  'compensable',
  'compensations',
  'completers',
] as const;
export type MapField = (typeof MAP_FIELDS)[number];

export const EMPTY_STATE: InstanceState = Object.freeze({
  instanceKey: null,
  processId: null,
  status: 'none',
  elements: new Map(),
  variables: new Map(),
  joins: new Map(),
  jobs: new Map(),
  timers: new Map(),
  userTasks: new Map(),
  subscriptions: new Map(),
  incidents: new Map(),
  calls: new Map(),
  compensable: new Map(),
  compensations: new Map(),
  completers: new Map(),
}) as InstanceState;

/**
 * The state as plain JSON for the instance snapshot: each map becomes a list of [key, value]
 * pairs, so its order survives (object keys that look like numbers would be reordered).
 */
export type StateSnapshot = Omit<InstanceState, MapField> & { [K in MapField]: [string, unknown][] };

export function toSnapshot(state: InstanceState): StateSnapshot {
  const snapshot: Record<string, unknown> = { ...state };
  for (const field of MAP_FIELDS) snapshot[field] = [...state[field]];
  return snapshot as StateSnapshot;
}

export function fromSnapshot(snapshot: StateSnapshot): InstanceState {
  const state: Record<string, unknown> = { ...snapshot };
  for (const field of MAP_FIELDS) state[field] = new Map(snapshot[field] ?? []);
  return state as unknown as InstanceState;
}

export function joinKey(scopeKey: string, gatewayId: string): string {
  return `${scopeKey} ${gatewayId}`;
}

/** The instance is done: completed or cancelled. */
export function isEnded(state: InstanceState): boolean {
  return state.status === 'completed' || state.status === 'cancelled';
}

/** What the instance waits for, for tests, the viewer and the corpus runner. */
export function outcomeOf(state: InstanceState): 'none' | 'completed' | 'cancelled' | 'incident' | 'waiting' {
  if (state.status === 'none') return 'none';
  if (state.status === 'completed' || state.status === 'cancelled') return state.status;
  if (state.incidents.size > 0) return 'incident';
  return 'waiting';
}

export type { JsonValue };
