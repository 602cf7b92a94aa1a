/**
 * Start events (none, message, timer, signal; in processes, sub-processes and event
 * sub-processes). The event already happened when the start is activated: the trigger's
 * variables were set by whoever started the scope, so the start completes at once.
 */
import { completeElement } from '../tokens';
import type { Behavior } from './types';

export const startEvent: Behavior = {
  activate(x, instance) {
    completeElement(x, instance.key);
  },
};
