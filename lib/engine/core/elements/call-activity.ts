/**
 * Call activities: ask the runtime to start a process by its id, the latest version or a
 * pinned one (CallActivityRequested, with the variables visible to the call activity). The
 * child's end comes back as CompleteCallActivity; an error it did not catch as
 * ThrowCallError. Terminating the call activity asks the runtime to cancel the child.
 */
import type { Behavior } from './types';

export const callActivity: Behavior = {
  activate(x, instance, node) {
    const call = node.call;
    if (call === undefined) return;
    const processId = x.evaluate(call.processId, instance.key);
    if (!processId.ok || typeof processId.value !== 'string' || processId.value === '') {
      x.raiseIncident(
        instance,
        'calledProcess',
        `the process to call from ${node.id} cannot be computed: ${processId.ok ? `it gave ${JSON.stringify(processId.value)}` : processId.reason}`,
        'activate',
      );
      return;
    }
    x.emit({
      type: 'CallActivityRequested',
      callKey: x.newKey(),
      elementInstanceKey: instance.key,
      elementId: node.id,
      processId: processId.value,
      version: call.version,
      variables: x.variablesCopy(instance.key),
    });
  },
  terminate(x, instance) {
    for (const [callKey, call] of x.state.calls) {
      if (call.elementInstanceKey === instance.key) {
        x.emit({ type: 'CallActivityCancelled', callKey, elementInstanceKey: instance.key });
      }
    }
  },
};
