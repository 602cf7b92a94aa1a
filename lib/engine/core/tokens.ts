/**
 * Token movement, shared by every element family: activate, complete, terminate, take flows,
 * join, and complete a scope when its last token is gone.
 *
 * Contract (the invariants live here)
 * - A token is always counted exactly once: as an active element instance (`children` of its
 *   scope) or as a taken flow not yet entered (`flows` of its scope: in the agenda, or waiting
 *   at a join). Every step that moves a token emits the events that move the count
 *   (ElementActivated with `flowId`/`joined`, ElementCompleted/Terminated, FlowTaken).
 * - A scope completes when it has no active child and no taken flow (`settle`); the process
 *   scope completing completes the instance.
 * - Element behaviours (./elements) decide *what* an element does; this module decides *how*
 *   tokens move. Behaviours call `completeElement` when their work is done.
 * - Parallel joins fire as soon as every incoming flow has a token. Inclusive joins are checked
 *   when the agenda is empty: they fire when no token of the scope can still reach one of
 *   their incoming flows that holds no token.
 */
import type { JsonValue } from '@/lib/bpmn/model';
import type { Flow, Node } from './definition';
import type { ElementInstanceType, Variables } from './events';
import type { Execution } from './execution';
import { behaviorOf } from './elements/registry';
import { multiInstance } from './elements/multi-instance';
import { compensation } from './elements/compensation';
import { closeOwned, openBoundaries } from './triggers';
import { joinKey, type ElementInstance } from './state';

export type ActivateOptions = {
  /** The flow whose token enters the element. */
  flowId?: string;
  /** Join gateways: the incoming flows whose tokens are consumed. */
  joined?: string[];
  /** The event already happened (boundary, event sub-process start, event gateway target): apply these variables and complete. */
  triggered?: Variables;
  /** Multi-instance inner instance. */
  loopCounter?: number;
  compensation?: { throwKey: string; activityInstanceKey: string };
  /** Local variables set on the new instance before its activation (a compensation handler: those of the compensated instance). */
  locals?: Variables;
  /** Event sub-processes that interrupt their scope. */
  interrupting?: boolean;
};

/** Activates `node` in the scope `scopeKey` and runs its behaviour; returns the new key. */
export function activateNode(x: Execution, node: Node, scopeKey: string, options: ActivateOptions = {}): string {
  const key = x.newKey();
  const isBody = node.mi !== undefined && options.loopCounter === undefined;
  x.emit({
    type: 'ElementActivated',
    elementInstanceKey: key,
    elementId: node.id,
    // Never the process: the root is created by InstanceCreated.
    elementType: (isBody ? 'multiInstanceBody' : node.type) as ElementInstanceType,
    scopeKey,
    ...(options.flowId === undefined ? {} : { flowId: options.flowId }),
    ...(options.joined === undefined ? {} : { joined: options.joined }),
    ...(options.loopCounter === undefined ? {} : { loopCounter: options.loopCounter }),
    ...(options.compensation === undefined ? {} : { compensation: options.compensation }),
    ...(options.interrupting === true ? { interrupting: true } : {}),
  });
  if (options.loopCounter !== undefined) multiInstance.initInner(x, key, node, options.loopCounter);
  if (options.locals !== undefined) x.setLocal(key, options.locals);
  runActivation(x, key, options.triggered);
  return key;
}

/**
 * The activation of an element instance after ElementActivated: input mappings, boundary
 * events, then the behaviour. Also what resolving an `activate` incident re-runs.
 */
export function runActivation(x: Execution, key: string, triggered?: Variables): void {
  const instance = x.instance(key);
  if (instance === undefined) return;
  const node = x.nodeOf(instance);
  if (instance.elementType === 'multiInstanceBody') {
    openBoundaries(x, instance, node);
    if (x.instance(key) !== undefined) multiInstance.activate(x, instance, node);
    return;
  }
  if (node.inputs.length > 0) {
    const inputs: Record<string, JsonValue> = {};
    for (const mapping of node.inputs) {
      const result = x.evaluate(mapping.source, key, inputs);
      if (!result.ok) {
        x.raiseIncident(instance, 'expression', `input mapping "${mapping.target}" of ${node.id} failed: ${result.reason}`, 'activate');
        return;
      }
      inputs[mapping.target] = result.value;
    }
    const problem = x.variablesProblem(inputs);
    if (problem !== null) {
      x.raiseIncident(instance, 'variables', `input mappings of ${node.id}: ${problem}`, 'activate');
      return;
    }
    x.setLocal(key, inputs);
  }
  if (node.boundaryIds.length > 0 && node.mi === undefined) {
    openBoundaries(x, instance, node);
    if (x.instance(key) === undefined) return;
  }
  if (triggered !== undefined) {
    applyResult(x, key, node, triggered);
    completeElement(x, key);
    return;
  }
  behaviorOf(instance.elementType).activate(x, instance, node);
}

