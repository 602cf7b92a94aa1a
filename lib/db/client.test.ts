// The generated clients on real databases: one suite, run on SQLite and on PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';

import { createDb, getDb, SQLITE_BUSY_TIMEOUT_MS } from './client';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from './test-database';

describeEachDatabase('database client', (database) => {
  /** A published process with one version; keys are unique per call so tests do not collide. */
  async function publishedVersion(key: string) {
    return database.db.processVersion.create({
      data: {
        number: 1,
        processKey: key,
        bpmnXml: '<definitions/>',
        modelJson: '{}',
        checksum: `sha-${key}`,
        model: { create: { key, name: `Process ${key}`, draft: '{}', latestVersion: 1 } },
      },
    });
  }

  it('given a model, version, instance and events, when they are read back, then every field round-trips', async () => {
    const version = await publishedVersion('round-trip');
    const instance = await database.db.processInstance.create({
      data: { versionId: version.id, processKey: 'round-trip', businessKey: 'order-42', snapshot: '{"tokens":[]}', lastSeq: 2 },
    });
    const at = new Date('2026-01-02T03:04:05.678Z');
    await database.db.instanceEvent.createMany({
      data: [
        { instanceId: instance.id, seq: 1, type: 'instance-started', payload: '{"variables":{"amount":10}}', at, actor: 'system' },
        { instanceId: instance.id, seq: 2, type: 'token-moved', payload: '{}', elementId: 'Task_1', at: new Date(at.getTime() + 1) },
      ],
    });

    const read = {
      ...(await database.db.processInstance.findUniqueOrThrow({ where: { id: instance.id }, include: { version: { include: { model: true } } } })),
      events: await database.db.instanceEvent.findMany({ where: { instanceId: instance.id }, orderBy: { seq: 'asc' } }),
    };

    expect(read).toMatchObject({ status: 'active', businessKey: 'order-42', lastSeq: 2, openIncidents: 0, endedAt: null });
    expect(read.version.model).toMatchObject({ key: 'round-trip', lock: 0, latestVersion: 1 });
    expect(read.events.map((e) => [e.seq, e.type, e.v, e.elementId])).toEqual([
      [1, 'instance-started', 1, null],
      [2, 'token-moved', 1, 'Task_1'],
    ]);
    expect(read.events[0].at.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(JSON.parse(read.events[0].payload)).toEqual({ variables: { amount: 10 } });
    // The autoincrement id gives all events a global order.
    expect(read.events[1].id).toBeGreaterThan(read.events[0].id);
    expect(read.startedAt).toBeInstanceOf(Date);
  });

  it('given an event with sequence 1, when another event of the same instance takes sequence 1, then the unique (instanceId, seq) constraint rejects it', async () => {
    const version = await publishedVersion('unique-seq');
    const instance = await database.db.processInstance.create({ data: { versionId: version.id, processKey: 'unique-seq', snapshot: '{}' } });
    const event = { instanceId: instance.id, seq: 1, type: 'instance-started', payload: '{}', at: new Date() };
    await database.db.instanceEvent.create({ data: event });

    await expect(database.db.instanceEvent.create({ data: { ...event, type: 'duplicate' } })).rejects.toMatchObject({ code: 'P2002' });
    expect(await database.db.instanceEvent.count({ where: { instanceId: instance.id } })).toBe(1);
  });

  it('given a transaction that fails half-way, when it is rolled back, then none of its writes remain', async () => {
    const version = await publishedVersion('rollback');
    const instance = await database.db.processInstance.create({ data: { versionId: version.id, processKey: 'rollback', snapshot: '{}' } });
    const event = { instanceId: instance.id, seq: 1, type: 'instance-started', payload: '{}', at: new Date() };

    await expect(
      database.db.$transaction(async (tx) => {
        await tx.processInstance.update({ where: { id: instance.id }, data: { lastSeq: 1 } });
        await tx.instanceEvent.create({ data: event });
        await tx.instanceEvent.create({ data: event });
      }),
    ).rejects.toMatchObject({ code: 'P2002' });

    expect(await database.db.processInstance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({ lastSeq: 0 });
    expect(await database.db.instanceEvent.count({ where: { instanceId: instance.id } })).toBe(0);
  });
});

describe('SQLite connection settings', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });

  it('given a SQLite client, when its pragmas are read, then the journal is WAL and the busy timeout is set', async () => {
    database = await createTestDatabase('sqlite');
    const [journal] = await database.db.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
    const [busy] = await database.db.$queryRawUnsafe<Array<{ timeout: number | bigint }>>('PRAGMA busy_timeout');
    expect(journal.journal_mode).toBe('wal');
    expect(Number(busy.timeout)).toBe(SQLITE_BUSY_TIMEOUT_MS);
  });
});

describe('getDb', () => {
  let database: TestDatabase | undefined;
  const previousUrl = process.env.DATABASE_URL;
  afterAll(async () => {
    await getDb().$disconnect();
    process.env.DATABASE_URL = previousUrl;
    await database?.drop();
  });

  it('given DATABASE_URL, when getDb is called twice, then it returns one client on that database', async () => {
    database = await createTestDatabase('sqlite');
    process.env.DATABASE_URL = database.url;
    const first = getDb();
    expect(getDb()).toBe(first);
    await database.db.group.create({ data: { name: 'finance' } });
    expect(await first.group.count({ where: { name: 'finance' } })).toBe(1);
  });
});

describe('createDb', () => {
  it('given an unsupported URL, when a client is created, then it fails with the accepted forms', () => {
    expect(() => createDb('mysql://localhost/baton')).toThrow(/file:<path>.*postgresql:\/\//);
  });
});
