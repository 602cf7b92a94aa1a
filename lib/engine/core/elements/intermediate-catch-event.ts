/**
 * Intermediate catch events: timer, message and signal catches wait (a timer or subscription
 * owned by the event; ../triggers.ts `route` completes it); a link catch is where a link throw
 * jumps to and passes the token on.
 */
import { completeElement } from '../tokens';
import { openCatch } from '../triggers';
import type { Behavior } from './types';

export const intermediateCatchEvent: Behavior = {
  activate(x, instance, node) {
    switch (node.trigger.kind) {
      case 'timer':
      case 'message':
      case 'signal':
        openCatch(x, instance, node, true);
        return;
      default:
        completeElement(x, instance.key);
    }
  },
};
