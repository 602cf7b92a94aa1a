// The migration that turned one row per event (InstanceEvent) into one row per commit and instance
// (InstanceEventBatch), on a database holding events written before it: nothing is lost, ids stay.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventsOfRow } from '@/lib/engine/runtime/event-log';
import { deployMigrations, REPO_ROOT } from './migrate';
import { createEmptyTestDatabase, type EmptyTestDatabase, runSql as run, TEST_DATABASE_KINDS } from './test-database';

const MIGRATION = /_instance_event_batches$/;

/** The project's migrations up to (not including) the event log migration, in a temporary root. */
async function migrationsBefore(root: string, dir: string): Promise<void> {
  await cp(path.join(REPO_ROOT, dir, '../schema.prisma'), path.join(root, dir, '../schema.prisma'));
  await cp(path.join(REPO_ROOT, dir, 'migration_lock.toml'), path.join(root, dir, 'migration_lock.toml'));
  for (const name of (await readdir(path.join(REPO_ROOT, dir))).filter((entry) => /^\d/.test(entry)).sort()) {
    if (MIGRATION.test(name)) break;
    await cp(path.join(REPO_ROOT, dir, name), path.join(root, dir, name), { recursive: true });
  }
}

async function addEventLogMigration(root: string, dir: string): Promise<void> {
  const name = (await readdir(path.join(REPO_ROOT, dir))).find((entry) => MIGRATION.test(entry));
  if (name === undefined) throw new Error(`no *_instance_event_batches migration in ${dir}`);
  await cp(path.join(REPO_ROOT, dir, name), path.join(root, dir, name), { recursive: true });
}

const at = '2026-01-01T12:00:00.000Z';
const event = (n: number) => JSON.stringify({ type: 'VariablesSet', v: 1, at, scopeKey: 'root', variables: { n, text: `it's "quoted" ü` } });

describe.each(TEST_DATABASE_KINDS)('event log migration on %s', (kind) => {
  let database: EmptyTestDatabase;
  let root: string;
  const dir = kind === 'sqlite' ? 'prisma/migrations' : 'prisma/postgres/migrations';

  beforeAll(async () => {
    database = await createEmptyTestDatabase(kind);
    root = await mkdtemp(path.join(os.tmpdir(), 'baton-event-log-'));
    await migrationsBefore(root, dir);
    await deployMigrations({ url: database.url, root });
    const date = kind === 'sqlite' ? `'${at}'` : `TIMESTAMP '2026-01-01 12:00:00'`;
    const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
    await run(
      database.url,
      `INSERT INTO "InstanceEvent" ("instanceId", "seq", "type", "v", "payload", "elementId", "actor", "at") VALUES
        ('i1', 1, 'VariablesSet', 1, ${quote(event(1))}, NULL, 'system', ${date}),
        ('i2', 1, 'VariablesSet', 1, ${quote(event(2))}, NULL, 'person:u1', ${date}),
        ('i1', 2, 'VariablesSet', 1, ${quote(event(3))}, 'task', NULL, ${date})`,
    );
  });
  afterAll(async () => {
    await database?.remove();
    await rm(root, { recursive: true, force: true });
  });

  it('given events stored one per row, when the migration runs, then each is a row of its own with its id, sequence number, actor and event', async () => {
    const before = await run<{ id: number }>(database.url, 'SELECT "id" FROM "InstanceEvent" ORDER BY "id"');

    await addEventLogMigration(root, dir);
    const result = await deployMigrations({ url: database.url, root });

    expect(result.applied).toEqual([expect.stringMatching(MIGRATION)]);
    const rows = await run<{ id: number; instanceId: string; firstSeq: number; lastSeq: number; events: string }>(
      database.url,
      'SELECT "id", "instanceId", "firstSeq", "lastSeq", "events" FROM "InstanceEventBatch" ORDER BY "id"',
    );
    expect(rows.map((row) => Number(row.id))).toEqual(before.map((row) => Number(row.id)));
    const read = rows.flatMap((row) => eventsOfRow({ ...row, id: Number(row.id) }));
    expect(read.map((item) => [item.instanceId, item.seq, item.actor, item.event])).toEqual([
      ['i1', 1, 'system', JSON.parse(event(1))],
      ['i2', 1, 'person:u1', JSON.parse(event(2))],
      ['i1', 2, null, JSON.parse(event(3))],
    ]);
  });

  it('given the migrated log, when a new row is appended, then its id comes after every migrated one', async () => {
    await run(database.url, `INSERT INTO "InstanceEventBatch" ("instanceId", "firstSeq", "lastSeq", "events") VALUES ('i2', 2, 2, '[]')`);
    const [last] = await run<{ id: number }>(database.url, `SELECT "id" FROM "InstanceEventBatch" WHERE "instanceId" = 'i2' AND "lastSeq" = 2`);
    const [max] = await run<{ id: number }>(database.url, `SELECT MAX("id") AS "id" FROM "InstanceEventBatch" WHERE "lastSeq" < 2 OR "instanceId" = 'i1'`);
    expect(Number(last.id)).toBeGreaterThan(Number(max.id));
  });
});
