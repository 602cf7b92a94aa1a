/**
 * Counters of this process's runtime work, for the benchmark and for diagnosing scale-out:
 * how often claimers came back empty, how many commands lost an optimistic race and were
 * decided again, how long claims and command transactions took.
 *
 * Contract: plain in-memory counters, per process, never reset by the runtime itself; reading
 * them costs nothing and they change no behaviour. `npm run worker` prints them on a graceful
 * stop when BATON_RUNTIME_STATS=1.
 */
export type RuntimeStats = {
  /** Claim rounds of the built-in job worker, and those that found no job. */
  claims: number;
  emptyClaims: number;
  jobsClaimed: number;
  claimMs: number;
  /** executeCommands calls, and their attempts (one transaction each). */
  commandBatches: number;
  attempts: number;
  commandsExecuted: number;
  /** Instances whose write lost a race (decided again on fresh state), and retryable errors (deadlock, busy). */
  conflicts: number;
  retryableErrors: number;
  transactionMs: number;
};

export const runtimeStats: RuntimeStats = {
  claims: 0,
  emptyClaims: 0,
  jobsClaimed: 0,
  claimMs: 0,
  commandBatches: 0,
  attempts: 0,
  commandsExecuted: 0,
  conflicts: 0,
  retryableErrors: 0,
  transactionMs: 0,
};

export function formatRuntimeStats(stats: RuntimeStats = runtimeStats): string {
  return Object.entries(stats)
    .map(([key, value]) => `${key}=${Math.round(value)}`)
    .join(' ');
}