/**
 * Variables an element received (job result, task form, message, call result): set locally
 * when the element has output mappings (they decide what leaves), else propagated outwards.
 */
export function applyResult(x: Execution, key: string, node: Node, variables: Variables): void {
  if (node.outputs.length > 0) {
    x.setLocal(key, variables);
    return;
  }
  const scopeKey = x.instance(key)?.scopeKey;
  if (scopeKey !== undefined && scopeKey !== null) x.setVariables(scopeKey, variables, key);
}

export type CompleteOptions = {
  /** The flows to take (gateways choose); default: the element's outgoing flows by their conditions. */
  flows?: readonly Flow[];
};

/** Completes an active element instance: output mappings, closing what it owns, ElementCompleted, then its flows. */
export function completeElement(x: Execution, key: string, options: CompleteOptions = {}): void {
  const instance = x.instance(key);
  if (instance === undefined) return;
  const node = x.nodeOf(instance);
  const scopeKey = instance.scopeKey as string;
  const scope = x.instance(scopeKey);
  const isBody = instance.elementType === 'multiInstanceBody';
  const isInner = scope !== undefined && scope.elementType === 'multiInstanceBody';

  if (!isBody && node.outputs.length > 0) {
    const outputs: Record<string, JsonValue> = {};
    for (const mapping of node.outputs) {
      const result = x.evaluate(mapping.source, key, outputs);
      if (!result.ok) {
        x.raiseIncident(instance, 'expression', `output mapping "${mapping.target}" of ${node.id} failed: ${result.reason}`, 'complete');
        return;
      }
      outputs[mapping.target] = result.value;
    }
    const problem = x.variablesProblem(outputs);
    if (problem !== null) {
      x.raiseIncident(instance, 'variables', `output mappings of ${node.id}: ${problem}`, 'complete');
      return;
    }
    x.setVariables(scopeKey, outputs, key);
  }
  if (isInner) {
    if (!multiInstance.beforeInnerCompleted(x, instance, node, scope)) return;
  } else if (isBody) {
    multiInstance.beforeBodyCompleted(x, instance, node);
  }

  let flows = options.flows;
  if (flows === undefined && !isInner && instance.compensationOf === undefined) {
    const chosen = outgoingFlows(x, node, key);
    if (chosen === null) {
      x.raiseIncident(
        instance,
        'noOutgoingFlow',
        `no outgoing flow of ${node.id} can be taken: no condition is true and there is no default flow`,
        'complete',
      );
      return;
    }
    flows = chosen;
  }

  closeOwned(x, instance);
  const compensable = node.compensationHandlerId !== undefined || (node.containsCompensable && (x.state.compensable.get(key)?.length ?? 0) > 0);
  x.emit(
    compensable
      ? { type: 'ElementCompleted', elementInstanceKey: key, elementId: node.id, scopeKey, compensable: true }
      : { type: 'ElementCompleted', elementInstanceKey: key, elementId: node.id, scopeKey },
  );

  if (isInner) {
    multiInstance.innerCompleted(x, scopeKey);
    return;
  }
  if (instance.compensationOf !== undefined) {
    compensation.handlerCompleted(x, instance.compensationOf, scopeKey);
    return;
  }
  if (flows === undefined || flows.length === 0) {
    x.schedule({ op: 'settle', scopeKey });
    return;
  }
  takeFlows(x, flows, key, scopeKey);
}

/**
 * The flows an activity or event leaves by: every flow without a condition and every flow
 * whose condition is true; if none, the default flow; null if there is nothing to take
 * although the element has outgoing flows.
 */
