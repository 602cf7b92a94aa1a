/**
 * Service, send and business rule tasks, and agent tasks (a service task with agent settings,
 * job type `agent`): the task creates a job of its type and waits for CompleteJob, FailJob or
 * ThrowJobError (../decide.ts). A send task without a job publishes its message and goes on.
 */
import { completeElement } from '../tokens';
import type { Behavior } from './types';

export const jobTask: Behavior = {
  activate(x, instance, node) {
    const job = node.job;
    if (job !== undefined) {
      x.emit({
        type: 'JobCreated',
        jobKey: x.newKey(),
        elementInstanceKey: instance.key,
        elementId: node.id,
        jobType: job.type,
        retries: job.retries,
        variables: x.variablesCopy(instance.key),
        settings: job.settings,
      });
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
    for (const [jobKey, job] of x.state.jobs) {
      if (job.elementInstanceKey === instance.key) {
        x.emit({ type: 'JobCancelled', jobKey, elementInstanceKey: instance.key });
      }
    }
  },
};
