// Fresh, migrated databases for vitest files — never the developer's prisma/dev.db.
//
//   const database = await createTestDatabase('postgres');   // or 'sqlite'
//   ... database.db.processModel.create(...) ...
//   await database.drop();
//
// or, to run one suite on both databases:
//
//   describeEachDatabase('instance events', (database) => {
//     it('appends', async () => { await database.db.instanceEventBatch.create(...) });
//   });
//
// SQLite: a file in a new temporary folder. PostgreSQL: `CREATE DATABASE baton_test_<random>`
// on TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres); the server must
// be running (`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`).
// Either way the committed migrations are applied in-process (lib/db/migrate.ts), so the tests
// run against the schema that production gets. Each call makes its own database: test files run
// in parallel without sharing rows.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';

import { createDb, type Db } from './client';
import { parseDatabaseUrl, withDatabaseName } from './database-url';
import { deployMigrations, REPO_ROOT } from './migrate';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export const TEST_DATABASE_KINDS: readonly TestDatabaseKind[] = ['sqlite', 'postgres'];

export const DEFAULT_TEST_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = {
  kind: TestDatabaseKind;
  /** A client on the new database. */
  db: Db;
  /** Its DATABASE_URL (a file: URL or a postgresql:// URL). */
  url: string;
  /** Closes the client and deletes the database (file or PostgreSQL database). Safe to call twice. */
  drop(): Promise<void>;
};

async function runOn(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${connectionString} (${reason}). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type EmptyTestDatabase = {
  kind: TestDatabaseKind;
  url: string;
  /** Deletes the database (file or PostgreSQL database); close clients on it first. */
  remove(): Promise<void>;
};

/** A new database of `kind` with nothing in it — not even the migrations (for migration tests). */
export async function createEmptyTestDatabase(kind: TestDatabaseKind): Promise<EmptyTestDatabase> {
  if (kind === 'sqlite') {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'baton-test-'));
    return { kind, url: `file:${path.join(folder, 'test.db')}`, remove: () => rm(folder, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
  const name = `baton_test_${randomBytes(6).toString('hex')}`;
  await runOn(adminUrl, `CREATE DATABASE "${name}"`);
  // WITH (FORCE) (PostgreSQL >= 13) also ends connections a test may have leaked.
  return { kind, url: withDatabaseName(adminUrl, name), remove: () => runOn(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A new database of `kind` with every committed migration applied. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const created = await createEmptyTestDatabase(kind);
  try {
    await deployMigrations({ url: created.url });
  } catch (error) {
    await created.remove().catch(() => {});
    throw error;
  }
  const db = createDb(created.url);
  let dropped: Promise<void> | undefined;
  return {
    kind,
    db,
    url: created.url,
    drop: () =>
      (dropped ??= (async () => {
        await db.$disconnect();
        await created.remove();
      })()),
  };
}

/** What a `describeEachDatabase` suite sees; `db` and `url` are readable inside tests and hooks. */
export type TestDatabaseHandle = {
  readonly kind: TestDatabaseKind;
  readonly db: Db;
  readonly url: string;
};

/**
 * Declares the suite `fn` once per database kind (`<name> [sqlite]`, `<name> [postgres]`), each
 * with its own fresh database created before its tests and dropped after them.
 */
export function describeEachDatabase(name: string, fn: (database: TestDatabaseHandle) => void): void {
  for (const kind of TEST_DATABASE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      const ready = (): TestDatabase => {
        if (!current) throw new Error('the test database exists only inside tests and hooks (it is created in beforeAll)');
        return current;
      };
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await current?.drop();
      });
      fn({
        kind,
        get db() {
          return ready().db;
        },
        get url() {
          return ready().url;
        },
      });
    });
  }
}

/** Runs `sql` on the database at `url` with its own driver (not Prisma), to set up or check what Prisma and the engines wrote; returns the rows. */
export async function runSql<T>(url: string, sql: string): Promise<T[]> {
  const target = parseDatabaseUrl(url, REPO_ROOT);
  if (target.kind === 'sqlite') {
    const db = new Database(target.file);
    try {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all() as T[];
      statement.run();
      return [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
