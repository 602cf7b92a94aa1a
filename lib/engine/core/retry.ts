/**
 * Retry and backoff math for jobs (the worker or runtime uses it to compute the backoff it
 * sends with FailJob).
 *
 * Contract: pure. The random share of the jitter comes in as `unitRandom` (0..1), never from
 * `Math.random()` here. Attempt 1 is the first retry.
 */
import type { RetryPolicy } from '@/lib/bpmn/model';
import { addDuration, parseIsoDuration } from '@/lib/bpmn/timers';

function durationMs(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const parsed = parseIsoDuration(text);
  if (!parsed.ok) return fallback;
  return addDuration(new Date(0), parsed.value).getTime();
}

export function nextRetryDelayMs(
  policy: Pick<RetryPolicy, 'initialBackoff' | 'factor' | 'maxBackoff' | 'jitter'>,
  attempt: number,
  unitRandom = 0.5,
): number {
  const initial = durationMs(policy.initialBackoff, 1000);
  const max = durationMs(policy.maxBackoff, Number.POSITIVE_INFINITY);
  const base = Math.min(max, initial * Math.pow(policy.factor, Math.max(0, attempt - 1)));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const random = Math.min(1, Math.max(0, unitRandom));
  // The jitter share of the delay is spread evenly around the base: base × (1 - j/2 + j×r).
  return Math.max(0, Math.round(base * (1 - jitter / 2 + jitter * random)));
}

/**
 * The idempotency key of one attempt of a job (ARCHITECTURE.md: instance, element, token,
 * attempt): a retried call can be recognised downstream, a new attempt is a new key.
 */
export function jobIdempotencyKey(instanceKey: string, job: { elementInstanceKey: string; jobKey: string; attempt: number }): string {
  return `${instanceKey}/${job.elementInstanceKey}/${job.jobKey}/${job.attempt}`;
}
