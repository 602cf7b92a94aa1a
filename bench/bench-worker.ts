/**
 * A PostgreSQL worker of `npm run bench`: exactly an `npm run worker` process (scripts/worker.ts:
 * the same runtime, options from the same environment variables) that also starts its share of
 * a run's instances when bench/baton-scenario.ts asks over the IPC channel.
 *
 * Why the workers start the instances: one separate process starting every instance caps the
 * throughput of any number of workers (it was the bottleneck: the workers idled on empty claims
 * while it started). Each worker starting its share spreads the load generation with the work,
 * as API servers would. The work is the same: every instance is started by a CreateInstance
 * command and its jobs are claimed by whichever worker comes first; its latency is still
 * endedAt − startedAt from the database.
 *
 * IPC: { type: 'start', processKey, businessKey, from, to, batch } → starts instances from..to−1
 * (amountOf(i) as their amount) in transactions of `batch`, then answers { type: 'started', ms }.
 */
import { z } from 'zod';
import { formatRuntimeStats } from '../lib/engine/runtime/runtime-stats';
import { startServerRuntime, workerOptionsFromEnv } from '../lib/engine/runtime/server-runtime';
import { startInstances } from '../lib/engine/runtime/start-instance';
import { amountOf } from './bench-support';

const StartMessageSchema = z.object({
  type: z.literal('start'),
  processKey: z.string(),
  businessKey: z.string(),
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  batch: z.number().int().positive(),
});

async function main(): Promise<void> {
  const runtime = await startServerRuntime(workerOptionsFromEnv());
  if (process.env.BATON_RUNTIME_STATS === '1') process.on('exit', () => {
    const cpu = process.cpuUsage();
    console.error(`worker ${process.pid} stats: ${formatRuntimeStats()} cpuUserMs=${Math.round(cpu.user / 1000)} cpuSystemMs=${Math.round(cpu.system / 1000)}`);
  });
  process.on('message', (raw: unknown) => {
    const message = StartMessageSchema.parse(raw);
    const t0 = Date.now();
    void (async () => {
      for (let i = message.from; i < message.to; i += message.batch) {
        const batch = [];
        for (let j = i; j < Math.min(message.to, i + message.batch); j++) {
          batch.push({ processKey: message.processKey, businessKey: message.businessKey, variables: { amount: amountOf(j) } });
        }
        await startInstances(runtime.rt, batch);
      }
      process.send?.({ type: 'started', ms: Date.now() - t0 });
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  process.send?.({ type: 'ready', owner: runtime.owner });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