export function outgoingFlows(x: Execution, node: Node, key: string): readonly Flow[] | null {
  const outgoing = node.outgoing;
  if (outgoing.length === 0) return outgoing;
  let conditional = false;
  for (const flow of outgoing) {
    if (flow.condition !== undefined) {
      conditional = true;
      break;
    }
  }
  if (!conditional) {
    if (node.defaultFlow === undefined) return outgoing;
    return outgoing.filter((flow) => flow !== node.defaultFlow);
  }
  const taken: Flow[] = [];
  for (const flow of outgoing) {
    if (flow === node.defaultFlow) continue;
    if (flow.condition === undefined) taken.push(flow);
    else {
      const result = x.evaluate(flow.condition, key);
      if (result.ok && result.value === true) taken.push(flow);
    }
  }
  if (taken.length > 0) return taken;
  if (node.defaultFlow !== undefined) return [node.defaultFlow];
  return null;
}

/** Takes flows out of the element instance `sourceKey`: each token enters its target (or waits at a join). */
export function takeFlows(x: Execution, flows: readonly Flow[], sourceKey: string, scopeKey: string): void {
  for (const flow of flows) {
    const target = x.definition.nodes[flow.targetId];
    if (target.join) {
      x.emit({ type: 'FlowTaken', flowId: flow.id, scopeKey, sourceElementInstanceKey: sourceKey, targetId: flow.targetId, join: true });
      if (target.type === 'parallelGateway') x.schedule({ op: 'enter', elementId: target.id, scopeKey });
    } else {
      x.emit({ type: 'FlowTaken', flowId: flow.id, scopeKey, sourceElementInstanceKey: sourceKey, targetId: flow.targetId });
      x.schedule({ op: 'enter', elementId: flow.targetId, scopeKey, flowId: flow.id });
    }
  }
}

/** Terminates an element instance and everything inside it; withdraws its job, task, timers, subscriptions. */
export function terminateElement(x: Execution, key: string): void {
  const instance = x.instance(key);
  if (instance === undefined) return;
  terminateChildren(x, key);
  const node = x.nodeOf(instance);
  behaviorOf(instance.elementType).terminate?.(x, instance, node);
  closeOwned(x, instance);
  const scopeKey = instance.scopeKey as string;
  x.emit({ type: 'ElementTerminated', elementInstanceKey: key, elementId: instance.elementId, scopeKey });
  // A withdrawn compensation handler counts as done: its throw goes on with the next one.
  if (instance.compensationOf !== undefined) compensation.handlerCompleted(x, instance.compensationOf, scopeKey);
  else x.schedule({ op: 'settle', scopeKey });
}

/** Terminates every child of a scope (in the order they were activated). */
export function terminateChildren(x: Execution, scopeKey: string, except?: string): void {
  const scope = x.instance(scopeKey);
  if (scope === undefined || scope.children === 0) return;
  const children: string[] = [];
  for (const [key, instance] of x.state.elements) {
    if (key !== except && instance.scopeKey === scopeKey) children.push(key);
  }
  for (const child of children) terminateElement(x, child);
}

/** Children of a scope, in activation order. */
export function childrenOf(x: Execution, scopeKey: string): ElementInstance[] {
  const result: ElementInstance[] = [];
  for (const instance of x.state.elements.values()) {
    if (instance.scopeKey === scopeKey) result.push(instance);
  }
  return result;
}

/** Runs the agenda to quiescence: enters, joins, scope completions, then inclusive joins. */
export function runAgenda(x: Execution): void {
  const max = x.definition.limits.maxStepsPerDecide;
  for (;;) {
    let work = x.nextWork();
    while (work !== undefined) {
      if (++x.steps > max) {
        parkPending(x, work);
        return;
      }
      perform(x, work);
      work = x.nextWork();
    }
    if (!fireInclusiveJoins(x)) return;
  }
}

function perform(x: Execution, work: import('./execution').Work): void {
  switch (work.op) {
    case 'enter': {
      const scope = x.instance(work.scopeKey);
      if (scope === undefined) return;
      const node = x.definition.nodes[work.elementId];
      if (node.join) {
        if (node.type === 'parallelGateway') fireParallelJoin(x, node, work.scopeKey);
        return;
      }
      activateNode(x, node, work.scopeKey, work.flowId === undefined ? {} : { flowId: work.flowId });
      return;
    }
    case 'settle':
      settle(x, work.scopeKey);
      return;
  }
}

