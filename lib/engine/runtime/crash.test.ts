/**
 * Crash test (issue 5, "Show"): a separate runtime process runs 1,000 instances of a process with
 * two service tasks calling a real local HTTP endpoint, a timer and a message; the test kills it
 * with SIGKILL mid-run, starts a new one, and checks that every instance completed, every log is
 * gapless, nothing was recorded twice, and every side effect was seen at least once, with
 * duplicates only for calls in flight at the kill. On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '@/lib/db/test-database';
import { describe } from 'vitest';
import { checkLogs, crashProcessXml, jobsNeverCalled, startWorker, waitFor, type WorkerProcess } from './crash-harness';
import { publishMessage } from './publish-message';
import { createRuntimeContext } from './runtime-context';
import { startInstances } from './start-instance';
import { CountingServer } from './test-http-server';
import { publishXml } from './test-support';

const INSTANCES = Number(process.env.CRASH_INSTANCES ?? 1000);

for (const kind of TEST_DATABASE_KINDS) {
  describe(`crash test [${kind}]`, () => {
    let database: TestDatabase;
    const server = new CountingServer();
    const workers: WorkerProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      await server.start();
    });
    afterAll(async () => {
      for (const worker of workers) worker.child.kill('SIGKILL');
      await server.stop();
      await database.drop();
    });

    it(
      `given ${INSTANCES} instances with http calls, a timer and a message, when the runtime process is killed with SIGKILL mid-run and restarted, then all complete exactly once`,
      async () => {
        const { modelKey } = await publishXml(database.db, crashProcessXml(server.url), 'crash');
        const rt = createRuntimeContext({ db: database.db });

        // given: the instances, started from outside the runtime process
        const instanceIds: string[] = [];
        for (let i = 0; i < INSTANCES; i += 100) {
          const batch = Array.from({ length: Math.min(100, INSTANCES - i) }, (_, k) => ({ processKey: modelKey, variables: { orderId: `o-${i + k}` } }));
          instanceIds.push(...(await startInstances(rt, batch)).map((s) => s.instanceId));
        }
        // and a message for every instance, published before its subscription opens (buffered, TTL 10 min)
        for (let i = 0; i < INSTANCES; i++) await publishMessage(rt, { name: 'paid', correlationKey: `o-${i}`, ttlMs: 600_000, messageId: `paid-${i}` });
        expect(await database.db.bufferedMessage.count()).toBe(INSTANCES);

        // when: the runtime process runs them, is killed with SIGKILL mid-run, and a new one starts
        workers.push(startWorker(database.url));
        await waitFor('a third of the http calls', async () => server.calls.length >= (2 * INSTANCES) / 3, 120_000, 10);
        const killedAt = Date.now();
        workers[0].child.kill('SIGKILL');
        await workers[0].exited;
        const restartedAt = Date.now();
        const completedAtKill = await database.db.processInstance.count({ where: { status: 'completed' } });
        workers.push(startWorker(database.url));

        await waitFor(
          `all ${INSTANCES} instances to complete`,
          async () => (await database.db.processInstance.count({ where: { status: 'completed' } })) === INSTANCES,
          240_000,
          250,
        );

        // then
        expect(completedAtKill).toBeLessThan(INSTANCES / 2); // the kill was mid-run
        const check = await checkLogs(database.db, instanceIds);
        expect(check.completed).toBe(INSTANCES);
        expect(check.gaps).toEqual([]);
        expect(check.doubled).toEqual([]);
        const counts = server.countsByKey();
        expect(jobsNeverCalled(check.jobKeys, counts.keys())).toEqual([]);
        const duplicates = [...counts].filter(([, count]) => count > 1).map(([key]) => key);
        for (const key of duplicates) {
          const calls = server.calls.filter((call) => call.key === key);
          // a duplicate is the call in flight at the kill, made once before it and once after the restart
          expect(calls.filter((call) => call.at <= killedAt)).toHaveLength(1);
          expect(calls.filter((call) => call.at >= restartedAt)).toHaveLength(1);
        }
        console.log(
          `[crash ${kind}] ${INSTANCES} instances, ${server.calls.length} http calls, ${completedAtKill} completed at the kill, ${duplicates.length} calls repeated across the kill`,
        );
      },
      420_000,
    );
  });
}
