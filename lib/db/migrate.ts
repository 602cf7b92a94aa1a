// Prisma-compatible migrations without the native schema engine: the functions behind
// scripts/migrate.ts, also called in-process by lib/db/test-database.ts.
//
// The layout is Prisma's own, so the official CLI accepts the result: migration folders
// `<timestamp>_<name>/migration.sql` and `migration_lock.toml` under the migrations directory,
// and the `_prisma_migrations` table written by the engine itself.
//
// Which database: DATABASE_URL (see lib/db/database-url.ts).
// - SQLite     → prisma/schema.prisma          and prisma/migrations
// - PostgreSQL → prisma/postgres/schema.prisma and prisma/postgres/migrations
//
// The commands call the engine in the order Prisma's CLI does (packages/migrate), with two
// quirks of the wasm engine handled here (the adapters' bugs are in lib/db/schema-engine.ts):
// - on SQLite, diagnosing a database without `_prisma_migrations` fails (see diagnose());
// - evaluateDataLoss and createMigration cannot open a shadow database themselves (see
//   createMigration()).
import { existsSync, mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type {
  DiagnoseMigrationHistoryOutput,
  MigrationDirectory,
  MigrationList,
  SchemaFilter,
} from '@prisma/schema-engine-wasm/schema_engine_bg';

import { type DatabaseTarget, describeDatabase, parseDatabaseUrl } from './database-url';
import { explainEngineError, openSchemaEngine, type OpenEngine, type SchemaEngine, type SchemaFile } from './schema-engine';

/** The repository root (this file is lib/db/migrate.ts). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export type MigrateOptions = {
  /** A DATABASE_URL; unset means file:./prisma/dev.db. */
  url?: string;
  /** The project folder holding prisma/; relative SQLite paths resolve against it too. Defaults to the repo root. */
  root?: string;
};

export type MigrationLayout = {
  target: DatabaseTarget;
  /** A printable name of the database (no password). */
  database: string;
  schemaPath: string;
  migrationsDir: string;
};

/** An error whose message is meant for the person running the command (no stack trace needed). */
export class MigrateError extends Error {
  override name = 'MigrateError';
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/** better-sqlite3's name for a private in-memory database. */
const SQLITE_IN_MEMORY = ':memory:';

export function migrationLayout(options: MigrateOptions = {}): MigrationLayout {
  const root = options.root ?? REPO_ROOT;
  const target = parseDatabaseUrl(options.url, root);
  const prismaDir = target.kind === 'sqlite' ? path.join(root, 'prisma') : path.join(root, 'prisma/postgres');
  return {
    target,
    database: describeDatabase(target, root),
    schemaPath: path.join(prismaDir, 'schema.prisma'),
    migrationsDir: path.join(prismaDir, 'migrations'),
  };
}

/** The migrations directory as Prisma's CLI reads it: sub-folders sorted by name, each with its migration.sql. */
export async function listMigrations(migrationsDir: string): Promise<MigrationList> {
  const lockfile = { path: 'migration_lock.toml', content: await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(() => null) };
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories: MigrationDirectory[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await readFile(path.join(migrationsDir, entry.name, 'migration.sql'), 'utf8')
      .then((value) => ({ tag: 'ok' as const, value }))
      .catch((error: Error) => ({ tag: 'error' as const, value: error.message }));
    migrationDirectories.push({ path: entry.name, migrationFile: { path: 'migration.sql', content } });
  }
  return { baseDir: migrationsDir, lockfile, shadowDbInitScript: '', migrationDirectories };
}

async function readSchema(layout: MigrationLayout): Promise<SchemaFile> {
  return { path: layout.schemaPath, content: await readFile(layout.schemaPath, 'utf8') };
}

/**
 * Opens the engine on `target` (default: the layout's database), runs `work`, and always closes
 * it; engine errors come out as MigrateErrors with readable messages. Opening a SQLite target
 * creates its file (and folder) when missing.
 */
async function withEngine<T>(
  layout: MigrationLayout,
  work: (engine: SchemaEngine, schema: SchemaFile) => Promise<T>,
  target: DatabaseTarget = layout.target,
): Promise<T> {
  const schema = await readSchema(layout);
  if (target.kind === 'sqlite' && target.file !== SQLITE_IN_MEMORY) mkdirSync(path.dirname(target.file), { recursive: true });
  let open: OpenEngine;
  try {
    open = await openSchemaEngine(target, schema);
  } catch (error) {
    throw new MigrateError(`cannot open ${layout.database}: ${errorText(error)}`);
  }
  try {
    return await work(open.engine, schema);
  } catch (error) {
    const explained = explainEngineError(error, open.adapter);
    if (explained instanceof MigrateError) throw explained;
    // A migration that failed to apply is recorded as failed: name it, and say how to go on.
    const failed = (await diagnose(open.engine, await listMigrations(layout.migrationsDir)).catch(() => null))?.failedMigrationNames ?? [];
    if (failed.length === 0) throw new MigrateError(errorText(explained));
    throw new MigrateError(
      `migration ${failed.join(', ')} failed: ${errorText(explained)}\n` +
        `Fix the migration or the database, then mark it rolled back and deploy again: npm run db:migrate -- resolve --rolled-back ${failed[0]}`,
    );
  } finally {
    await open.close();
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && /^P\d{4}$/.test(code) ? `${code}: ${error.message}` : error.message;
}

function errorCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * diagnoseMigrationHistory, except on a SQLite database without `_prisma_migrations`: the wasm
 * SQLite connector reports the missing table as error P1014 instead of "not initialised"
 * (PostgreSQL answers hasMigrationsTable: false). Returns null in that case.
 */
async function diagnose(engine: SchemaEngine, migrationsList: MigrationList): Promise<DiagnoseMigrationHistoryOutput | null> {
  try {
    return await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER });
  } catch (error) {
    if (errorCode(error) === 'P1014') return null;
    throw error;
  }
}

