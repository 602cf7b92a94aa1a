/**
 * Job executors: the code that does a job's work inside the runtime (built-in job types).
 *
 * Contract: an executor gets the job (its variables as the task saw them, its settings, the
 * idempotency key of this attempt, an abort signal for its timeout) and answers one outcome. A
 * thrown error counts as `fail` with its message. Executors never touch the database: the job
 * worker turns the outcome into a command (CompleteJob, FailJob, ThrowJobError).
 */
import type { Variables } from '@/lib/engine/core/events';
import type { ClaimedJob } from '../claim-jobs';

export type JobOutcome =
  | { kind: 'complete'; variables?: Variables }
  | { kind: 'fail'; message: string }
  | { kind: 'bpmnError'; code: string; message?: string; variables?: Variables };

/** A claimed job as an executor sees it, with the lease owner running it (the http connector names it in `Baton-Worker`). */
export type JobExecution = ClaimedJob & { signal: AbortSignal; timeoutMs: number; worker: string };

export type JobExecutor = (job: JobExecution) => Promise<JobOutcome>;
