/**
 * Compensation. An activity with a compensation boundary event (its handler is the activity
 * associated to it) is recorded in its scope when it completes (ElementCompleted
 * `compensable`); so is a sub-process with such activities inside, and so is each completed
 * inner instance of a multi-instance activity (in the body's scope).
 *
 * A compensation throw (intermediate or end) compensates the completed activities of its
 * scope — the scope of the event sub-process when thrown from one — in reverse order of
 * completion, or only those of the named activity. A recorded sub-process without a handler
 * of its own is compensated by compensating its recorded activities, in reverse order (a
 * handler of its own replaces that, as BPMN's explicit vs implicit handler). A completed
 * multi-instance activity is compensated once per completed inner instance, in reverse order
 * of their completion (BPMN 2.0 §13.5.5; Zeebe instead invokes the handler once for the whole
 * activity). A handler starts with the local variables the compensated instance had when it
 * completed (for a multi-instance inner instance: `loopCounter` and the element variable).
 * The handlers run one after the other, in the throw's scope; the throw waits for the last
 * one (with `waitForCompletion="false"` they all start at once and the throw goes on).
 * Each record is compensated at most once.
 */
import type { Variables } from '../events';
import type { Execution } from '../execution';
import type { CompensableRecord, CompensationHandlerItem, ElementInstance } from '../state';
import { activateNode, completeElement } from '../tokens';

/**
 * The handlers for the records of a scope, latest completion first. `inBody`: the scope is a
 * multi-instance body, whose records are its inner instances (elsewhere a record of a
 * multi-instance activity is its body).
 */
function handlersFor(x: Execution, scopeKey: string, activityId: string | undefined, into: CompensationHandlerItem[], inBody = false): void {
  const records = x.state.compensable.get(scopeKey) ?? [];
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i];
    if (activityId !== undefined && record.elementId !== activityId) continue;
    const node = x.definition.nodes[record.elementId];
    if (node.mi !== undefined && !inBody) {
      handlersFor(x, record.elementInstanceKey, undefined, into, true);
    } else if (node.compensationHandlerId !== undefined) {
      into.push({ handlerId: node.compensationHandlerId, activityId: node.id, activityInstanceKey: record.elementInstanceKey });
    } else {
      handlersFor(x, record.elementInstanceKey, undefined, into);
    }
  }
}

/**
 * The local variables the compensated instance had when it completed, over those of the
 * completed scopes around it (a multi-instance inner instance, a sub-process): BPMN's
 * "snapshot data". Its record is still there until its handler starts.
 */
function localsOf(x: Execution, activityInstanceKey: string): Variables | undefined {
  const chain: Readonly<Variables>[] = [];
  let key: string | undefined = activityInstanceKey;
  while (key !== undefined) {
    const found = recordOf(x, key);
    if (found === undefined) break;
    if (found.record.variables !== undefined) chain.push(found.record.variables);
    key = found.scopeKey;
  }
  if (chain.length === 0) return undefined;
  const locals: Variables = {};
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(locals, chain[i]);
  return locals;
}

function recordOf(x: Execution, elementInstanceKey: string): { scopeKey: string; record: CompensableRecord } | undefined {
  for (const [scopeKey, records] of x.state.compensable) {
    for (const record of records) if (record.elementInstanceKey === elementInstanceKey) return { scopeKey, record };
  }
  return undefined;
}

function activateNext(x: Execution, thrower: ElementInstance, item: CompensationHandlerItem): void {
  const locals = localsOf(x, item.activityInstanceKey);
  activateNode(x, x.definition.nodes[item.handlerId], thrower.scopeKey as string, {
    compensation: { throwKey: thrower.key, activityInstanceKey: item.activityInstanceKey },
    ...(locals === undefined ? {} : { locals }),
  });
}

export const compensation = {
  start(x: Execution, thrower: ElementInstance, activityId: string | undefined, waitForCompletion = true): void {
    let scopeKey = thrower.scopeKey as string;
    const scope = x.instance(scopeKey);
    if (scope !== undefined && x.nodeOf(scope).eventSubProcess && scope.scopeKey !== null) scopeKey = scope.scopeKey;
    const handlers: CompensationHandlerItem[] = [];
    handlersFor(x, scopeKey, activityId, handlers);
    if (handlers.length === 0) {
      completeElement(x, thrower.key);
      return;
    }
    x.emit({ type: 'CompensationStarted', elementInstanceKey: thrower.key, handlers });
    if (waitForCompletion) {
      activateNext(x, thrower, handlers[0]);
      return;
    }
    // waitForCompletion="false": every handler starts now (in reverse order of completion)
    // and the throw goes on at once.
    for (const item of handlers) if (x.instance(thrower.key) !== undefined) activateNext(x, thrower, item);
    completeElement(x, thrower.key);
  },

  /** A handler of the throw `throwKey` completed: run the next, or let the throw go on. */
  handlerCompleted(x: Execution, throwKey: string, scopeKey: string): void {
    const thrower = x.instance(throwKey);
    if (thrower === undefined) {
      x.schedule({ op: 'settle', scopeKey });
      return;
    }
    const queue = x.state.compensations.get(throwKey) ?? [];
    if (queue.length > 0) activateNext(x, thrower, queue[0]);
    else completeElement(x, throwKey);
  },
};
