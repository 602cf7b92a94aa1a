// The migration functions behind scripts/migrate.ts, on real databases (a SQLite file and a
// PostgreSQL database per suite), against the committed migrations — and, for `dev`, against a
// copy of the project in a temporary folder so the real migrations folder is never touched.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseDatabaseUrl } from './database-url';
import { createMigration, deployMigrations, diffMigrations, markRolledBack, migrationLayout, migrationStatus, REPO_ROOT } from './migrate';
import { createEmptyTestDatabase, type EmptyTestDatabase, runSql as query, TEST_DATABASE_KINDS, type TestDatabaseKind } from './test-database';

type MigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number;
  logs: string | null;
};

type Column = { name: string; type: string; notNull: boolean };

async function migrationsTableColumns(kind: TestDatabaseKind, url: string): Promise<Column[]> {
  if (kind === 'sqlite') {
    const rows = await query<{ name: string; type: string; notnull: number }>(url, `PRAGMA table_info("_prisma_migrations")`);
    return rows.map((r) => ({ name: r.name, type: r.type, notNull: r.notnull === 1 }));
  }
  const rows = await query<{ column_name: string; data_type: string; is_nullable: string }>(
    url,
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
  );
  return rows.map((r) => ({ name: r.column_name, type: r.data_type, notNull: r.is_nullable === 'NO' }));
}

/** The columns Prisma's own engine creates (and the official CLI reads), per database. */
const PRISMA_MIGRATIONS_COLUMNS: Record<TestDatabaseKind, Column[]> = {
  sqlite: [
    { name: 'id', type: 'TEXT', notNull: true },
    { name: 'checksum', type: 'TEXT', notNull: true },
    { name: 'finished_at', type: 'DATETIME', notNull: false },
    { name: 'migration_name', type: 'TEXT', notNull: true },
    { name: 'logs', type: 'TEXT', notNull: false },
    { name: 'rolled_back_at', type: 'DATETIME', notNull: false },
    { name: 'started_at', type: 'DATETIME', notNull: true },
    { name: 'applied_steps_count', type: 'INTEGER UNSIGNED', notNull: true },
  ],
  postgres: [
    { name: 'id', type: 'character varying', notNull: true },
    { name: 'checksum', type: 'character varying', notNull: true },
    { name: 'finished_at', type: 'timestamp with time zone', notNull: false },
    { name: 'migration_name', type: 'character varying', notNull: true },
    { name: 'logs', type: 'text', notNull: false },
    { name: 'rolled_back_at', type: 'timestamp with time zone', notNull: false },
    { name: 'started_at', type: 'timestamp with time zone', notNull: true },
    { name: 'applied_steps_count', type: 'integer', notNull: true },
  ],
};

async function committedMigrations(kind: TestDatabaseKind): Promise<string[]> {
  const dir = migrationLayout({ url: kind === 'sqlite' ? 'file:./x.db' : 'postgresql://h/x' }).migrationsDir;
  return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

describe.each(TEST_DATABASE_KINDS)('migrations on %s', (kind) => {
  let database: EmptyTestDatabase;
  let migrations: string[];

  beforeAll(async () => {
    database = await createEmptyTestDatabase(kind);
    migrations = await committedMigrations(kind);
  });
  afterAll(async () => {
    await database?.remove();
  });

  it('given the committed migrations, when listed, then the first one is init', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(1);
    expect(migrations[0]).toMatch(/^\d{14}_init$/);
  });

  it('given a fresh database, when deployed, then every migration is applied and none is pending', async () => {
    const result = await deployMigrations({ url: database.url });
    expect(result.applied).toEqual(migrations);
    expect(result.pending).toEqual([]);
  });

  it('given a deployed database, when deployed again, then nothing is applied', async () => {
    const result = await deployMigrations({ url: database.url });
    expect(result).toMatchObject({ applied: [], pending: [] });
  });

  it('given a deployed database, when its status is read, then every migration is applied without problems', async () => {
    const status = await migrationStatus({ url: database.url });
    expect(status).toMatchObject({ migrations, pending: [], problems: [] });
  });

  it('given the committed schema and migrations, when diffed, then there is no drift', async () => {
    const result = await diffMigrations({ url: database.url });
    expect(result).toMatchObject({ drift: false, sql: '' });
  });

  it("given a deployed database, when _prisma_migrations is read, then it has Prisma's columns and a finished row per migration with the file's checksum", async () => {
    expect(await migrationsTableColumns(kind, database.url)).toEqual(PRISMA_MIGRATIONS_COLUMNS[kind]);

    const rows = await query<MigrationRow>(database.url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(migrations);
    const dir = migrationLayout({ url: database.url }).migrationsDir;
    for (const row of rows) {
      // The official CLI recognises an edited migration by this checksum: sha256 of migration.sql.
      const sql = await readFile(path.join(dir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(Number(row.applied_steps_count)).toBeGreaterThanOrEqual(1);
    }
  });

  it('given a deployed database, when the shadow databases of diff are gone, then none is left behind', async () => {
    if (kind === 'sqlite') return; // the SQLite shadow database lives in memory
    const leftovers = await query<{ datname: string }>(database.url, `SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`);
    expect(leftovers).toEqual([]);
  });
});

describe('deploy on SQLite', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'baton-migrate-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('given a path whose folder does not exist, when deployed, then the folder and file are created', async () => {
    const file = path.join(folder, 'nested/deeper/app.db');
    const result = await deployMigrations({ url: `file:${file}` });
    expect(result.applied.length).toBeGreaterThanOrEqual(1);
    const tables = await query<{ name: string }>(`file:${file}`, `SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ProcessInstance'`);
    expect(tables).toEqual([{ name: 'ProcessInstance' }]);
  });
});

