// The Prisma client for SQLite or PostgreSQL, picked from DATABASE_URL.
//
// No Next.js imports here (not even 'server-only'): scripts and tests import this module too.
// It must still never reach the browser: only server code (lib/db, runtime, route handlers,
// server components and actions) imports it.
//
// Contract
// - createDb(url?) makes a new client; nothing connects until the first query.
// - getDb() is the app's one client per process (kept on globalThis, so Next's dev hot reload
//   does not open a new pool or file handle on every edit).
// - SQLite connections use WAL (readers do not block the writer) and wait up to
//   SQLITE_BUSY_TIMEOUT_MS for a lock instead of failing at once.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

import { type DatabaseTarget, parseDatabaseUrl } from './database-url';
import { PrismaClient as PostgresPrismaClient } from './generated/postgres/client';
import { PrismaClient as SqlitePrismaClient } from './generated/sqlite/client';

/**
 * The database client type the whole app uses: the SQLite client's type.
 *
 * The PostgreSQL client is used through this type too. That is safe because both clients are
 * generated from the same model blocks (prisma/postgres/schema.prisma is derived from
 * prisma/schema.prisma, and lib/db/schema-parity.test.ts checks it), and the schema stays in the
 * types both databases share (no enums, no Json, no native types): every model, field, filter
 * and result has the same shape. What the SQLite type does not offer (e.g. `mode: 'insensitive'`
 * in string filters) is simply not used. The round-trip tests in lib/db run the same code on both.
 */
export type Db = SqlitePrismaClient;

/** How long a SQLite connection waits for another writer's lock before failing (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Runs `script` on every connection the factory opens, before the client uses it. */
function withConnectScript(factory: SqlDriverAdapterFactory, script: string): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async (): Promise<SqlDriverAdapter> => {
      const adapter = await factory.connect();
      await adapter.executeScript(script);
      return adapter;
    },
  };
}

function sqliteClient(file: string): Db {
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new SqlitePrismaClient({ adapter: withConnectScript(adapter, 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;') });
}

function postgresClient(url: string): Db {
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  // Same model API, see Db above; the generated types differ only in provider-specific extras.
  return client as unknown as Db;
}

/**
 * Marks a client with its database kind. A global symbol on the client itself, not a module-level
 * map: Next.js may load this module once per bundle layer while `getDb()` shares one client.
 */
const KIND = Symbol.for('baton.databaseKind');
const URL_KEY = Symbol.for('baton.databaseUrl');

/** A new client for `target` (see lib/db/database-url.ts). */
export function createDbFor(target: DatabaseTarget): Db {
  const db = target.kind === 'sqlite' ? sqliteClient(target.file) : postgresClient(target.url);
  Object.defineProperty(db, KIND, { value: target.kind, enumerable: false });
  if (target.kind === 'postgres') Object.defineProperty(db, URL_KEY, { value: target.url, enumerable: false });
  return db;
}

/** The PostgreSQL connection string of a client made by `createDb`/`createDbFor` (for connections outside Prisma, e.g. LISTEN); undefined on SQLite. */
export function postgresUrlOf(db: Db): string | undefined {
  return (db as unknown as Record<symbol, string | undefined>)[URL_KEY];
}

/** Which database a client made by `createDb`/`createDbFor` talks to (libraries that build queries need it). */
export function databaseKindOf(db: Db): DatabaseTarget['kind'] {
  const kind = (db as unknown as Record<symbol, DatabaseTarget['kind'] | undefined>)[KIND];
  if (!kind) throw new Error('databaseKindOf: this client was not made by lib/db/client.ts');
  return kind;
}

/**
 * A new client for `url` (default: DATABASE_URL, then file:./prisma/dev.db). A relative SQLite
 * path is relative to the working directory — the repo root when run through npm. Call
 * `$disconnect()` when done with it.
 */
export function createDb(url: string | undefined = process.env.DATABASE_URL): Db {
  return createDbFor(parseDatabaseUrl(url, process.cwd()));
}

const globalForDb = globalThis as typeof globalThis & { __batonDb?: Db };

/** The app's client: one per process, created on first use from DATABASE_URL. */
export function getDb(): Db {
  globalForDb.__batonDb ??= createDb();
  return globalForDb.__batonDb;
}
