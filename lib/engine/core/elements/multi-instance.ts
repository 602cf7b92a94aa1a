/**
 * Multi-instance activities (parallel and sequential, on any activity). The activity's token
 * activates a body (`multiInstanceBody`, which owns the boundary events); the body evaluates
 * the collection or cardinality once (MultiInstanceStarted) and runs inner instances of the
 * activity — all at once, or one after the other. Each inner instance has the local
 * variables `loopCounter` and the element variable; its output element is written into the
 * body's output collection at its index. After each inner completion the completion condition
 * is evaluated (with numberOfInstances / numberOfCompletedInstances / numberOfActiveInstances,
 * and Camunda 7's nrOf... names); true terminates the rest. When the body completes, the
 * output collection is propagated outwards and the activity's flows are taken.
 */
import type { JsonValue } from '@/lib/bpmn/model';
import type { Node } from '../definition';
import type { Execution } from '../execution';
import type { ElementInstance } from '../state';
import { activateNode, completeElement, terminateChildren } from '../tokens';
import type { Behavior } from './types';

function fail(x: Execution, instance: ElementInstance, node: Node, what: string, reason: string, retry: 'activate' | 'complete'): void {
  x.raiseIncident(instance, 'expression', `the ${what} of multi-instance ${node.id} ${reason}`, retry);
}

function counts(body: ElementInstance): Record<string, JsonValue> {
  const total = body.total ?? 0;
  const completed = body.completed ?? 0;
  const active = body.children;
  return {
    numberOfInstances: total,
    numberOfCompletedInstances: completed,
    numberOfActiveInstances: active,
    nrOfInstances: total,
    nrOfCompletedInstances: completed,
    nrOfActiveInstances: active,
  };
}

export const multiInstance = {
  /** The body is active (boundaries open): evaluate the input and start inner instances. */
  activate(x: Execution, body: ElementInstance, node: Node): void {
    const mi = node.mi;
    if (mi === undefined) return;
    let items: JsonValue[] | undefined;
    let total: number;
    if (mi.collection !== undefined) {
      const result = x.evaluate(mi.collection, body.key);
      if (!result.ok) return fail(x, body, node, 'input collection', `cannot be evaluated: ${result.reason}`, 'activate');
      if (!Array.isArray(result.value)) {
        return fail(x, body, node, 'input collection', `must be a list, but it is ${JSON.stringify(result.value)}`, 'activate');
      }
      items = result.value;
      total = items.length;
    } else {
      const result = x.evaluate(mi.cardinality as NonNullable<typeof mi.cardinality>, body.key);
      const value = result.ok ? (typeof result.value === 'string' ? Number(result.value) : result.value) : undefined;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        return fail(x, body, node, 'loop cardinality', result.ok ? `must be a whole number, but it is ${JSON.stringify(result.value)}` : `cannot be evaluated: ${result.reason}`, 'activate');
      }
      total = value;
    }
    x.emit({ type: 'MultiInstanceStarted', elementInstanceKey: body.key, total, ...(items === undefined ? {} : { items }) });
    if (mi.outputCollection !== undefined) x.setLocal(body.key, { [mi.outputCollection]: new Array<JsonValue>(total).fill(null) });
    if (total === 0) {
      completeElement(x, body.key);
      return;
    }
    const first = mi.sequential ? 1 : total;
    for (let i = 1; i <= first; i++) {
      if (x.instance(body.key) === undefined) return;
      activateNode(x, node, body.key, { loopCounter: i });
    }
  },

  /** Local variables of an inner instance, set right after its ElementActivated. */
  initInner(x: Execution, innerKey: string, node: Node, loopCounter: number): void {
    const inner = x.instance(innerKey);
    const body = inner === undefined ? undefined : x.instance(inner.scopeKey as string);
    const variables: Record<string, JsonValue> = { loopCounter };
    if (node.mi?.elementVariable !== undefined) variables[node.mi.elementVariable] = body?.items?.[loopCounter - 1] ?? null;
    x.setLocal(innerKey, variables);
  },

  /** Before an inner instance completes: its output element goes into the output collection. */
  beforeInnerCompleted(x: Execution, inner: ElementInstance, node: Node, body: ElementInstance): boolean {
    const mi = node.mi;
    if (mi?.outputCollection === undefined || mi.outputElement === undefined) return true;
    const result = x.evaluate(mi.outputElement, inner.key);
    if (!result.ok) {
      fail(x, inner, node, 'output element', `cannot be evaluated: ${result.reason}`, 'complete');
      return false;
    }
    const current = x.state.variables.get(body.key)?.[mi.outputCollection];
    const collection = Array.isArray(current) ? [...current] : [];
    collection[(inner.loopCounter ?? 1) - 1] = result.value;
    x.setLocal(body.key, { [mi.outputCollection]: collection });
    return true;
  },

  /** An inner instance completed: the completion condition, the next instance, or the end. */
  innerCompleted(x: Execution, bodyKey: string): void {
    const body = x.instance(bodyKey);
    if (body === undefined) return;
    const node = x.nodeOf(body);
    const mi = node.mi;
    if (mi === undefined) return;
    if (mi.completionCondition !== undefined) {
      const result = x.evaluate(mi.completionCondition, bodyKey, counts(body));
      if (!result.ok || typeof result.value !== 'boolean') {
        fail(x, body, node, 'completion condition', result.ok ? `must be true or false, but it is ${JSON.stringify(result.value)}` : `cannot be evaluated: ${result.reason}`, 'complete');
        return;
      }
      if (result.value) {
        terminateChildren(x, bodyKey);
        completeElement(x, bodyKey);
        return;
      }
    }
    // Done when every inner instance was started and none runs any more (each completed, or
    // was terminated by modification). Sequential: start the next one. Parallel: the
    // activation loop in `activate` is still starting them.
    if (body.children > 0) return;
    const started = body.loopCounter ?? 0;
    if (started < (body.total ?? 0)) {
      if (mi.sequential) activateNode(x, node, bodyKey, { loopCounter: started + 1 });
      return;
    }
    completeElement(x, bodyKey);
  },

  /** The body completes: the output collection leaves it. */
  beforeBodyCompleted(x: Execution, body: ElementInstance, node: Node): void {
    const name = node.mi?.outputCollection;
    if (name === undefined) return;
    const value = x.state.variables.get(body.key)?.[name] ?? null;
    x.setVariables(body.scopeKey as string, { [name]: value }, body.key);
  },
};

/**
 * The body as an element behaviour: activation is `multiInstance.activate` (../tokens.ts);
 * inner completions drive it (`innerCompleted`). An inner instance withdrawn by modification
 * leaves the body to the others; withdrawing the last one terminates the body (../decide.ts).
 */
export const multiInstanceBody: Behavior = {
  activate(x, instance, node) {
    multiInstance.activate(x, instance, node);
  },
};
