/**
 * Boundary events. Their timers and subscriptions are opened with the host
 * (../triggers.ts `openBoundaries`); errors and escalations find them by propagation. When one
 * occurs, `triggerBoundary` terminates the host if it interrupts and activates the boundary
 * event already triggered, which completes at once and leaves by its flows. Activated any
 * other way (instance modification), it just passes the token on.
 */
import { completeElement } from '../tokens';
import type { Behavior } from './types';

export const boundaryEvent: Behavior = {
  activate(x, instance) {
    completeElement(x, instance.key);
  },
};
