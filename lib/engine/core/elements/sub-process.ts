/**
 * Embedded sub-processes and event sub-processes. An embedded sub-process opens its event
 * sub-processes' subscriptions and starts at its none start event; an event sub-process is
 * activated by its trigger (../triggers.ts), which then activates its start event. Both
 * complete when their last token is gone.
 */
import { openEventSubProcesses } from '../triggers';
import { activateNode, completeElement } from '../tokens';
import type { Behavior } from './types';

export const subProcess: Behavior = {
  activate(x, instance, node) {
    openEventSubProcesses(x, instance, node);
    if (x.instance(instance.key) === undefined || node.eventSubProcess) return;
    const startId = node.scope?.noneStartId;
    if (startId !== undefined) activateNode(x, x.definition.nodes[startId], instance.key);
  },
  childrenDone(x, instance) {
    completeElement(x, instance.key);
  },
};
