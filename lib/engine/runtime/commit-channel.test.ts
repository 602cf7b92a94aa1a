/**
 * The cross-process commit channel (PostgreSQL LISTEN/NOTIFY): a worker process and a live stream
 * that poll only every 30 s still react to another process's commit at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrlOf } from '@/lib/db/client';
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database';
import { commitPayload, parseCommitPayload, remoteCommitsReady } from './commit-channel';
import { startWorker, waitFor, type WorkerProcess } from './crash-harness';
import { currentLogPosition } from './list-instance-events';
import { createRuntimeContext } from './runtime-context';
import { commitWakeFor } from './server-runtime';
import { startInstance } from './start-instance';
import { eventStream } from './stream-events';
import { processXml, publishXml } from './test-support';

const NOOP = processXml(
  'channel-noop',
  `<bpmn:startEvent id="start"/>
   <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="noop"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>`,
);

describe('commit channel: payload', () => {
  it('given a commit of more instances than a notice can hold, when encoded, then it stays under 8000 bytes and says there is more', () => {
    const instances = Array.from({ length: 1000 }, (_, i) => ({ instanceId: `instance-${i}-xxxxxxxxxxxx`, firstSeq: 1, events: [] }));
    const text = commitPayload({ instances, jobTypes: ['noop'], work: true, subscriptions: false, timerDueAt: 5 }, 'me');
    expect(text.length).toBeLessThan(8000);
    const notice = parseCommitPayload(text);
    expect(notice).toMatchObject({ remote: true, origin: 'me', more: true, jobTypes: ['noop'], work: true, subscriptions: false, timerDueAt: 5 });
    expect(notice?.instances.length).toBeGreaterThan(100);
    expect(parseCommitPayload('not json')).toBeNull();
  });
});

describe('commit channel [postgres]', () => {
  let database: TestDatabase;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await database.drop();
  });

  it(
    'given a worker process and a live stream that poll every 30 s, when this process starts an instance, then the worker completes it and the stream shows it within seconds (woken by NOTIFY)',
    async () => {
      const { modelKey } = await publishXml(database.db, NOOP, 'channel-noop');
      const rt = createRuntimeContext({ db: database.db }); // its commits reach no local listener
      worker = startWorker(database.url, { BATON_WORKER_POLL_MS: '30000' });
      await waitFor('the worker to start', async () => worker?.output().includes('running') === true, 60_000);

      const controller = new AbortController();
      const stream = eventStream({ db: database.db, source: { after: await currentLogPosition(database.db) }, signal: controller.signal, pollMs: 30_000, wake: commitWakeFor(database.db) });
      let text = '';
      const reading = (async () => {
        const decoder = new TextDecoder();
        const reader = stream.getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
      })();
      await remoteCommitsReady(postgresUrlOf(database.db) as string);
      const listening = async () => {
        const rows: { n: number }[] = await database.db.$queryRawUnsafe(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`);
        return rows[0].n >= 2; // the worker's and this process's
      };
      await waitFor('both processes to listen', listening, 30_000);

      const t0 = Date.now();
      const { instanceId } = await startInstance(rt, { processKey: modelKey });
      await waitFor('the worker to complete the instance', async () => (await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).status === 'completed', 10_000, 20);
      const completedAfterMs = Date.now() - t0;
      await waitFor('the stream to show the completion', async () => text.includes('event: InstanceCompleted') && text.includes(instanceId), 10_000, 20);
      const shownAfterMs = Date.now() - t0;
      controller.abort();
      await reading;

      // Both poll every 30 s: only the commit channel explains a reaction within 10 s.
      console.log(`[commit channel] completed by the other process after ${completedAfterMs} ms; shown by this process's stream after ${shownAfterMs} ms`);
      expect(completedAfterMs).toBeLessThan(10_000);
      expect(shownAfterMs).toBeLessThan(10_000);
    },
    180_000,
  );
});
