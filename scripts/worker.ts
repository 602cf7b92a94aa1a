/**
 * `npm run worker`: a runtime process without the web server, for scale-out. Any number may run
 * against one database (PostgreSQL for several machines); they share the work through leases.
 * Start the web server with BATON_RUNTIME=off to leave all background work to the workers.
 *
 * Environment: DATABASE_URL; BATON_WORKER_POLL_MS (idle poll, default 250),
 * BATON_WORKER_JOB_BATCH (jobs per round, default 64), BATON_WORKER_JOB_ROUNDS (rounds in
 * flight, default 2), BATON_WORKER_JOB_TIMEOUT_MS (attempt timeout and lease of tasks that name
 * no timeout, default 30000), BATON_SECRET_<NAME> (secrets of the http connector).
 * SIGTERM / SIGINT: graceful stop (rounds in flight finish, leases are released).
 * BATON_RUNTIME_STATS=1: print this worker's counters (runtime-stats.ts) to stderr when it exits.
 */
import { formatRuntimeStats } from '../lib/engine/runtime/runtime-stats';
import { startServerRuntime, workerOptionsFromEnv } from '../lib/engine/runtime/server-runtime';

async function main(): Promise<void> {
  const runtime = await startServerRuntime(workerOptionsFromEnv());
  console.log(`worker ${runtime.owner} running (pid ${process.pid})`);
  if (process.env.BATON_RUNTIME_STATS === '1') {
    process.on('exit', () => console.error(`worker ${process.pid} stats: ${formatRuntimeStats()}`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
