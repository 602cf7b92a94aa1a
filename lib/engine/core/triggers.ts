/**
 * Catching: timers, message and signal subscriptions, and where a thrown error or escalation
 * is caught.
 *
 * Contract
 * - A subscription or timer is owned by one element instance (the catch event or receive task
 *   itself, the host of a boundary event, the scope of an event sub-process, or an event-based
 *   gateway) and names the catch element it is for. It is closed when its owner ends
 *   (`closeOwned`), or when an interrupting event sub-process of the scope takes over.
 * - `route` is the one place that decides what a fired timer, a correlated message or a
 *   delivered signal does, by the kind of catch element.
 * - Errors and escalations go outwards from the thrower through its scopes to the nearest
 *   matching catch: in each scope first its event sub-processes, then the boundary events of
 *   the scope's activity. A catch with a code wins over one without in the same place. An
 *   uncaught error goes to the calling instance if there is one, else it is the caller's
 *   incident to raise; an uncaught escalation also goes to the calling instance, else it is
 *   recorded as not caught.
 */
import { nextFireTime } from '@/lib/bpmn/timers';
import { parseTimer } from '@/lib/bpmn/timers';
import type { Node, Trigger } from './definition';
import type { Variables } from './events';
import type { Execution } from './execution';
import { eventBasedGateway } from './elements/event-based-gateway';
import { escalate } from './elements/user-task-escalation';
import type { ElementInstance, SubscriptionState, TimerState } from './state';
import { activateNode, applyResult, completeElement, terminateChildren, terminateElement } from './tokens';

// ---------------------------------------------------------------------------------------
// Opening and closing

/** Opens the timers and subscriptions of an activity's boundary events (owned by the host). */
export function openBoundaries(x: Execution, host: ElementInstance, node: Node): void {
  closeCatches(x, host.key);
  for (const id of node.boundaryIds) {
    if (x.instance(host.key) === undefined) return;
    const boundary = x.definition.nodes[id];
    openCatch(x, host, boundary, boundary.interrupting);
  }
}

/** Opens the subscriptions of a scope's event sub-process starts (owned by the scope instance). */
export function openEventSubProcesses(x: Execution, scope: ElementInstance, node: Node): void {
  const starts = node.scope?.eventStartIds ?? [];
  for (const id of starts) {
    if (x.instance(scope.key) === undefined) return;
    const start = x.definition.nodes[id];
    openCatch(x, scope, start, start.interrupting);
  }
}

/**
 * Opens what `catchNode` waits for, owned by `owner`: a timer, a message or a signal
 * subscription. Errors, escalations, compensation and links need nothing open. A timer or
 * correlation key that cannot be evaluated raises an incident on the owner.
 */
export function openCatch(x: Execution, owner: ElementInstance, catchNode: Node, interrupting: boolean, trigger: Trigger = catchNode.trigger): boolean {
  switch (trigger.kind) {
    case 'timer':
      return scheduleTimer(x, owner, catchNode, 0);
    case 'message': {
      const name = x.evaluate(trigger.messageName, owner.key);
      if (!name.ok || typeof name.value !== 'string') {
        x.raiseIncident(owner, 'expression', `the message name of ${catchNode.id} is not a string: ${name.ok ? JSON.stringify(name.value) : name.reason}`, 'activate');
        return false;
      }
      let correlationKey: string | undefined;
      if (trigger.correlationKey !== undefined) {
        const value = x.evaluate(trigger.correlationKey, owner.key);
        if (!value.ok || (typeof value.value !== 'string' && typeof value.value !== 'number')) {
          x.raiseIncident(
            owner,
            'expression',
            `the correlation key of ${catchNode.id} must be a string or a number, but it is ${value.ok ? JSON.stringify(value.value) : `not computable: ${value.reason}`}`,
            'activate',
          );
          return false;
        }
        correlationKey = String(value.value);
      }
      x.emit({
        type: 'MessageSubscriptionOpened',
        subscriptionKey: x.newKey(),
        elementInstanceKey: owner.key,
        elementId: catchNode.id,
        messageName: name.value,
        ...(correlationKey === undefined ? {} : { correlationKey }),
        interrupting,
      });
      return true;
    }
    case 'signal':
      x.emit({
        type: 'SignalSubscriptionOpened',
        subscriptionKey: x.newKey(),
        elementInstanceKey: owner.key,
        elementId: catchNode.id,
        signalName: trigger.signalName,
        interrupting,
      });
      return true;
    default:
      return true;
  }
}

