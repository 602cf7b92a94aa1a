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
 */
import { startServerRuntime } from '../lib/engine/runtime/server-runtime';

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const runtime = await startServerRuntime({
    pollMs: numberFrom('BATON_WORKER_POLL_MS', 250),
    jobBatchSize: numberFrom('BATON_WORKER_JOB_BATCH', 64),
    jobRounds: numberFrom('BATON_WORKER_JOB_ROUNDS', 2),
    defaultJobTimeoutMs: numberFrom('BATON_WORKER_JOB_TIMEOUT_MS', 30_000),
  });
  console.log(`worker ${runtime.owner} running (pid ${process.pid})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
