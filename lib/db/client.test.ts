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

  it('given a model, version, instance and event log rows, when they are read back, then every field round-trips', async () => {
    const version = await publishedVersion('round-trip');
    const instance = await database.db.processInstance.create({
      data: { versionId: version.id, processKey: 'round-trip', businessKey: 'order-42', snapshot: '{"tokens":[]}', lastSeq: 3 },
    });
    await database.db.instanceEventBatch.createMany({
      data: [
        { instanceId: instance.id, firstSeq: 1, lastSeq: 2, events: '[{"actor":"system","event":{"n":1}},{"actor":null,"event":{"n":"ü \\"\'"}}]' },
        { instanceId: instance.id, firstSeq: 3, lastSeq: 3, events: '[{"actor":"person:u1","event":{}}]' },
      ],
    });

    const read = {
      ...(await database.db.processInstance.findUniqueOrThrow({ where: { id: instance.id }, include: { version: { include: { model: true } } } })),
      log: await database.db.instanceEventBatch.findMany({ where: { instanceId: instance.id }, orderBy: { lastSeq: 'asc' } }),
    };

    expect(read).toMatchObject({ status: 'active', businessKey: 'order-42', lastSeq: 3, openIncidents: 0, endedAt: null });
    expect(read.version.model).toMatchObject({ key: 'round-trip', lock: 0, latestVersion: 1 });
    expect(read.log.map((row) => [row.firstSeq, row.lastSeq])).toEqual([
      [1, 2],
      [3, 3],
    ]);
    expect(JSON.parse(read.log[0].events)).toEqual([
      { actor: 'system', event: { n: 1 } },
      { actor: null, event: { n: 'ü "\'' } },
    ]);
    // The autoincrement id gives all rows a global order.
    expect(read.log[1].id).toBeGreaterThan(read.log[0].id);
    expect(read.startedAt).toBeInstanceOf(Date);
  });

  it('given a log row ending at sequence 2, when another row of the same instance ends at 2, then the unique (instanceId, lastSeq) constraint rejects it', async () => {
    const version = await publishedVersion('unique-seq');
    const instance = await database.db.processInstance.create({ data: { versionId: version.id, processKey: 'unique-seq', snapshot: '{}' } });
    const row = { instanceId: instance.id, firstSeq: 1, lastSeq: 2, events: '[{},{}]' };
    await database.db.instanceEventBatch.create({ data: row });

    await expect(database.db.instanceEventBatch.create({ data: { ...row, firstSeq: 2, events: '[{}]' } })).rejects.toMatchObject({ code: 'P2002' });
    expect(await database.db.instanceEventBatch.count({ where: { instanceId: instance.id } })).toBe(1);
  });

  it('given a transaction that fails half-way, when it is rolled back, then none of its writes remain', async () => {
    const version = await publishedVersion('rollback');
    const instance = await database.db.processInstance.create({ data: { versionId: version.id, processKey: 'rollback', snapshot: '{}' } });
    const row = { instanceId: instance.id, firstSeq: 1, lastSeq: 1, events: '[{}]' };

    await expect(
      database.db.$transaction(async (tx) => {
        await tx.processInstance.update({ where: { id: instance.id }, data: { lastSeq: 1 } });
        await tx.instanceEventBatch.create({ data: row });
        await tx.instanceEventBatch.create({ data: row });
      }),
    ).rejects.toMatchObject({ code: 'P2002' });

    expect(await database.db.processInstance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({ lastSeq: 0 });
    expect(await database.db.instanceEventBatch.count({ where: { instanceId: instance.id } })).toBe(0);
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