/** A scope with no active child and no taken flow is done: its behaviour completes it. */
export function settle(x: Execution, scopeKey: string): void {
  const scope = x.instance(scopeKey);
  if (scope === undefined) return;
  const behavior = behaviorOf(scope.elementType);
  if (behavior.settle !== undefined) {
    behavior.settle(x, scope, x.nodeOf(scope));
    return;
  }
  if (scope.children === 0 && scope.flows === 0) behavior.childrenDone?.(x, scope, x.nodeOf(scope));
}

function fireParallelJoin(x: Execution, node: Node, scopeKey: string): void {
  const tokens = x.state.joins.get(joinKey(scopeKey, node.id));
  if (tokens === undefined) return;
  for (const flow of node.incoming) if (!(tokens[flow.id] > 0)) return;
  activateNode(x, node, scopeKey, { joined: node.incoming.map((flow) => flow.id) });
}

/** Fires every inclusive join that is ready (see `inclusiveJoinReady`); true if one fired. */
function fireInclusiveJoins(x: Execution): boolean {
  for (const [key, tokens] of x.state.joins) {
    const split = key.lastIndexOf(' ');
    const scopeKey = key.slice(0, split);
    const node = x.definition.nodes[key.slice(split + 1)];
    if (node === undefined || node.type !== 'inclusiveGateway' || node.upstreamByFlow === undefined) continue;
    if (x.instance(scopeKey) === undefined) continue;
    if (!inclusiveJoinReady(x, node, scopeKey, tokens)) continue;
    const joined = node.incoming.filter((flow) => tokens[flow.id] > 0).map((flow) => flow.id);
    if (joined.length === 0) continue;
    activateNode(x, node, scopeKey, { joined });
    return true;
  }
  return false;
}

/**
 * BPMN's inclusive join (and Zeebe's `hasActivePathToTheGateway`): it fires when some incoming
 * flow holds a token and no token of the scope — an active element, or a token waiting at
 * another join — can still reach an incoming flow that holds none. A token that can only
 * reach flows already holding one is not waited for: it fires the join again later.
 */
function inclusiveJoinReady(x: Execution, node: Node, scopeKey: string, tokens: Readonly<Record<string, number>>): boolean {
  const byFlow = node.upstreamByFlow as Readonly<Record<string, ReadonlySet<string>>>;
  let live: string[] | undefined;
  for (const flow of node.incoming) {
    if (tokens[flow.id] > 0) continue;
    if (live === undefined) live = liveElementsOf(x, scopeKey, node.id);
    const upstream = byFlow[flow.id];
    for (const elementId of live) if (upstream.has(elementId)) return false;
  }
  return true;
}

/** Where the tokens of a scope are: its active elements and the joins (other than `exceptJoin`) they wait at. */
function liveElementsOf(x: Execution, scopeKey: string, exceptJoin: string): string[] {
  const live: string[] = [];
  for (const instance of x.state.elements.values()) if (instance.scopeKey === scopeKey) live.push(instance.elementId);
  const prefix = `${scopeKey} `;
  for (const key of x.state.joins.keys()) {
    if (!key.startsWith(prefix)) continue;
    const gatewayId = key.slice(prefix.length);
    if (gatewayId !== exceptJoin) live.push(gatewayId);
  }
  return live;
}

/**
 * The step limit was reached (a loop without a wait state): every token still on the agenda
 * enters its element, which stops there with an incident; resolving it goes on.
 */
function parkPending(x: Execution, current: import('./execution').Work): void {
  for (const work of [current, ...x.drainPending()]) {
    if (work.op !== 'enter' || x.instance(work.scopeKey) === undefined) continue;
    const node = x.definition.nodes[work.elementId];
    if (node.join) continue;
    const key = x.newKey();
    x.emit({
      type: 'ElementActivated',
      elementInstanceKey: key,
      elementId: node.id,
      elementType: (node.mi !== undefined ? 'multiInstanceBody' : node.type) as ElementInstanceType,
      scopeKey: work.scopeKey,
      ...(work.flowId === undefined ? {} : { flowId: work.flowId }),
    });
    x.raiseIncident(
      x.instance(key) as ElementInstance,
      'tooManySteps',
      `more than ${x.definition.limits.maxStepsPerDecide} steps without a wait state (a loop?): the token stopped at ${node.id}`,
      'activate',
    );
  }
}
