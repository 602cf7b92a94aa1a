/**
 * Service, send and business rule tasks, and agent tasks (a service task with agent settings,
 * job type `agent`): the task creates a job of its type and waits for CompleteJob, FailJob or
 * ThrowJobError (../decide.ts). A send task without a job publishes its message and goes on.
 */
import { completeElement } from '../tokens';
import { cancelJobsOf, openJob } from './jobs';
import type { Behavior } from './types';

export const jobTask: Behavior = {
  activate(x, instance, node) {
    if (node.job !== undefined) {
      openJob(x, instance, node.id, node.job);
      return;
    }
    if (node.message !== undefined) {
      const name = x.evaluate(node.message.messageName, instance.key);
      if (!name.ok || typeof name.value !== 'string') {
        x.raiseIncident(instance, 'expression', `the message name of ${node.id} is not a string`, 'activate');
        return;
      }
      x.emit({ type: 'MessagePublished', elementInstanceKey: instance.key, messageName: name.value, variables: x.variablesCopy(instance.key) });
    }
    completeElement(x, instance.key);
  },
  terminate(x, instance) {
    cancelJobsOf(x, instance);
  },
};
