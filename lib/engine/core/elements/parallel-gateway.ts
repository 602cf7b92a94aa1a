/**
 * Parallel gateways: fork to every outgoing flow (conditions are ignored). The join — wait
 * for a token on every incoming flow — happens in ../tokens.ts before the gateway is
 * activated (`join` nodes), so an activated parallel gateway always just forks.
 */
import { completeElement } from '../tokens';
import type { Behavior } from './types';

export const parallelGateway: Behavior = {
  activate(x, instance, node) {
    completeElement(x, instance.key, { flows: node.outgoing });
  },
};