function pendingNames(diagnostic: DiagnoseMigrationHistoryOutput | null, migrationsList: MigrationList): string[] {
  if (diagnostic === null) return migrationsList.migrationDirectories.map((d) => d.path);
  const history = diagnostic.history;
  if (history?.diagnostic === 'databaseIsBehind' || history?.diagnostic === 'historiesDiverge') return history.unappliedMigrationNames;
  return [];
}

// ---------------------------------------------------------------------------------------
// Commands

export type DeployResult = { database: string; applied: string[]; pending: string[] };

/** Applies pending migrations (`prisma migrate deploy`). Creates the SQLite file and its folder if missing. */
export async function deployMigrations(options: MigrateOptions = {}): Promise<DeployResult> {
  const layout = migrationLayout(options);
  return withEngine(layout, async (engine) => {
    const migrationsList = await listMigrations(layout.migrationsDir);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    const pending = pendingNames(await diagnose(engine, migrationsList), migrationsList);
    return { database: layout.database, applied: appliedMigrationNames, pending };
  });
}

export type StatusResult = { database: string; migrations: string[]; pending: string[]; problems: string[] };

/** What `prisma migrate status` reports: migrations not yet applied, and history problems. Changes nothing. */
export async function migrationStatus(options: MigrateOptions = {}): Promise<StatusResult> {
  const layout = migrationLayout(options);
  if (layout.target.kind === 'sqlite' && !existsSync(layout.target.file)) {
    const migrations = (await listMigrations(layout.migrationsDir)).migrationDirectories.map((d) => d.path);
    return { database: layout.database, migrations, pending: migrations, problems: [`${layout.target.file} does not exist yet`] };
  }
  return withEngine(layout, async (engine) => {
    const migrationsList = await listMigrations(layout.migrationsDir);
    const diagnostic = await diagnose(engine, migrationsList);
    const problems: string[] = [];
    if (diagnostic) {
      for (const name of diagnostic.failedMigrationNames) problems.push(`${name} failed`);
      for (const name of diagnostic.editedMigrationNames) problems.push(`${name} was edited after it was applied`);
      const history = diagnostic.history;
      if (history?.diagnostic === 'migrationsDirectoryIsBehind' || history?.diagnostic === 'historiesDiverge') {
        for (const name of history.unpersistedMigrationNames) problems.push(`${name} is applied but missing from ${path.relative(REPO_ROOT, layout.migrationsDir)}`);
      }
    }
    return {
      database: layout.database,
      migrations: migrationsList.migrationDirectories.map((d) => d.path),
      pending: pendingNames(diagnostic, migrationsList),
      problems,
    };
  });
}

/**
 * `prisma migrate resolve --rolled-back <name>`: marks a failed migration as rolled back, so
 * that deploy applies it again (after it, or the database, was fixed by hand).
 */
export async function markRolledBack(options: MigrateOptions & { name: string }): Promise<{ database: string }> {
  const layout = migrationLayout(options);
  return withEngine(layout, async (engine) => {
    await engine.markMigrationRolledBack({ migrationName: options.name });
    return { database: layout.database };
  });
}

export type DevOptions = MigrateOptions & {
  /** The migration's name; the folder is `<timestamp>_<name>`. */
  name: string;
  /** Write the migration without applying it (to edit it first). */
  createOnly?: boolean;
  /** Go on although the migration would lose data (the warnings are still returned). */
  acceptDataLoss?: boolean;
};

export type DevResult = {
  database: string;
  /** Pending migrations applied before diffing. */
  appliedFirst: string[];
  /** The new migration folder's name, or null when the schema matches the migrations. */
  created: string | null;
  /** The new migration folder's path, or null. */
  createdPath: string | null;
  /** True when the new migration was applied too. */
  appliedCreated: boolean;
  warnings: string[];
};

