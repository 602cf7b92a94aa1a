import { describe, expect, it } from 'vitest';
import { jobIdempotencyKey, nextRetryDelayMs } from './retry';

describe('retry backoff', () => {
  const policy = { initialBackoff: 'PT1S', factor: 2, maxBackoff: 'PT10S', jitter: 0 };

  it('given an exponential policy, when attempts grow, then the delay doubles up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => nextRetryDelayMs(policy, attempt))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('given jitter, when the random share is at its ends, then the delay spreads evenly around the base', () => {
    const jittery = { ...policy, jitter: 0.5 };
    expect(nextRetryDelayMs(jittery, 2, 0)).toBe(1500);
    expect(nextRetryDelayMs(jittery, 2, 1)).toBe(2500);
    expect(nextRetryDelayMs(jittery, 2, 0.5)).toBe(2000);
  });

  it('given a backoff that is not a duration, when computed, then the default of one second is used', () => {
    expect(nextRetryDelayMs({ initialBackoff: 'soon', factor: 1, jitter: 0 }, 3)).toBe(1000);
  });
});

describe('job idempotency key', () => {
  it('given a job, when it is retried, then the key names instance, element instance, job and attempt', () => {
    expect(jobIdempotencyKey('i1', { elementInstanceKey: 'e1', jobKey: 'j1', attempt: 1 })).toBe('i1/e1/j1/1');
    expect(jobIdempotencyKey('i1', { elementInstanceKey: 'e1', jobKey: 'j1', attempt: 2 })).toBe('i1/e1/j1/2');
  });
});
