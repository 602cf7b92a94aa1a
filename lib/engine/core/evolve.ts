/**
 * `evolve(state, event) → state`: the only place where events change the instance state
 * (`apply`, one case per event type).
 *
 * Contract
 * - Pure and total over `Event`: an exhaustive switch. Never throws, never validates: events
 *   were decided against the same state; replaying a log folds the same cases.
 * - Copy-on-write: a `Draft` copies an object (the state, a map, an element instance, a
 *   variable scope) the first time an event of the draft changes it, and changes its own copy
 *   in place after that. `evolve` uses one draft per event; `decide` and `replay` use one draft
 *   for a whole run of events, so a map touched by ten events is copied once. Objects of the
 *   state the draft started from are never changed.
 */
import type { Event, EventOf } from './events';
import { migrated } from './migration';
import { EMPTY_STATE, joinKey, type CompensableRecord, type ElementInstance, type InstanceState, type MapField } from './state';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type ValueOf<K extends MapField> = InstanceState[K] extends ReadonlyMap<string, infer V> ? V : never;

const MAP_BITS: Record<MapField, number> = {
  elements: 1,
  variables: 2,
  joins: 4,
  jobs: 8,
  timers: 16,
  userTasks: 32,
  subscriptions: 64,
  incidents: 128,
  calls: 256,
  compensable: 512,
  compensations: 1024,
  completers: 2048,
};

export class Draft {
  private top: Mutable<InstanceState>;
  private rootOwned = false;
  /** Bit per map field (MAP_BITS): the map is this draft's own copy. */
  private ownedMaps = 0;
  /** Entries (objects in a map) that are this draft's own copies, by map field. */
  private readonly ownedEntries: Partial<Record<MapField, Set<string>>> = {};

  constructor(state: InstanceState) {
    this.top = state as Mutable<InstanceState>;
  }

  /** The state as of the last applied event (do not change it; the next event may change it in place). */
  get state(): InstanceState {
    return this.top;
  }

  /** The top-level state, owned. */
  root(): Mutable<InstanceState> {
    if (!this.rootOwned) {
      this.top = { ...this.top };
      this.rootOwned = true;
    }
    return this.top;
  }

  /** Replaces the whole state (instance creation); its maps are copied when first changed. */
  reset(state: Mutable<InstanceState>): void {
    this.top = state;
    this.rootOwned = true;
    this.ownedMaps = 0;
    for (const field in this.ownedEntries) this.ownedEntries[field as MapField]?.clear();
  }

  /** A map of the state, owned. */
  map<K extends MapField>(field: K): Map<string, ValueOf<K>> {
    const root = this.root();
    const bit = MAP_BITS[field];
    if ((this.ownedMaps & bit) === 0) {
      (root as Record<string, unknown>)[field] = new Map(root[field] as ReadonlyMap<string, ValueOf<K>>);
      this.ownedMaps |= bit;
    }
    return root[field] as unknown as Map<string, ValueOf<K>>;
  }

  /** An entry of a map, owned (undefined if absent). */
  entry<K extends MapField>(field: K, key: string): Mutable<ValueOf<K>> | undefined {
    const map = this.map(field);
    const current = map.get(key);
    if (current === undefined) return undefined;
    let owned = this.ownedEntries[field];
    if (owned === undefined) owned = this.ownedEntries[field] = new Set();
    else if (owned.has(key)) return current as Mutable<ValueOf<K>>;
    const copy = (Array.isArray(current) ? [...current] : { ...(current as object) }) as ValueOf<K>;
    map.set(key, copy);
    owned.add(key);
    return copy as Mutable<ValueOf<K>>;
  }

  /** Adds a new object to a map, owned. */
  add<K extends MapField>(field: K, key: string, value: ValueOf<K>): void {
    this.map(field).set(key, value);
    let owned = this.ownedEntries[field];
    if (owned === undefined) owned = this.ownedEntries[field] = new Set();
    owned.add(key);
  }

  delete(field: MapField, key: string): void {
    if (this.top[field].has(key)) this.map(field).delete(key);
  }
}

/** Applies one event; returns the new state. */
export function evolve(state: InstanceState, event: Event): InstanceState {
  const draft = new Draft(state);
  apply(draft, event);
  return draft.state;
}