/** A copy of the project's prisma/ folder in a temporary root, with `model DevProbe` added to both schemas. */
async function projectCopyWithNewModel(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'baton-dev-'));
  await cp(path.join(REPO_ROOT, 'prisma/schema.prisma'), path.join(root, 'prisma/schema.prisma'));
  await cp(path.join(REPO_ROOT, 'prisma/migrations'), path.join(root, 'prisma/migrations'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'prisma/postgres/schema.prisma'), path.join(root, 'prisma/postgres/schema.prisma'));
  await cp(path.join(REPO_ROOT, 'prisma/postgres/migrations'), path.join(root, 'prisma/postgres/migrations'), { recursive: true });
  const probe = '\nmodel DevProbe {\n  id   String  @id\n  note String?\n}\n';
  for (const schema of ['prisma/schema.prisma', 'prisma/postgres/schema.prisma']) {
    await writeFile(path.join(root, schema), (await readFile(path.join(root, schema), 'utf8')) + probe);
  }
  return root;
}

describe.each(TEST_DATABASE_KINDS)('dev on %s (in a copy of the project)', (kind) => {
  let database: EmptyTestDatabase;
  let root: string;

  beforeAll(async () => {
    database = await createEmptyTestDatabase(kind);
    root = await projectCopyWithNewModel();
  });
  afterAll(async () => {
    await database?.remove();
    await rm(root, { recursive: true, force: true });
  });
  it('given a schema change without a migration, when diffed, then drift is reported with the SQL that would fix it', async () => {
    const result = await diffMigrations({ url: database.url, root });
    expect(result.drift).toBe(true);
    expect(result.sql).toContain('CREATE TABLE "DevProbe"');
  });

  it('given that change and a fresh database, when dev runs, then the pending migrations are applied and a new migration is written and applied', async () => {
    const result = await createMigration({ url: database.url, root, name: 'Add dev probe!' });
    const migrationsDir = migrationLayout({ url: database.url, root }).migrationsDir;

    expect(result.appliedFirst).toEqual(await committedMigrations(kind));
    expect(result.created).toMatch(/^\d{14}_add_dev_probe$/);
    expect(result.appliedCreated).toBe(true);
    expect(result.warnings).toEqual([]);
    const sql = await readFile(path.join(migrationsDir, result.created ?? '', 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "DevProbe"');
    const lock = await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8');
    expect(lock).toContain(`provider = "${kind === 'sqlite' ? 'sqlite' : 'postgresql'}"`);
  });

  it('given the new migration, when diffed and deployed again, then there is no drift and nothing to apply', async () => {
    expect(await diffMigrations({ url: database.url, root })).toMatchObject({ drift: false });
    expect(await deployMigrations({ url: database.url, root })).toMatchObject({ applied: [], pending: [] });
  });

  it('given no further change, when dev runs again, then no migration is created', async () => {
    const result = await createMigration({ url: database.url, root, name: 'nothing' });
    expect(result).toMatchObject({ created: null, appliedFirst: [], appliedCreated: false });
  });
});

describe('dev on SQLite when a change would lose data (in a copy of the project)', () => {
  let database: EmptyTestDatabase;
  let root: string;

  beforeAll(async () => {
    database = await createEmptyTestDatabase('sqlite');
    root = await projectCopyWithNewModel();
    await createMigration({ url: database.url, root, name: 'add dev probe' });
    const file = parseDatabaseUrl(database.url, root);
    if (file.kind !== 'sqlite') throw new Error('expected SQLite');
    const db = new Database(file.file);
    db.prepare(`INSERT INTO "DevProbe" ("id", "note") VALUES ('p1', 'keep me')`).run();
    db.close();
    const schemaPath = path.join(root, 'prisma/schema.prisma');
    await writeFile(schemaPath, (await readFile(schemaPath, 'utf8')).replace('  note String?\n', ''));
  });
  afterAll(async () => {
    await database?.remove();
    await rm(root, { recursive: true, force: true });
  });

  it('given a column with data that the schema drops, when dev runs, then it refuses and names the loss', async () => {
    await expect(createMigration({ url: database.url, root, name: 'drop note' })).rejects.toThrow(/would lose data[\s\S]*note[\s\S]*--accept-data-loss/);
  });

  it('given the same change, when dev runs with acceptDataLoss, then the migration is created and applied with the warning', async () => {
    const result = await createMigration({ url: database.url, root, name: 'drop note', acceptDataLoss: true });
    expect(result.created).toMatch(/_drop_note$/);
    expect(result.appliedCreated).toBe(true);
    expect(result.warnings.join('\n')).toMatch(/note/);
  });
});

describe.each(TEST_DATABASE_KINDS)('deploy of a hand-written migration on %s (in a copy of the project)', (kind) => {
  let database: EmptyTestDatabase;
  let root: string;

  beforeAll(async () => {
    database = await createEmptyTestDatabase(kind);
    root = await projectCopyWithNewModel();
    const dir = path.join(migrationLayout({ url: database.url, root }).migrationsDir, '29990101000000_semicolons');
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, 'migration.sql'),
      `-- Semicolons inside string literals.\nCREATE TABLE "Semicolon" ("v" TEXT NOT NULL DEFAULT 'a;b');\nINSERT INTO "Semicolon" ("v") VALUES ('c;d');\n`,
    );
  });
  afterAll(async () => {
    await database?.remove();
    await rm(root, { recursive: true, force: true });
  });

  it('given statements with semicolons inside strings, when deployed, then they run as written', async () => {
    const result = await deployMigrations({ url: database.url, root });
    expect(result.applied.at(-1)).toBe('29990101000000_semicolons');
    expect(await query<{ v: string }>(database.url, 'SELECT "v" FROM "Semicolon"')).toEqual([{ v: 'c;d' }]);
  });

  it('given a migration that fails, when deployed, then the error names the migration and the cause, and status reports it failed', async () => {
    const dir = path.join(migrationLayout({ url: database.url, root }).migrationsDir, '29990101000001_broken');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), 'INSERT INTO "NoSuchTable" ("v") VALUES (1);\n');

    await expect(deployMigrations({ url: database.url, root })).rejects.toThrow(
      /^migration 29990101000001_broken failed: [\s\S]*NoSuchTable[\s\S]*resolve --rolled-back 29990101000001_broken$/,
    );
    const status = await migrationStatus({ url: database.url, root });
    expect(status.problems).toEqual(['29990101000001_broken failed']);
  });

  it('given the failed migration fixed, when it is marked rolled back and deployed, then it is applied', async () => {
    const dir = path.join(migrationLayout({ url: database.url, root }).migrationsDir, '29990101000001_broken');
    await writeFile(path.join(dir, 'migration.sql'), 'INSERT INTO "Semicolon" ("v") VALUES (\'fixed\');\n');

    await markRolledBack({ url: database.url, root, name: '29990101000001_broken' });
    expect(await deployMigrations({ url: database.url, root })).toMatchObject({ applied: ['29990101000001_broken'], pending: [] });
    expect(await migrationStatus({ url: database.url, root })).toMatchObject({ pending: [], problems: [] });
  });
});
