/**
 * `npm run bench:viewer`: live viewer latency. From the command that appends an event to the
 * moment 50 EventSource clients (the `eventsource` package, the browser API on Node) receive it.
 *
 * Setup, in one process as inside the web server: the durable runtime on a fresh database
 * (SQLite by default, BENCH_DB=postgres for PostgreSQL), a real HTTP server that serves the
 * instance's event stream as the viewer's route does (lib/engine/runtime/instance-stream-hub.ts:
 * one shared reader per instance, woken by the runtime's commit notices, 500 ms poll otherwise), and BENCH_VIEWERS (50) clients
 * on one instance waiting at a user task. Each round executes one SetVariables command (one
 * VariablesSet event) and measures, per client, the time from just before executeCommand to the
 * client's message event. Prints p50, p95, p99 and max over all clients and rounds; the target
 * is p95 < 250 ms.
 */
import http from 'node:http';
import { EventSource } from 'eventsource';
import { createTestDatabase, type TestDatabaseKind } from '../lib/db/test-database';
import { executeCommand } from '../lib/engine/runtime/execute-command';
import { createRuntimeContext, type CommitNotice } from '../lib/engine/runtime/runtime-context';
import { startInstance } from '../lib/engine/runtime/start-instance';
import { createStreamHub } from '../lib/engine/runtime/instance-stream-hub';
import { processXml, publishXml } from '../lib/engine/runtime/test-support';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const KIND = (process.env.BENCH_DB ?? 'sqlite') as TestDatabaseKind;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const database = await createTestDatabase(KIND);
  const listeners = new Set<(notice: CommitNotice) => void>();
  const rt = createRuntimeContext({ db: database.db, onCommit: (notice) => listeners.forEach((l) => l(notice)) });
  const hub = createStreamHub({
    db: database.db,
    onCommit: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const { modelKey } = await publishXml(
    database.db,
    processXml('viewer', `<bpmn:startEvent id="start"/><bpmn:userTask id="wait"/><bpmn:endEvent id="end"/>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>`),
  );
  const { instanceId, lastSeq } = await startInstance(rt, { processKey: modelKey });

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const abort = new AbortController();
    request.on('close', () => abort.abort());
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    const stream = hub.stream(instanceId, Number(url.searchParams.get('after') ?? 0), abort.signal);
    void (async () => {
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        response.write(value);
      }
      response.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  // Each client resolves the waiter of the sequence number it receives.
  const waiters = new Map<number, { sentAt: number; latencies: number[]; done: () => void; left: number }>();
  const clients: EventSource[] = [];
  await Promise.all(
    Array.from({ length: VIEWERS }, () => {
      const source = new EventSource(`http://127.0.0.1:${port}/stream?after=${lastSeq}`);
      clients.push(source);
      source.addEventListener('VariablesSet', (message) => {
        const receivedAt = performance.now();
        const seq = Number(message.lastEventId);
        const waiter = waiters.get(seq);
        if (waiter === undefined) return;
        waiter.latencies.push(receivedAt - waiter.sentAt);
        if (--waiter.left === 0) waiter.done();
      });
      return new Promise<void>((resolve, reject) => {
        source.onopen = () => resolve();
        source.onerror = (error) => reject(new Error(`EventSource failed: ${String(error.message)}`));
      });
    }),
  );

  const all: number[] = [];
  const commits: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const seq = lastSeq + round + 1;
    const received = new Promise<number[]>((resolve) => {
      const entry = { sentAt: 0, latencies: [] as number[], left: VIEWERS, done: () => resolve(entry.latencies) };
      waiters.set(seq, entry);
    });
    const waiter = waiters.get(seq);
    if (waiter === undefined) throw new Error('waiter missing');
    waiter.sentAt = performance.now();
    const result = await executeCommand(rt, { instanceId, command: { type: 'SetVariables', variables: { round } } });
    commits.push(performance.now() - waiter.sentAt);
    if (!result.ok || result.firstSeq !== seq) throw new Error(`round ${round}: unexpected result ${JSON.stringify(result)}`);
    all.push(...(await received));
    waiters.delete(seq);
    // Spread the rounds like people changing things, not a tight loop.
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
  }

  for (const client of clients) client.close();
  server.closeAllConnections();
  server.close();
  hub.close();
  await database.drop();

  all.sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`viewer latency: command → EventSource message, ${VIEWERS} viewers on one instance, ${ROUNDS} events, ${KIND}`);
  console.log(`samples ${all.length}  p50 ${f(percentile(all, 50))}  p95 ${f(percentile(all, 95))}  p99 ${f(percentile(all, 99))}  max ${f(all[all.length - 1])}`);
  commits.sort((a, b) => a - b);
  console.log(`of which the command itself (decide + commit): p50 ${f(percentile(commits, 50))}  p95 ${f(percentile(commits, 95))}`);
  const p95 = percentile(all, 95);
  console.log(p95 < 250 ? `PASS: p95 ${f(p95)} < 250 ms` : `FAIL: p95 ${f(p95)} >= 250 ms`);
  process.exitCode = p95 < 250 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
