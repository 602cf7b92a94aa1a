/**
 * One round of the built-in job worker: claim due jobs of the types it has executors for, run
 * them, and answer each with a command — all answers of the round in one transaction.
 *
 * Contract
 * - At-least-once: a job is done when its CompleteJob (or FailJob / ThrowJobError) commits. If
 *   the process dies before that, the lease expires and the job runs again with the same
 *   idempotency key (claim-jobs.ts).
 * - Each attempt is bounded by the task's timeout (`settings.timeout`, ISO duration; default
 *   `defaultTimeoutMs`), which is also the lease the job is claimed with (plus a margin).
 * - A failed attempt (the executor says `fail`, throws, or times out) sends FailJob with one
 *   retry less and the backoff of the task's retry policy (attempts, initial backoff, factor,
 *   maximum, jitter; default 3 attempts, PT1S × 2). With no retries left the core raises an
 *   incident carrying the last error.
 * - A rejected answer (the job was cancelled or completed meanwhile) is dropped: the state
 *   already moved on, and the job's row went with it.
 */
import type { Command } from '@/lib/engine/core';
import { nextRetryDelayMs } from '@/lib/engine/core';
import { RetryPolicySchema } from '@/lib/bpmn/model';
import { addDuration, parseIsoDuration } from '@/lib/bpmn/timers';
import { claimJobs, type ClaimedJob } from './claim-jobs';
import { executeCommands, type CommandRequest } from './execute-command';
import type { JobExecutor, JobOutcome } from './executors/types';
import { instrument } from '@/lib/telemetry/instrument';
import type { RuntimeContext } from './runtime-context';
import { runtimeStats } from './runtime-stats';

export type JobWorkerOptions = {
  owner: string;
  executors: Readonly<Record<string, JobExecutor>>;
  /** Jobs claimed per round. */
  batchSize: number;
  /** Attempt timeout when the task names none. */
  defaultTimeoutMs: number;
  /** 0..1, the random share of the backoff jitter (injected for tests). */
  random?: () => number;
};

const LEASE_MARGIN_MS = 5_000;

export function timeoutMsOf(job: Pick<ClaimedJob, 'settings'>, fallback: number): number {
  const text = job.settings.timeout;
  if (text === undefined) return fallback;
  const parsed = parseIsoDuration(text);
  if (!parsed.ok) return fallback;
  return Math.max(1, addDuration(new Date(0), parsed.value).getTime());
}

/** FailJob for a failed attempt of `job`, with the backoff of its task's retry policy. */
export function failCommand(job: Pick<ClaimedJob, 'jobKey' | 'retriesLeft' | 'attempt' | 'settings'>, message: string, unitRandom: number): Command {
  const policy = RetryPolicySchema.parse(job.settings.retry ?? {});
  const retries = Math.max(0, job.retriesLeft - 1);
  return {
    type: 'FailJob',
    jobKey: job.jobKey,
    retries,
    errorMessage: message,
    ...(retries > 0 ? { retryBackoffMs: nextRetryDelayMs(policy, job.attempt, unitRandom) } : {}),
  };
}

function commandOf(job: ClaimedJob, outcome: JobOutcome, unitRandom: number): Command {
  switch (outcome.kind) {
    case 'complete':
      return { type: 'CompleteJob', jobKey: job.jobKey, variables: outcome.variables ?? {} };
    case 'bpmnError':
      return {
        type: 'ThrowJobError',
        jobKey: job.jobKey,
        errorCode: outcome.code,
        ...(outcome.message === undefined ? {} : { errorMessage: outcome.message }),
        ...(outcome.variables === undefined ? {} : { variables: outcome.variables }),
      };
    case 'fail':
      return failCommand(job, outcome.message, unitRandom);
  }
}

async function execute(executor: JobExecutor, job: ClaimedJob, timeoutMs: number, worker: string): Promise<JobOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const outcome = await Promise.race([
      instrument('baton.job', { 'baton.job.type': job.type, 'baton.job.key': job.jobKey, 'baton.instance': job.instanceId, 'baton.element': job.elementId }, () =>
        executor({ ...job, signal: controller.signal, timeoutMs, worker }),
      ),
      new Promise<JobOutcome>((resolve) => controller.signal.addEventListener('abort', () => resolve({ kind: 'fail', message: `timed out after ${timeoutMs} ms` }))),
    ]);
    return outcome;
  } catch (error) {
    return { kind: 'fail', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one round; returns how many jobs it claimed (0: nothing was due). */
export async function runJobBatch(rt: RuntimeContext, options: JobWorkerOptions): Promise<number> {
  const types = Object.keys(options.executors);
  const leaseMs = options.defaultTimeoutMs + LEASE_MARGIN_MS;
  const claimStart = performance.now();
  const jobs = await claimJobs(rt, { owner: options.owner, types, max: options.batchSize, leaseMs });
  runtimeStats.claimMs += performance.now() - claimStart;
  runtimeStats.claims++;
  runtimeStats.jobsClaimed += jobs.length;
  if (jobs.length === 0) {
    runtimeStats.emptyClaims++;
    return 0;
  }
  const random = options.random ?? Math.random;
  const timeouts = jobs.map((job) => timeoutMsOf(job, options.defaultTimeoutMs));
  // A task whose timeout is longer than the default lease keeps its job for that long.
  for (const [index, job] of jobs.entries()) {
    if (timeouts[index] + LEASE_MARGIN_MS > leaseMs) {
      await rt.db.job.updateMany({ where: { id: job.jobKey, leaseOwner: options.owner }, data: { leaseExpiresAt: new Date(rt.clock.now() + timeouts[index] + LEASE_MARGIN_MS) } });
    }
  }
  const outcomes = await Promise.all(jobs.map((job, index) => execute(options.executors[job.type], job, timeouts[index], options.owner)));
  const requests: CommandRequest[] = jobs.map((job, index) => ({
    instanceId: job.instanceId,
    command: commandOf(job, outcomes[index], random()),
    actor: `system:job-worker`,
  }));
  await executeCommands(rt, requests);
  return jobs.length;
}
