/**
 * Plain tasks and manual tasks: nothing to do, the token passes on.
 */
import { completeElement } from '../tokens';
import type { Behavior } from './types';

export const passThroughTask: Behavior = {
  activate(x, instance) {
    completeElement(x, instance.key);
  },
};
