/**
 * External workers: activate jobs of a type with a lease, long-polling until some are due.
 *
 * Contract
 * - Claims up to `max` due jobs of `type` for `worker` with a lease of `timeoutMs` (claim-jobs.ts:
 *   SKIP LOCKED on PostgreSQL; an expired lease makes a job available again). Each job comes with
 *   its variables, its settings (custom headers of the task, retry policy) and the idempotency
 *   key of the attempt.
 * - When none is due it waits, polling every `pollMs`, up to `waitMs` (0: answer at once), and
 *   stops early when `signal` aborts (the client went away).
 * - The worker then answers with complete / fail (retries and backoff it chooses; 0 retries
 *   raises an incident) / a BPMN error — commands like any other (execute-command.ts).
 */
import { claimJobs, type ClaimedJob } from './claim-jobs';
import type { RuntimeContext } from './runtime-context';

export async function activateJobs(
  rt: RuntimeContext,
  input: { type: string; worker: string; max: number; timeoutMs: number; waitMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<ClaimedJob[]> {
  const deadline = Date.now() + input.waitMs;
  const pollMs = input.pollMs ?? 200;
  for (;;) {
    const jobs = await claimJobs(rt, { owner: input.worker, types: [input.type], max: input.max, leaseMs: input.timeoutMs, byInstance: false });
    if (jobs.length > 0 || Date.now() >= deadline || input.signal?.aborted) return jobs;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
}