/** `snake_case` of a free-form migration name; throws if nothing is left. */
export function normaliseMigrationName(name: string): string {
  const normalised = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!normalised) throw new MigrateError('dev needs a migration name: --name <name> (letters, digits, underscores)');
  return normalised.slice(0, 100);
}

/**
 * `prisma migrate dev --name x`: apply pending migrations, diff the schema against the
 * migrations (replayed on a shadow database), write the new migration and apply it.
 */
export async function createMigration(options: DevOptions): Promise<DevResult> {
  const layout = migrationLayout(options);
  const migrationName = normaliseMigrationName(options.name);
  return withEngine(layout, async (engine, schema) => {
    let migrationsList = await listMigrations(layout.migrationsDir);
    const appliedFirst: string[] = [];

    // A fresh SQLite database has no _prisma_migrations table, which the wasm SQLite connector
    // cannot diagnose (see diagnose()): applying the migrations first creates the table.
    if ((await diagnose(engine, migrationsList)) === null) {
      appliedFirst.push(...(await engine.applyMigrations({ migrationsList, filters: NO_FILTER })).appliedMigrationNames);
    }

    // Drift or edited migrations: stop before applying anything.
    const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (action.tag === 'reset') {
      const how = layout.target.kind === 'sqlite' ? `delete ${layout.target.file}` : 'drop and recreate the database';
      throw new MigrateError(`${action.reason}\nThe database must be reset to go on: ${how} (all data is lost), then run dev again.`);
    }
    appliedFirst.push(...(await engine.applyMigrations({ migrationsList, filters: NO_FILTER })).appliedMigrationNames);

    // evaluateDataLoss and createMigration cannot open a shadow database themselves in the wasm
    // engine: they read the schema the migrations produce from a cache that devDiagnostic fills —
    // but only when the database is up to date. Ask again now that it is (a cache hit when the
    // first call already filled it).
    await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });

    const schemas = { files: [schema] };
    const evaluation = await engine.evaluateDataLoss({ migrationsList, schema: schemas, filters: NO_FILTER });
    if (evaluation.unexecutableSteps.length > 0) {
      throw new MigrateError(`the migration cannot be applied:\n${evaluation.unexecutableSteps.map((s) => `  - ${s.message}`).join('\n')}`);
    }
    const warnings = evaluation.warnings.map((w) => w.message);
    if (warnings.length > 0 && !options.acceptDataLoss) {
      throw new MigrateError(`the migration would lose data:\n${warnings.map((w) => `  - ${w}`).join('\n')}\nRun again with --accept-data-loss to go on.`);
    }

    const none: DevResult = { database: layout.database, appliedFirst, created: null, createdPath: null, appliedCreated: false, warnings };
    if (evaluation.migrationSteps === 0 && !options.createOnly) return none;

    const output = await engine.createMigration({ draft: options.createOnly ?? false, migrationName, migrationsList, schema: schemas, filters: NO_FILTER });
    if (output.migrationScript === null) return none;

    const createdPath = path.join(layout.migrationsDir, output.generatedMigrationName);
    if (existsSync(createdPath)) throw new MigrateError(`the migration folder already exists: ${createdPath}`);
    await mkdir(createdPath, { recursive: true });
    await writeFile(path.join(createdPath, `migration.${output.extension}`), output.migrationScript);
    await writeFile(
      path.join(layout.migrationsDir, 'migration_lock.toml'),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${output.connectorType}"\n`,
    );
    const result: DevResult = { ...none, created: output.generatedMigrationName, createdPath };
    if (options.createOnly) return result;

    migrationsList = await listMigrations(layout.migrationsDir);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return { ...result, appliedCreated: appliedMigrationNames.includes(output.generatedMigrationName) };
  });
}

export type DiffResult = { database: string; drift: boolean; /** The SQL that would bring the migrations to the schema ('' when none). */ sql: string };

/**
 * Drift between the schema and the migrations (for CI): replays the migrations on a shadow
 * database and diffs the result against the schema. `drift` is true when some schema change has
 * no migration yet. The database is neither read nor changed: a PostgreSQL server only hosts
 * the shadow database, and SQLite works in memory.
 */
export async function diffMigrations(options: MigrateOptions = {}): Promise<DiffResult> {
  const layout = migrationLayout(options);
  const host: DatabaseTarget = layout.target.kind === 'sqlite' ? { kind: 'sqlite', file: SQLITE_IN_MEMORY } : layout.target;
  return withEngine(layout, async (engine, schema) => {
    const migrationsList = await listMigrations(layout.migrationsDir);
    // No migrations at all is an empty schema (the engine cannot replay a folder without migration_lock.toml).
    const from = migrationsList.migrationDirectories.length === 0 ? ({ tag: 'empty' } as const) : ({ tag: 'migrations', ...migrationsList } as const);
    const { exitCode, stdout } = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    const drift = exitCode !== 0;
    return { database: layout.database, drift, sql: drift ? (stdout ?? '').trim() : '' };
  }, host);
}