/** Applies one event to a draft: the single place each event type changes state. */
export function apply(d: Draft, event: Event): void {
  switch (event.type) {
    case 'InstanceCreated': {
      const root: ElementInstance = {
        key: event.instanceKey,
        elementId: event.processId,
        elementType: 'process',
        scopeKey: null,
        children: 0,
        flows: 0,
        activatedAt: event.at,
      };
      const next: Mutable<InstanceState> = {
        ...EMPTY_STATE,
        instanceKey: event.instanceKey,
        processId: event.processId,
        status: 'active',
        elements: new Map([[event.instanceKey, root]]),
        variables: new Map([[event.instanceKey, event.variables]]),
      };
      if (event.startedBy !== undefined) next.startedBy = event.startedBy;
      if (event.businessKey !== undefined) next.businessKey = event.businessKey;
      if (event.parent !== undefined) next.parent = event.parent;
      d.reset(next);
      return;
    }
    case 'InstanceCompleted':
    case 'InstanceCancelled': {
      const root = d.root();
      root.status = event.type === 'InstanceCompleted' ? 'completed' : 'cancelled';
      root.elements = new Map();
      root.joins = new Map();
      root.compensations = new Map();
      root.compensable = new Map();
      return;
    }
    case 'InstanceSuspended':
      d.root().suspended = true;
      return;
    case 'InstanceResumed':
      delete d.root().suspended;
      return;
    case 'InstanceMigrated':
      migrated(d, event);
      return;
    case 'ElementActivated':
      activated(d, event);
      return;
    case 'MultiInstanceStarted': {
      const body = d.entry('elements', event.elementInstanceKey) as Mutable<ElementInstance>;
      body.total = event.total;
      body.completed = 0;
      body.loopCounter = 0;
      if (event.items !== undefined) body.items = event.items;
      return;
    }
    case 'ElementCompleted':
    case 'ElementTerminated':
      ended(d, event);
      return;
    case 'FlowTaken': {
      const scope = d.entry('elements', event.scopeKey) as Mutable<ElementInstance>;
      scope.flows++;
      if (event.join === true) {
        const key = joinKey(event.scopeKey, event.targetId);
        const tokens = d.entry('joins', key);
        if (tokens === undefined) d.add('joins', key, { [event.flowId]: 1 });
        else tokens[event.flowId] = (tokens[event.flowId] ?? 0) + 1;
      }
      return;
    }
    case 'JoinTokensWithdrawn': {
      const prefix = `${event.scopeKey} `;
      const joins = d.map('joins');
      let withdrawn = 0;
      for (const [key, tokens] of joins) {
        if (!key.startsWith(prefix)) continue;
        for (const flowId in tokens) withdrawn += tokens[flowId];
        joins.delete(key);
      }
      const scope = d.entry('elements', event.scopeKey) as Mutable<ElementInstance>;
      scope.flows -= withdrawn;
      return;
    }
    case 'VariablesSet': {
      const scope = d.entry('variables', event.scopeKey);
      if (scope === undefined) d.add('variables', event.scopeKey, { ...event.variables });
      else Object.assign(scope, event.variables);
      return;
    }
    case 'JobCreated':
      d.add('jobs', event.jobKey, {
        jobKey: event.jobKey,
        elementInstanceKey: event.elementInstanceKey,
        elementId: event.elementId,
        jobType: event.jobType,
        retries: event.retries,
        attempt: 1,
        status: 'activatable',
      });
      return;
    case 'JobCompleted':
    case 'JobErrorThrown':
    case 'JobCancelled':
      d.delete('jobs', event.jobKey);
      return;
    case 'JobFailed': {
      const job = d.entry('jobs', event.jobKey);
      if (job === undefined) return;
      job.retries = event.retries;
      job.attempt = job.attempt + 1;
      job.status = event.retries > 0 ? 'activatable' : 'failed';
      job.errorMessage = event.errorMessage;
      if (event.retryAt !== undefined) job.retryAt = event.retryAt;
      else delete job.retryAt;
      return;
    }
    case 'JobRetriesUpdated': {
      const job = d.entry('jobs', event.jobKey);
      if (job === undefined) return;
      job.retries = event.retries;
      job.status = 'activatable';
      delete job.retryAt;
      return;
    }
    case 'TimerScheduled':
      d.add('timers', event.timerKey, {
        timerKey: event.timerKey,
        elementInstanceKey: event.elementInstanceKey,
        elementId: event.elementId,
        dueAt: event.dueAt,
        count: event.count,
        ...(event.escalationStep === undefined ? {} : { escalationStep: event.escalationStep }),
      });
      return;
    case 'TimerFired':
    case 'TimerCancelled':
      d.delete('timers', event.timerKey);
      return;
    case 'UserTaskCreated': {
      const task: Mutable<ValueOf<'userTasks'>> = {
        taskKey: event.taskKey,
        elementInstanceKey: event.elementInstanceKey,
        elementId: event.elementId,
        candidateGroups: event.candidateGroups,
        candidateUsers: event.candidateUsers,
        priority: event.priority,
        excludedUsers: event.excludedUsers,
      };
      if (event.assignee !== undefined) task.assignee = event.assignee;
      if (event.dueAt !== undefined) task.dueAt = event.dueAt;
      if (event.followUpAt !== undefined) task.followUpAt = event.followUpAt;
      d.add('userTasks', event.taskKey, task);
      return;
    }
    case 'UserTaskCompleted':
      d.delete('userTasks', event.taskKey);
      if (event.completedBy !== undefined) {
        const completers = d.map('completers');
        completers.set(event.elementId, [...(completers.get(event.elementId) ?? []), event.completedBy]);
      }
      return;
    case 'UserTaskCancelled':
      d.delete('userTasks', event.taskKey);
      return;
    case 'UserTaskUpdated': {
      const task = d.entry('userTasks', event.taskKey);
      if (task === undefined) return;
      if (event.assignee === null) delete task.assignee;
      else if (event.assignee !== undefined) task.assignee = event.assignee;
      if (event.candidateGroups !== undefined) task.candidateGroups = event.candidateGroups;
      if (event.candidateUsers !== undefined) task.candidateUsers = event.candidateUsers;
      if (event.priority !== undefined) task.priority = event.priority;
      return;
    }
    case 'MessageSubscriptionOpened': {
      const subscription: Mutable<ValueOf<'subscriptions'>> = {
        subscriptionKey: event.subscriptionKey,
        kind: 'message',
        name: event.messageName,
        elementInstanceKey: event.elementInstanceKey,
        elementId: event.elementId,
        interrupting: event.interrupting,
      };
      if (event.correlationKey !== undefined) subscription.correlationKey = event.correlationKey;
      d.add('subscriptions', event.subscriptionKey, subscription);
      return;
    }
    case 'SignalSubscriptionOpened':
      d.add('subscriptions', event.subscriptionKey, {
        subscriptionKey: event.subscriptionKey,
        kind: 'signal',
        name: event.signalName,
        elementInstanceKey: event.elementInstanceKey,
        elementId: event.elementId,
        interrupting: event.interrupting,
      });
      return;
    case 'MessageSubscriptionClosed':
    case 'SignalSubscriptionClosed':
      d.delete('subscriptions', event.subscriptionKey);
      return;
    // Facts for the audit and the outbox: they change nothing the engine decides on.
    case 'MessageCorrelated':
    case 'MessagePublished':
    case 'SignalBroadcast':
    case 'ErrorThrownToCaller':
    case 'EscalationNotCaught':
    case 'EscalationThrownToCaller':
      return;
    case 'CompensationStarted':
      d.map('compensations').set(event.elementInstanceKey, event.handlers);
      return;
    case 'IncidentRaised': {
      const incident: Mutable<ValueOf<'incidents'>> = {
        incidentKey: event.incidentKey,
        elementInstanceKey: event.elementInstanceKey,
        elementId: event.elementId,
        kind: event.kind,
        message: event.message,
        retry: event.retry,
      };
      if (event.jobKey !== undefined) incident.jobKey = event.jobKey;
      d.add('incidents', event.incidentKey, incident);
      return;
    }
    case 'IncidentResolved':
      d.delete('incidents', event.incidentKey);
      return;
    case 'CallActivityRequested':
      d.add('calls', event.callKey, {
        callKey: event.callKey,
        elementInstanceKey: event.elementInstanceKey,
        elementId: event.elementId,
        processId: event.processId,
      });
      return;
    case 'CallActivityCompleted':
    case 'CallActivityCancelled':
      d.delete('calls', event.callKey);
      return;
    case 'AgentStepRecorded':
      return;
  }
}

