/**
 * Throw behaviour shared by intermediate throw events and end events: message, signal,
 * escalation, error and compensation; plus link throws and terminate ends.
 *
 * - message: MessagePublished (the runtime publishes it), then go on.
 * - signal: SignalBroadcast for the runtime, and delivered at once to this instance's own
 *   subscriptions; then go on (if a catch did not end the thrower). Its variables are the
 *   throw event's local variables (its input mappings), none without mappings (Zeebe's rule).
 * - escalation: to the nearest catch; go on unless an interrupting catch ended the thrower.
 * - error (end events): to the nearest catch, else to the caller, else an incident.
 * - compensation: run the handlers (./compensation.ts); the thrower goes on when they are done.
 * - link: jump to the link catch of the same name in the scope.
 * - terminate: end every other token of the scope; the scope then completes.
 */
import type { Node } from '../definition';
import type { Execution } from '../execution';
import type { ElementInstance } from '../state';
import { activateNode, completeElement, terminateChildren } from '../tokens';
import { deliverSignal, throwError, throwEscalation } from '../triggers';
import { compensation } from './compensation';
import type { Behavior } from './types';

function throwAndGoOn(x: Execution, instance: ElementInstance, node: Node): void {
  const trigger = node.trigger;
  switch (trigger.kind) {
    case 'none':
      break;
    case 'message': {
      const name = x.evaluate(trigger.messageName, instance.key);
      if (!name.ok || typeof name.value !== 'string') {
        x.raiseIncident(instance, 'expression', `the message name of ${node.id} is not a string`, 'activate');
        return;
      }
      let correlationKey: string | undefined;
      if (trigger.correlationKey !== undefined) {
        const key = x.evaluate(trigger.correlationKey, instance.key);
        if (key.ok && (typeof key.value === 'string' || typeof key.value === 'number')) correlationKey = String(key.value);
      }
      x.emit({
        type: 'MessagePublished',
        elementInstanceKey: instance.key,
        messageName: name.value,
        ...(correlationKey === undefined ? {} : { correlationKey }),
        variables: x.variablesCopy(instance.key),
      });
      break;
    }
    case 'signal': {
      // As in Zeebe, the signal carries the throw event's local variables: its input mappings.
      const local = node.inputs.length > 0 ? x.state.variables.get(instance.key) : undefined;
      const variables = local === undefined ? {} : { ...local };
      x.emit({ type: 'SignalBroadcast', elementInstanceKey: instance.key, signalName: trigger.signalName, variables });
      deliverSignal(x, trigger.signalName, { ...variables });
      break;
    }
    case 'escalation':
      throwEscalation(x, instance.key, trigger.code ?? node.id);
      break;
    case 'error': {
      const outcome = throwError(x, instance.key, trigger.code ?? node.id, undefined, {});
      if (outcome === 'uncaught' && x.instance(instance.key) !== undefined) {
        x.raiseIncident(instance, 'unhandledError', `error "${trigger.code}" thrown by ${node.id} is not caught`, 'activate');
      }
      return;
    }
    case 'compensate':
      compensation.start(x, instance, trigger.activityId, trigger.waitForCompletion);
      return;
    case 'link': {
      const scope = x.instance(instance.scopeKey as string);
      const catchId = scope === undefined ? undefined : x.nodeOf(scope).scope?.linkCatch[trigger.linkName];
      completeElement(x, instance.key, { flows: [] });
      if (catchId !== undefined && scope !== undefined && x.instance(scope.key) !== undefined) {
        activateNode(x, x.definition.nodes[catchId], scope.key);
      }
      return;
    }
    case 'terminate': {
      const scopeKey = instance.scopeKey as string;
      terminateChildren(x, scopeKey, instance.key);
      if ((x.instance(scopeKey)?.flows ?? 0) > 0) x.emit({ type: 'JoinTokensWithdrawn', scopeKey });
      break;
    }
    default:
      break;
  }
  if (x.instance(instance.key) !== undefined) completeElement(x, instance.key);
}

export const intermediateThrowEvent: Behavior = { activate: throwAndGoOn };
export const endEvent: Behavior = { activate: throwAndGoOn };
