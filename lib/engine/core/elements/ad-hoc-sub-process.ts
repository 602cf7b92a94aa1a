/**
 * Ad-hoc sub-processes: nothing starts by itself; ActivateAdHocElements (../decide.ts)
 * activates inner activities, whose flows then run inside. Whenever an inner path ends, the
 * completion condition is evaluated: true completes the sub-process (terminating what still
 * runs when `cancelRemainingInstances`, the default); without a condition it completes when
 * nothing runs any more.
 *
 * With an agent (Baton's agent settings on the sub-process) a job of type `agent` opens when
 * the sub-process starts: the agent activates inner activities by command and completes the
 * job when it is done, which completes the sub-process. While that job is open, an idle
 * sub-process without a condition waits for the agent; a condition that becomes true completes
 * it and cancels the job.
 */
import { completeElement, terminateChildren } from '../tokens';
import { openEventSubProcesses } from '../triggers';
import type { Execution } from '../execution';
import type { ElementInstance } from '../state';
import type { Behavior } from './types';

function cancelJobs(x: Execution, instance: ElementInstance): void {
  for (const [jobKey, job] of x.state.jobs) {
    if (job.elementInstanceKey === instance.key) x.emit({ type: 'JobCancelled', jobKey, elementInstanceKey: instance.key });
  }
}

function hasJob(x: Execution, instance: ElementInstance): boolean {
  for (const job of x.state.jobs.values()) if (job.elementInstanceKey === instance.key) return true;
  return false;
}

export const adHocSubProcess: Behavior = {
  activate(x, instance, node) {
    openEventSubProcesses(x, instance, node);
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
    }
  },
  settle(x, instance, node) {
    const idle = instance.children === 0 && instance.flows === 0;
    const condition = node.adHoc?.completionCondition;
    if (condition === undefined) {
      if (idle && !hasJob(x, instance)) completeElement(x, instance.key);
      return;
    }
    const result = x.evaluate(condition, instance.key);
    if (!result.ok || typeof result.value !== 'boolean') {
      x.raiseIncident(
        instance,
        'expression',
        `the completion condition of ${node.id} must be true or false, but ${result.ok ? `it gave ${JSON.stringify(result.value)}` : result.reason}`,
        'complete',
      );
      return;
    }
    if (!result.value) return;
    if (!idle) {
      if (node.adHoc?.cancelRemaining === false) return;
      terminateChildren(x, instance.key);
      if ((x.instance(instance.key)?.flows ?? 0) > 0) x.emit({ type: 'JoinTokensWithdrawn', scopeKey: instance.key });
    }
    cancelJobs(x, instance);
    completeElement(x, instance.key);
  },
  terminate(x, instance) {
    cancelJobs(x, instance);
  },
};
