/**
 * The process itself: the root scope. It is created by CreateInstance (../decide.ts), not
 * activated by a flow; when its last token is gone the instance completes.
 */
import { closeOwned } from '../triggers';
import type { Behavior } from './types';

export const processScope: Behavior = {
  activate() {
    // The root is created by InstanceCreated; nothing activates it.
  },
  childrenDone(x, instance) {
    // Subscriptions and timers of the process's event sub-processes end with it.
    closeOwned(x, instance);
    const parent = x.state.parent;
    x.emit(
      parent === undefined
        ? { type: 'InstanceCompleted', instanceKey: instance.key }
        : { type: 'InstanceCompleted', instanceKey: instance.key, variables: { ...x.state.variables.get(instance.key) } },
    );
  },
};
