/**
 * Exclusive gateways: the first outgoing flow (in model order) whose condition is true, else
 * the default flow, else an incident. As a merge it passes every token on. A condition that
 * fails or is not a boolean is an incident (as in Zeebe); resolving it decides again.
 */
import type { Flow } from '../definition';
import { completeElement } from '../tokens';
import type { Behavior } from './types';

export const exclusiveGateway: Behavior = {
  activate(x, instance, node) {
    const outgoing = node.outgoing;
    if (outgoing.length === 1 && outgoing[0].condition === undefined) {
      completeElement(x, instance.key, { flows: outgoing });
      return;
    }
    let chosen: Flow | undefined;
    for (const flow of outgoing) {
      if (flow === node.defaultFlow) continue;
      if (flow.condition === undefined) {
        chosen = flow;
        break;
      }
      const result = x.evaluate(flow.condition, instance.key);
      if (!result.ok || typeof result.value !== 'boolean') {
        x.raiseIncident(
          instance,
          'expression',
          `the condition of flow ${flow.id} must be true or false, but ${result.ok ? `it gave ${JSON.stringify(result.value)}` : result.reason}`,
          'activate',
        );
        return;
      }
      if (result.value) {
        chosen = flow;
        break;
      }
    }
    chosen ??= node.defaultFlow;
    if (chosen === undefined) {
      x.raiseIncident(instance, 'noOutgoingFlow', `no condition of ${node.id} is true and it has no default flow`, 'activate');
      return;
    }
    completeElement(x, instance.key, { flows: [chosen] });
  },
};
