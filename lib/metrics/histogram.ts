/**
 * Duration percentiles, exact and from a log-scale histogram. Pure.
 *
 * Contract
 * - `percentile(samples, q)` is the nearest-rank percentile: the smallest sample such that at
 *   least q of the samples are ≤ it (P95 of 1..20 is 19). Empty input gives null.
 * - The read model keeps no samples, only counts per bucket (MetricDurationBucket): bucket b
 *   holds durations in (2^((b-1)/4), 2^(b/4)] ms, bucket 0 holds ≤ 1 ms. Four buckets per doubling,
 *   so `percentileFromBuckets` (the upper bound of the bucket holding the nearest rank) is at
 *   most 19% above the exact value and never below it.
 */

export const BUCKETS_PER_DOUBLING = 4;
export const MAX_BUCKET = 40 * BUCKETS_PER_DOUBLING; // 2^40 ms ≈ 35 years

export function bucketOf(durationMs: number): number {
  if (!(durationMs > 1)) return 0;
  return Math.min(MAX_BUCKET, Math.ceil(Math.log2(durationMs) * BUCKETS_PER_DOUBLING - 1e-9));
}

/** The largest duration bucket `bucket` holds (ms). */
export function bucketUpperMs(bucket: number): number {
  return 2 ** (bucket / BUCKETS_PER_DOUBLING);
}

/** Nearest-rank percentile of `samples` for q in (0, 1]. */
export function percentile(samples: readonly number[], q: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** Percentile from bucket counts (bucket → count); null when empty. */
export function percentileFromBuckets(counts: ReadonlyMap<number, number>, q: number): number | null {
  const buckets = [...counts.entries()].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= rank) return bucketUpperMs(bucket);
  }
  return bucketUpperMs(buckets[buckets.length - 1][0]);
}
