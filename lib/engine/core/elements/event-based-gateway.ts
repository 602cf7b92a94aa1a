/**
 * Event-based gateways: open a subscription or timer for every catch event (or receive task)
 * after the gateway, owned by the gateway. The first to happen wins: the gateway completes,
 * closing all the others, and the token enters the winning catch event, which completes at
 * once with the event's variables.
 */
import type { Node } from '../definition';
import type { Variables } from '../events';
import type { Execution } from '../execution';
import type { ElementInstance } from '../state';
import { activateNode, completeElement } from '../tokens';
import { openCatch } from '../triggers';
import type { Behavior } from './types';

export const eventBasedGateway: Behavior & {
  trigger(x: Execution, gateway: ElementInstance, catchNode: Node, variables: Variables): void;
} = {
  activate(x, instance, node) {
    for (const flow of node.outgoing) {
      if (x.instance(instance.key) === undefined) return;
      const target = x.definition.nodes[flow.targetId];
      const trigger = target.type === 'receiveTask' && target.message !== undefined ? { kind: 'message' as const, ...target.message } : target.trigger;
      if (!openCatch(x, instance, target, true, trigger)) return;
    }
  },
  trigger(x, gateway, catchNode, variables) {
    const flow = x.nodeOf(gateway).outgoing.find((f) => f.targetId === catchNode.id);
    if (flow === undefined) return;
    const scopeKey = gateway.scopeKey as string;
    completeElement(x, gateway.key, { flows: [] });
    x.emit({ type: 'FlowTaken', flowId: flow.id, scopeKey, sourceElementInstanceKey: gateway.key, targetId: catchNode.id });
    activateNode(x, catchNode, scopeKey, { flowId: flow.id, triggered: variables });
  },
};
