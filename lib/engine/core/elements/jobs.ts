/**
 * The job of an element that waits for one (service-like tasks, an ad-hoc sub-process with an
 * agent): opened when the element is activated, cancelled with it.
 */
import type { JobSpec } from '../definition';
import type { Execution } from '../execution';
import type { ElementInstance } from '../state';

export function openJob(x: Execution, instance: ElementInstance, elementId: string, job: JobSpec): void {
  x.emit({
    type: 'JobCreated',
    jobKey: x.newKey(),
    elementInstanceKey: instance.key,
    elementId,
    jobType: job.type,
    retries: job.retries,
    variables: x.variablesCopy(instance.key),
    settings: job.settings,
  });
}

export function cancelJobsOf(x: Execution, instance: ElementInstance): void {
  for (const [jobKey, job] of x.state.jobs) {
    if (job.elementInstanceKey === instance.key) x.emit({ type: 'JobCancelled', jobKey, elementInstanceKey: instance.key });
  }
}

export function hasOpenJob(x: Execution, instance: ElementInstance): boolean {
  for (const job of x.state.jobs.values()) if (job.elementInstanceKey === instance.key) return true;
  return false;
}
