/**
 * Receive tasks: wait for their message (a subscription owned by the task); the message's
 * variables are the task's result.
 */
import { openCatch } from '../triggers';
import type { Behavior } from './types';

export const receiveTask: Behavior = {
  activate(x, instance, node) {
    if (node.message === undefined) return;
    openCatch(x, instance, node, true, { kind: 'message', ...node.message });
  },
};