function activated(d: Draft, event: EventOf<'ElementActivated'>): void {
  const scope = d.entry('elements', event.scopeKey) as Mutable<ElementInstance>;
  scope.children++;
  if (event.flowId !== undefined) scope.flows--;
  if (event.joined !== undefined) scope.flows -= event.joined.length;
  if (event.loopCounter !== undefined && event.loopCounter > (scope.loopCounter ?? 0)) scope.loopCounter = event.loopCounter;
  if (event.interrupting === true) scope.interrupted = true;
  const instance: Mutable<ElementInstance> = {
    key: event.elementInstanceKey,
    elementId: event.elementId,
    elementType: event.elementType,
    scopeKey: event.scopeKey,
    children: 0,
    flows: 0,
    activatedAt: event.at,
  };
  if (event.loopCounter !== undefined) instance.loopCounter = event.loopCounter;
  if (event.compensation !== undefined) instance.compensationOf = event.compensation.throwKey;
  d.add('elements', event.elementInstanceKey, instance);

  if (event.joined !== undefined) {
    const joins = d.map('joins');
    const key = joinKey(event.scopeKey, event.elementId);
    const tokens = d.entry('joins', key);
    if (tokens !== undefined) {
      for (const flowId of event.joined) {
        const left = (tokens[flowId] ?? 0) - 1;
        if (left > 0) tokens[flowId] = left;
        else delete tokens[flowId];
      }
      let empty = true;
      for (const _ in tokens) {
        empty = false;
        break;
      }
      if (empty) joins.delete(key);
    }
  }
  if (event.compensation !== undefined) {
    const { throwKey, activityInstanceKey } = event.compensation;
    const compensations = d.map('compensations');
    compensations.set(throwKey, (compensations.get(throwKey) ?? []).filter((item) => item.activityInstanceKey !== activityInstanceKey));
    const compensable = d.map('compensable');
    for (const [scopeKey, all] of compensable) {
      const records = all.filter((record) => record.elementInstanceKey !== activityInstanceKey);
      if (records.length === all.length) continue;
      if (records.length > 0) compensable.set(scopeKey, records);
      else compensable.delete(scopeKey);
    }
  }
}

