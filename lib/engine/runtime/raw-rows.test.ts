import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { deleteByIds, insertRows } from './raw-rows';
import { createRuntimeContext } from './runtime-context';

describeEachDatabase('raw multi-row insert and delete', (database) => {
  it('given rows with dates, booleans, numbers, nulls, a missing column and hostile strings, when inserted, then each reads back as written, a column one row lacks is NULL and one no row has gets its default', async () => {
    // given
    const rt = createRuntimeContext({ db: database.db });
    const at = new Date('2026-03-10T09:30:15.123Z');
    const hostile = `quote " back \\ slash '; DROP TABLE "Job"; -- <script>alert(1)</script> ünï 😀`;
    const rows = [
      { id: 'sub-1', instanceId: 'i1', elementId: 'wait', elementInstanceId: 'e1', kind: 'message', messageName: hostile, correlationKey: null, interrupting: false },
      { id: 'sub-2', instanceId: 'i1', elementId: 'wait', elementInstanceId: 'e2', kind: 'signal', messageName: 'go', interrupting: true },
    ];

    // when
    await database.db.$transaction((tx) => insertRows(rt, tx, 'MessageSubscription', rows, { createdAt: at }));

    // then
    const read = await database.db.messageSubscription.findMany({ where: { instanceId: 'i1' }, orderBy: { id: 'asc' } });
    expect(read.map((r) => [r.id, r.messageName, r.correlationKey, r.interrupting, r.status, r.createdAt.toISOString()])).toEqual([
      ['sub-1', hostile, null, false, 'open', '2026-03-10T09:30:15.123Z'],
      ['sub-2', 'go', null, true, 'open', '2026-03-10T09:30:15.123Z'],
    ]);

    // and when deleted by id, then only those rows go
    await database.db.$transaction((tx) => deleteByIds(rt, tx, 'MessageSubscription', ['sub-1', 'missing']));
    expect((await database.db.messageSubscription.findMany({ where: { instanceId: 'i1' } })).map((r) => r.id)).toEqual(['sub-2']);
  });
});