/** Schedules the `count`-th firing of a catch element's timer; false (and an incident) when it cannot be computed. */
export function scheduleTimer(x: Execution, owner: ElementInstance, catchNode: Node, count: number, previous?: string): boolean {
  if (catchNode.trigger.kind !== 'timer') return false;
  const timer = catchNode.trigger.timer;
  let spec = timer.spec;
  if (spec.kind === 'dynamic') {
    const value = timer.expression === undefined ? undefined : x.evaluate(timer.expression, owner.key);
    const text = value?.ok ? value.value : null;
    const parsed = typeof text === 'string' ? parseTimer(timer.field, text) : undefined;
    if (parsed === undefined || !parsed.ok || parsed.spec.kind === 'dynamic') {
      const why = value === undefined ? 'no expression' : !value.ok ? value.reason : parsed?.ok === false ? parsed.reason : `it gave ${JSON.stringify(text)}`;
      x.raiseIncident(owner, 'expression', `the timer of ${catchNode.id} cannot be computed: ${why}`, 'activate');
      return false;
    }
    spec = parsed.spec;
  }
  const due = nextFireTime(spec, {
    now: new Date(x.now),
    count,
    ...(previous === undefined ? {} : { previous: new Date(previous) }),
  });
  if (due === null) return true;
  x.emit({
    type: 'TimerScheduled',
    timerKey: x.newKey(),
    elementInstanceKey: owner.key,
    elementId: catchNode.id,
    dueAt: due.toISOString(),
    count,
  });
  return true;
}

/** Closes the timers and subscriptions an element instance owns. */
function closeCatches(x: Execution, ownerKey: string, only?: (elementId: string) => boolean): void {
  for (const [timerKey, timer] of x.state.timers) {
    if (timer.elementInstanceKey === ownerKey && (only === undefined || only(timer.elementId))) {
      x.emit({ type: 'TimerCancelled', timerKey });
    }
  }
  for (const [subscriptionKey, subscription] of x.state.subscriptions) {
    if (subscription.elementInstanceKey === ownerKey && (only === undefined || only(subscription.elementId))) {
      x.emit(
        subscription.kind === 'message'
          ? { type: 'MessageSubscriptionClosed', subscriptionKey }
          : { type: 'SignalSubscriptionClosed', subscriptionKey },
      );
    }
  }
}

/** Closes everything an ending element instance owns: timers, subscriptions, its incidents. */
export function closeOwned(x: Execution, instance: ElementInstance): void {
  const key = instance.key;
  closeCatches(x, key);
  for (const [incidentKey, incident] of x.state.incidents) {
    if (incident.elementInstanceKey === key) x.emit({ type: 'IncidentResolved', incidentKey });
  }
}

// ---------------------------------------------------------------------------------------
// Firing

/** A timer is due: route it to its catch element (and schedule the next firing of a cycle that keeps its owner). */
export function fireTimer(x: Execution, timer: TimerState): void {
  x.emit({ type: 'TimerFired', timerKey: timer.timerKey });
  const owner = x.instance(timer.elementInstanceKey);
  if (owner === undefined) return;
  if (timer.escalationStep !== undefined) return escalate(x, { ...timer, escalationStep: timer.escalationStep });
  const catchNode = x.definition.nodes[timer.elementId];
  const repeats = (catchNode.type === 'boundaryEvent' || catchNode.type === 'startEvent') && !catchNode.interrupting;
  if (repeats) scheduleTimer(x, owner, catchNode, timer.count + 1, timer.dueAt);
  route(x, owner, catchNode, {});
}

/** A message was correlated to a subscription of this instance. */
export function correlate(x: Execution, subscription: SubscriptionState, variables: Variables, messageKey?: string): void {
  x.emit({
    type: 'MessageCorrelated',
    subscriptionKey: subscription.subscriptionKey,
    elementId: subscription.elementId,
    messageName: subscription.name,
    ...(subscription.correlationKey === undefined ? {} : { correlationKey: subscription.correlationKey }),
    ...(messageKey === undefined ? {} : { messageKey }),
    variables,
  });
  const owner = x.instance(subscription.elementInstanceKey);
  if (owner === undefined) return;
  route(x, owner, x.definition.nodes[subscription.elementId], variables);
}

/** Delivers a signal to every subscription of this instance that waits for it, in the order they were opened. */
export function deliverSignal(x: Execution, signalName: string, variables: Variables): number {
  const matching: SubscriptionState[] = [];
  for (const subscription of x.state.subscriptions.values()) {
    if (subscription.kind === 'signal' && subscription.name === signalName) matching.push(subscription);
  }
  let delivered = 0;
  for (const subscription of matching) {
    if (!x.state.subscriptions.has(subscription.subscriptionKey)) continue;
    const owner = x.instance(subscription.elementInstanceKey);
    if (owner === undefined) continue;
    delivered++;
    route(x, owner, x.definition.nodes[subscription.elementId], variables);
  }
  return delivered;
}

/** What happens when the event a catch element waits for occurs. */
export function route(x: Execution, owner: ElementInstance, catchNode: Node, variables: Variables): void {
  switch (catchNode.type) {
    case 'boundaryEvent':
      triggerBoundary(x, owner, catchNode, variables);
      return;
    case 'startEvent':
      triggerEventSubProcess(x, owner, catchNode, variables);
      return;
    default:
      if (owner.elementId === catchNode.id) {
        // The catch event or receive task itself waited.
        applyResult(x, owner.key, catchNode, variables);
        completeElement(x, owner.key);
      } else if (owner.elementType === 'eventBasedGateway') {
        eventBasedGateway.trigger(x, owner, catchNode, variables);
      }
  }
}

