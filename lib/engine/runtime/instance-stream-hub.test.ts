/**
 * The shared live stream: viewers of one instance share one reader; a late viewer catches up;
 * nobody gets an event twice; the stream ends after the instance's last event.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from './clock';
import { executeCommand } from './execute-command';
import { createStreamHub } from './instance-stream-hub';
import { createRuntimeContext, type CommitNotice, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { processXml, publishXml } from './test-support';

/** Reads a stream's `id:` lines until `until` returns true for the ids so far (or the stream ends). */
async function readIds(stream: ReadableStream<Uint8Array>, until: (ids: number[]) => boolean): Promise<{ ids: number[]; ended: boolean }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    if (until(ids)) {
      reader.releaseLock();
      return { ids, ended: false };
    }
    const { done, value } = await reader.read();
    if (done) return { ids, ended: true };
    text += decoder.decode(value, { stream: true });
  }
}

describeEachDatabase('instance stream hub', (database) => {
  let rt: RuntimeContext;
  const listeners = new Set<(notice: CommitNotice) => void>();

  beforeAll(() => {
    rt = createRuntimeContext({ db: database.db, clock: new ManualClock(Date.UTC(2026, 0, 1)), onCommit: (n) => listeners.forEach((l) => l(n)) });
  });

  it('given two viewers, one joining late, when events are appended, then both get every event once, in order, from one reader, and the streams end with the instance', async () => {
    const { modelKey } = await publishXml(
      database.db,
      processXml('hub', `<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>`),
    );
    const { instanceId, lastSeq } = await startInstance(rt, { processKey: modelKey });
    const hub = createStreamHub({ db: database.db, pollMs: 5_000, onCommit: (l) => (listeners.add(l), () => listeners.delete(l)) });
    const abort = new AbortController();

    const first = hub.stream(instanceId, 0, abort.signal);
    const seen = await readIds(first, (ids) => ids.length >= lastSeq);
    expect(seen.ids).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));

    await executeCommand(rt, { instanceId, command: { type: 'SetVariables', variables: { a: 1 } } });
    const late = hub.stream(instanceId, 2, abort.signal);
    expect(hub.readerCount()).toBe(1);
    const lateSeen = await readIds(late, (ids) => ids.includes(lastSeq + 1));
    expect(lateSeen.ids).toEqual(Array.from({ length: lastSeq - 1 }, (_, i) => i + 3));

    const task = await database.db.userTask.findFirstOrThrow({ where: { instanceId } });
    const started = Date.now();
    await executeCommand(rt, { instanceId, command: { type: 'CompleteUserTask', taskKey: task.id } });
    const [a, b] = await Promise.all([readIds(first, () => false), readIds(late, () => false)]);
    // Woken by the commit notice, not by the 5 s poll.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(a.ended && b.ended).toBe(true);
    const total = (await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).lastSeq;
    expect(a.ids).toEqual(Array.from({ length: total - lastSeq }, (_, i) => lastSeq + 1 + i));
    expect(b.ids).toEqual(a.ids.filter((id) => id > lastSeq + 1));
    abort.abort();
    hub.close();
  });
});
