import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import type { Event } from '@/lib/engine/core';
import { ManualClock } from './clock';
import { EVENTS_PER_ROW, eventRowsOf, eventsOfRow, formatLogPosition, insertEventRows, LOG_START, parseLogPosition } from './event-log';
import { executeCommand } from './execute-command';
import { currentLogPosition, listEventsAfter, listInstanceEvents } from './list-instance-events';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { eventStream } from './stream-events';
import { eventsOf, openTransaction, processXml, publishXml } from './test-support';

const at = '2026-01-01T12:00:00.000Z';
const variablesSet = (n: number): Event => ({ type: 'VariablesSet', v: 1, at, scopeKey: 'root', variables: { n } }) as Event;

describe('event log rows', () => {
  it('given more events than a row holds, when cut into rows, then the rows are gapless from the last stored sequence number and keep each actor', () => {
    const events = Array.from({ length: 2 * EVENTS_PER_ROW + 1 }, (_, i) => variablesSet(i));
    const actors = events.map((_, i) => (i === 0 ? 'person:u1' : undefined));

    const rows = eventRowsOf('i1', 7, events, actors);

    expect(rows.map((row) => [row.firstSeq, row.lastSeq])).toEqual([
      [8, 7 + EVENTS_PER_ROW],
      [8 + EVENTS_PER_ROW, 7 + 2 * EVENTS_PER_ROW],
      [8 + 2 * EVENTS_PER_ROW, 8 + 2 * EVENTS_PER_ROW],
    ]);
    const read = rows.flatMap((row, index) => eventsOfRow({ ...row, id: index + 1 }));
    expect(read.map((item) => item.seq)).toEqual(events.map((_, i) => 8 + i));
    expect(read[0]).toMatchObject({ id: 1, instanceId: 'i1', type: 'VariablesSet', at, actor: 'person:u1', event: events[0] });
    expect(read[1].actor).toBe('system');
  });

  it('given log positions, when written and read back, then they round-trip, a bare id is a position with txid 0, and anything else is refused', () => {
    expect(formatLogPosition({ txid: 0, id: 42 })).toBe('42');
    expect(formatLogPosition({ txid: 7_000_123, id: 42 })).toBe('7000123:42');
    expect(parseLogPosition('42')).toEqual({ txid: 0, id: 42 });
    expect(parseLogPosition('7000123:42')).toEqual({ txid: 7_000_123, id: 42 });
    for (const bad of ['', '-1', '1:2:3', 'x', '1e3', '12345678901234567890', ':5']) expect(parseLogPosition(bad)).toBeUndefined();
  });

  it('given a row whose events do not match its sequence range, when read, then it is refused naming the row and the range', () => {
    const [row] = eventRowsOf('i1', 0, [variablesSet(1), variablesSet(2)], []);
    expect(() => eventsOfRow({ ...row, id: 9, lastSeq: 3 })).toThrow(/row 9 of instance i1 holds 2 events for sequence numbers 1\.\.3/);
  });
});

// start → script → service task "work" (a job) → end: the start commits one row, the job's completion another.
const xml = processXml(
  'log',
  `<bpmn:startEvent id="start"/>
   <bpmn:scriptTask id="double"><bpmn:extensionElements><zeebe:script expression="=2 * 2" resultVariable="four"/></bpmn:extensionElements></bpmn:scriptTask>
   <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="work"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="double"/>
   <bpmn:sequenceFlow id="f2" sourceRef="double" targetRef="work"/>
   <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end"/>`,
);

