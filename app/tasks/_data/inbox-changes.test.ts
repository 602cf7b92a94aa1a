import { beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import type { Event } from '@/lib/engine/core';
import { eventRowsOf, insertEventRows } from '@/lib/engine/runtime/event-log';
import { createRuntimeContext, type RuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { openTransaction } from '@/lib/engine/runtime/test-support';

vi.mock('server-only', () => ({}));
const { inboxSignature } = await import('./inbox-changes');

const appended = (instanceId: string) => eventRowsOf(instanceId, 0, [{ type: 'VariablesSet', v: 1, at: '2026-01-01T12:00:00.000Z', scopeKey: 'root', variables: {} } as Event], []);

describeEachDatabase('inbox signature', (database) => {
  let rt: RuntimeContext;
  beforeAll(() => {
    rt = createRuntimeContext({ db: database.db });
  });

  it('given an inbox signature, when events are appended, then it moves', async () => {
    const before = await inboxSignature(database.db);
    await database.db.$transaction(async (tx) => insertEventRows(rt, tx, appended('inbox-first')));
    expect(await inboxSignature(database.db)).not.toBe(before);
  });

  it('given events appended by a transaction that commits after a younger one, when it commits, then the signature moves again (PostgreSQL)', async () => {
    if (database.kind === 'sqlite') return; // one writer at a time: rows commit in id order
    // given: A appended first (the lower id) and stays open; B appended after it and committed
    const a = await openTransaction(database.db, (tx) => insertEventRows(rt, tx, appended('inbox-a')));
    await database.db.$transaction(async (tx) => insertEventRows(rt, tx, appended('inbox-b')));
    const whileAOpen = await inboxSignature(database.db);

    // when: A commits
    await a.commit();

    // then: the inbox sees a change (going by the highest id, A's commit would have gone unseen)
    expect(await inboxSignature(database.db)).not.toBe(whileAOpen);
  });
});
