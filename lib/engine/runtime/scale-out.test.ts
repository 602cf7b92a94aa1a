/**
 * Scale-out test (issue 5, "Show"): on PostgreSQL, three worker processes share the load; one is
 * killed with SIGKILL mid-run; every instance completes exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database';
import { checkLogs, crashProcessXml, jobsNeverCalled, startWorker, waitFor, type WorkerProcess } from './crash-harness';
import { createRuntimeContext } from './runtime-context';
import { startInstances } from './start-instance';
import { CountingServer } from './test-http-server';
import { publishXml } from './test-support';

const INSTANCES = Number(process.env.SCALE_OUT_INSTANCES ?? 600);

describe('scale-out [postgres]', () => {
  let database: TestDatabase;
  const server = new CountingServer();
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await server.start();
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await server.stop();
    await database.drop();
  });

  it(
    `given three worker processes on ${INSTANCES} instances, when one is killed mid-run, then the others finish and every instance completes exactly once`,
    async () => {
      const { modelKey } = await publishXml(database.db, crashProcessXml(server.url, false), 'scale-out');
      const rt = createRuntimeContext({ db: database.db });
      for (let w = 0; w < 3; w++) workers.push(startWorker(database.url, { BATON_WORKER_JOB_BATCH: '16' }));
      await waitFor('the workers to start', async () => workers.every((w) => w.output().includes('running')), 60_000);

      const instanceIds: string[] = [];
      for (let i = 0; i < INSTANCES; i += 50) {
        const batch = Array.from({ length: Math.min(50, INSTANCES - i) }, (_, k) => ({ processKey: modelKey, variables: { orderId: `o-${i + k}` } }));
        instanceIds.push(...(await startInstances(rt, batch)).map((s) => s.instanceId));
      }

      await waitFor('a third of the http calls', async () => server.calls.length >= (2 * INSTANCES) / 3, 120_000, 10);
      const victim = workers[0];
      const victimName = /worker (\S+) running/.exec(victim.output())?.[1];
      victim.child.kill('SIGKILL');
      await victim.exited;
      const completedAtKill = await database.db.processInstance.count({ where: { status: 'completed' } });

      await waitFor(
        `all ${INSTANCES} instances to complete`,
        async () => (await database.db.processInstance.count({ where: { status: 'completed' } })) === INSTANCES,
        240_000,
        250,
      );

      expect(completedAtKill).toBeLessThan(INSTANCES);
      const check = await checkLogs(database.db, instanceIds);
      expect(check.completed).toBe(INSTANCES);
      expect(check.gaps).toEqual([]);
      expect(check.doubled).toEqual([]);
      const counts = server.countsByKey();
      expect(jobsNeverCalled(check.jobKeys, counts.keys())).toEqual([]);
      // Every worker took part, and only the killed one's calls in flight were repeated.
      const byWorker = new Map<string, number>();
      for (const call of server.calls) {
        const name = String(call.headers['baton-worker']);
        byWorker.set(name, (byWorker.get(name) ?? 0) + 1);
      }
      expect(byWorker.size).toBe(3);
      const repeated = [...counts].filter(([, count]) => count > 1).map(([key]) => key);
      for (const key of repeated) {
        const first = server.calls.find((call) => call.key === key);
        expect(first?.headers['baton-worker']).toBe(victimName);
      }
      console.log(`[scale-out] ${INSTANCES} instances; calls per worker: ${[...byWorker.values()].join(', ')}; ${completedAtKill} completed at the kill; ${repeated.length} calls repeated`);
    },
    420_000,
  );
});