describeEachDatabase('event log reads', (database) => {
  let rt: RuntimeContext;
  const instanceIds: string[] = [];

  beforeAll(async () => {
    rt = createRuntimeContext({ db: database.db, clock: new ManualClock(Date.UTC(2026, 0, 1, 12)) });
    const { modelKey } = await publishXml(database.db, xml);
    for (let i = 0; i < 3; i++) {
      const started = await startInstance(rt, { processKey: modelKey });
      const job = await database.db.job.findFirstOrThrow({ where: { instanceId: started.instanceId } });
      await executeCommand(rt, { instanceId: started.instanceId, command: { type: 'CompleteJob', jobKey: job.id, variables: {} } });
      instanceIds.push(started.instanceId);
    }
  });

  it('given an instance logged in two rows, when paged three events at a time from any sequence number, then every event comes once, in order', async () => {
    const instanceId = instanceIds[0];
    const all = await eventsOf(database.db, instanceId);
    expect(await database.db.instanceEventBatch.count({ where: { instanceId } })).toBe(2);

    for (const start of [0, 1, 5]) {
      const seqs: number[] = [];
      let after = start;
      for (;;) {
        const page = await listInstanceEvents(database.db, { instanceId, after, limit: 3 });
        if (page.items.length === 0) break;
        expect(page.items.length).toBeLessThanOrEqual(3);
        seqs.push(...page.items.map((item) => item.seq));
        after = page.nextAfter;
      }
      expect(seqs).toEqual(all.filter((entry) => entry.seq > start).map((entry) => entry.seq));
    }
  });

  it('given the log of all instances, when paged globally, then pages end where rows end and together hold every event once', async () => {
    const pages = [];
    let after = LOG_START;
    for (;;) {
      const page = await listEventsAfter(database.db, { after, limit: 4 });
      if (page.items.length === 0) break;
      pages.push(page.items);
      after = page.nextAfter;
    }
    const items = pages.flat();
    expect(items).toHaveLength((await Promise.all(instanceIds.map((id) => eventsOf(database.db, id)))).flat().length);
    for (let i = 1; i < pages.length; i++) expect(pages[i][0].id).toBeGreaterThan(pages[i - 1].at(-1)?.id ?? 0);
    const keys = items.map((item) => `${item.instanceId}/${item.seq}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('given the global stream, when it sends the events of a row, then only the last of them carries the id a client resumes after', async () => {
    const controller = new AbortController();
    const text = await new Response(eventStream({ db: database.db, source: { after: LOG_START }, signal: controller.signal, maxMs: 0 })).text();

    const messages = text.split('\n\n').filter((block) => block.includes('data: '));
    const rows = await database.db.instanceEventBatch.findMany({ orderBy: { id: 'asc' } });
    expect(messages).toHaveLength(rows.reduce((total, row) => total + row.lastSeq - row.firstSeq + 1, 0));
    const positions = rows.map((row) => ({ txid: Number(row.txid), id: row.id })).sort((x, y) => x.txid - y.txid || x.id - y.id);
    expect(messages.flatMap((block) => block.match(/^id: ([\d:]+)$/m)?.[1] ?? [])).toEqual(positions.map(formatLogPosition));
    if (database.kind === 'postgres') expect(positions.every((position) => position.txid > 0)).toBe(true);
  });

  it('given a transaction that appended to the log and is still open, and a younger one that committed, when the global log is read, then the younger waits for the older and neither is missed', async () => {
    if (database.kind === 'sqlite') return; // one writer at a time: rows commit in id order
    const from = await currentLogPosition(database.db);
    const rowOf = (instanceId: string) => eventRowsOf(instanceId, 0, [variablesSet(1)], []);

    // given: A appended and stays open; B, younger, appended and committed
    const a = await openTransaction(database.db, (tx) => insertEventRows(rt, tx, rowOf('held-a')));
    await database.db.$transaction(async (tx) => insertEventRows(rt, tx, rowOf('held-b')));

    // when: the log is read while A is open
    const whileOpen = await listEventsAfter(database.db, { after: from, limit: 100 });

    // then: B is held back behind A (going by id, a reader would have passed A for good)
    expect(whileOpen.items.map((item) => item.instanceId)).not.toContain('held-b');
    expect(whileOpen.heldBack).toBe(true);

    // when: A commits, then both come, A first
    await a.commit();
    const afterCommit = await listEventsAfter(database.db, { after: whileOpen.nextAfter, limit: 100 });
    expect(afterCommit.items.map((item) => item.instanceId)).toEqual(['held-a', 'held-b']);
    expect(afterCommit.heldBack).toBe(false);
  });
});