function ended(d: Draft, event: EventOf<'ElementCompleted'> | EventOf<'ElementTerminated'>): void {
  const key = event.elementInstanceKey;
  const elements = d.map('elements');
  const instance = elements.get(key);
  elements.delete(key);
  const scope = d.entry('elements', event.scopeKey);
  if (scope !== undefined) {
    scope.children--;
    if (scope.completed !== undefined && event.type === 'ElementCompleted') scope.completed++;
  }
  const locals =
    event.type === 'ElementCompleted' && event.compensable === true && instance?.elementType !== 'multiInstanceBody' ? d.state.variables.get(key) : undefined;
  d.delete('variables', key);
  d.delete('compensations', key);
  if (instance !== undefined && instance.flows > 0) {
    const prefix = `${key} `;
    const joins = d.map('joins');
    for (const joinId of joins.keys()) if (joinId.startsWith(prefix)) joins.delete(joinId);
  }
  if (event.type === 'ElementTerminated') {
    d.delete('compensable', key);
  } else if (event.compensable === true) {
    const compensable = d.map('compensable');
    // Its local variables as they were (loop counter and element variable of a multi-instance
    // inner instance, input mappings, a sub-process's data): its compensation handler gets them.
    const record: CompensableRecord =
      locals === undefined || isEmpty(locals) ? { elementId: event.elementId, elementInstanceKey: key } : { elementId: event.elementId, elementInstanceKey: key, variables: locals };
    compensable.set(event.scopeKey, [...(compensable.get(event.scopeKey) ?? []), record]);
  }
}

function isEmpty(object: object): boolean {
  for (const _ in object) return false;
  return true;
}
