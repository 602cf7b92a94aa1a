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
import { cancelJobsOf, hasOpenJob, openJob } from './jobs';
import type { Behavior } from './types';

export const adHocSubProcess: Behavior = {
  activate(x, instance, node) {
    openEventSubProcesses(x, instance, node);
    if (node.job !== undefined) openJob(x, instance, node.id, node.job);
  },
  settle(x, instance, node) {
    const idle = instance.children === 0 && instance.flows === 0;
    const condition = node.adHoc?.completionCondition;
    if (condition === undefined) {
      if (idle && !hasOpenJob(x, instance)) completeElement(x, instance.key);
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
    cancelJobsOf(x, instance);
    completeElement(x, instance.key);
  },
  terminate(x, instance) {
    cancelJobsOf(x, instance);
  },
};
