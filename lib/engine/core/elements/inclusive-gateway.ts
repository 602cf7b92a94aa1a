/**
 * Inclusive gateways: fork to every outgoing flow whose condition is true (a flow without one
 * counts as true), else to the default flow, else an incident. The join — wait while a token
 * of the scope can still reach an incoming flow that holds none, per BPMN — is in
 * ../tokens.ts (`fireInclusiveJoins`).
 */
import type { Flow } from '../definition';
import { completeElement } from '../tokens';
import type { Behavior } from './types';

export const inclusiveGateway: Behavior = {
  activate(x, instance, node) {
    const taken: Flow[] = [];
    for (const flow of node.outgoing) {
      if (flow === node.defaultFlow) continue;
      if (flow.condition === undefined) {
        taken.push(flow);
        continue;
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
      if (result.value) taken.push(flow);
    }
    if (taken.length === 0 && node.defaultFlow !== undefined) taken.push(node.defaultFlow);
    if (taken.length === 0) {
      x.raiseIncident(instance, 'noOutgoingFlow', `no condition of ${node.id} is true and it has no default flow`, 'activate');
      return;
    }
    completeElement(x, instance.key, { flows: taken });
  },
};