export function triggerBoundary(x: Execution, host: ElementInstance, boundary: Node, variables: Variables): void {
  const scopeKey = host.scopeKey as string;
  if (boundary.interrupting) terminateElement(x, host.key);
  activateNode(x, boundary, scopeKey, { triggered: variables });
}

/** Starts an event sub-process of `scope` by its start event; false if an interrupting one already took over. */
export function triggerEventSubProcess(x: Execution, scope: ElementInstance, start: Node, variables: Variables): boolean {
  const esp = x.definition.nodes[start.scopeId as string];
  if (start.interrupting) {
    if (scope.interrupted === true) return false;
    const scopeNode = x.nodeOf(scope);
    const starts = new Set(scopeNode.scope?.eventStartIds ?? []);
    closeCatches(x, scope.key, (elementId) => starts.has(elementId));
    terminateChildren(x, scope.key);
    if ((x.instance(scope.key)?.flows ?? 0) > 0) x.emit({ type: 'JoinTokensWithdrawn', scopeKey: scope.key });
  }
  const espKey = activateNode(x, esp, scope.key, start.interrupting ? { interrupting: true } : {});
  if (x.instance(espKey) !== undefined) activateNode(x, start, espKey, { triggered: variables });
  return true;
}

// ---------------------------------------------------------------------------------------
// Throwing

type CatchMatch = { kind: 'boundary'; host: ElementInstance; node: Node } | { kind: 'eventSubProcess'; scope: ElementInstance; node: Node };

function matches(node: Node, kind: 'error' | 'escalation', code: string): 0 | 1 | 2 {
  const trigger = node.trigger;
  if (trigger.kind !== kind) return 0;
  if (trigger.code === code) return 2;
  return trigger.code === null ? 1 : 0;
}

function best(x: Execution, ids: readonly string[], kind: 'error' | 'escalation', code: string): Node | undefined {
  let found: Node | undefined;
  let score = 0;
  for (const id of ids) {
    const node = x.definition.nodes[id];
    const s = matches(node, kind, code);
    if (s > score) {
      score = s;
      found = node;
    }
  }
  return found;
}

/** The nearest catch of an error or escalation thrown at `fromKey`. */
export function findCatch(x: Execution, fromKey: string, kind: 'error' | 'escalation', code: string): CatchMatch | undefined {
  let key: string | null = fromKey;
  let inside = false;
  while (key !== null) {
    const instance: ElementInstance | undefined = x.instance(key);
    if (instance === undefined) return undefined;
    const node = x.nodeOf(instance);
    const parent = instance.scopeKey === null ? undefined : x.instance(instance.scopeKey);
    const isInner = parent?.elementType === 'multiInstanceBody';
    if (inside && node.scope !== undefined && instance.elementType !== 'multiInstanceBody') {
      const start = best(x, node.scope.eventStartIds, kind, code);
      if (start !== undefined && !(start.interrupting && instance.interrupted === true)) {
        return { kind: 'eventSubProcess', scope: instance, node: start };
      }
    }
    if (!isInner && node.boundaryIds.length > 0) {
      const boundary = best(x, node.boundaryIds, kind, code);
      if (boundary !== undefined) return { kind: 'boundary', host: instance, node: boundary };
    }
    inside = true;
    key = instance.scopeKey;
  }
  return undefined;
}

export type ThrowOutcome = 'caught' | 'toCaller' | 'uncaught';

/** Throws a BPMN error from an element instance. */
export function throwError(x: Execution, fromKey: string, errorCode: string, errorMessage: string | undefined, variables: Variables): ThrowOutcome {
  const match = findCatch(x, fromKey, 'error', errorCode);
  if (match !== undefined) {
    if (match.kind === 'boundary') triggerBoundary(x, match.host, match.node, variables);
    else triggerEventSubProcess(x, match.scope, match.node, variables);
    return 'caught';
  }
  const parent = x.state.parent;
  if (parent !== undefined) {
    x.emit({
      type: 'ErrorThrownToCaller',
      elementInstanceKey: fromKey,
      errorCode,
      ...(errorMessage === undefined ? {} : { errorMessage }),
      variables,
      parent,
    });
    return 'toCaller';
  }
  return 'uncaught';
}

/** Throws an escalation; the thrower goes on unless an interrupting catch ended it. */
export function throwEscalation(x: Execution, fromKey: string, escalationCode: string): void {
  const match = findCatch(x, fromKey, 'escalation', escalationCode);
  if (match === undefined) {
    const parent = x.state.parent;
    x.emit(
      parent === undefined
        ? { type: 'EscalationNotCaught', elementInstanceKey: fromKey, escalationCode }
        : { type: 'EscalationThrownToCaller', elementInstanceKey: fromKey, escalationCode, parent },
    );
    return;
  }
  if (match.kind === 'boundary') triggerBoundary(x, match.host, match.node, {});
  else triggerEventSubProcess(x, match.scope, match.node, {});
}
