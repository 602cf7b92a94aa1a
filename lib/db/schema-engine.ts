// Prisma's schema engine (the part of `prisma migrate` that diffs schemas and applies
// migrations), run from @prisma/schema-engine-wasm through our own driver adapters, because the
// native schema-engine binary cannot be downloaded on these machines. Used by lib/db/migrate.ts.
//
// The wasm package is internal to Prisma and its API may change without notice: it is pinned
// together with the rest of the Prisma family in package.json. Its API is the SchemaEngine class
// in node_modules/@prisma/schema-engine-wasm/schema_engine_bg.d.ts.
//
// The adapters below work around four bugs of the 7.10 driver adapters (the first three are in
// STACK.md; each has a test in lib/db/migrate.test.ts that fails without its workaround):
// - better-sqlite3 refuses multi-statement SQL in executeRaw, which the engine uses to replay
//   migrations on the shadow database: such statements fall back to executeScript.
// - adapter-pg rejects columns of PostgreSQL's internal "char" type (OID 18), which the engine's
//   catalog queries return: every pg connection we open reports them as text.
// - adapter-pg drops its shadow database before closing the pool connected to it, so the drop
//   fails and shadow databases pile up (and its connection string would override the shadow
//   database's name anyway): we create and drop shadow databases ourselves, closing first.
// - adapter-pg's executeScript, which applies migrations, splits the script on every ";", even
//   inside string literals: we send the script whole.
// Two quirks of the engine itself are handled in lib/db/migrate.ts.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

import { type DatabaseTarget, withDatabaseName } from './database-url';

export type { SchemaEngine };

// ---------------------------------------------------------------------------------------
// Loading the wasm module (once per process: the glue module holds a single instance)

let loaded: Promise<void> | undefined;

/** The message of the last engine panic: the wasm code reports it here before it traps. */
let lastPanic: string | undefined;

type PanicRegistry = { set_message(message: string): void };

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const withRegistry = globalThis as typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
    withRegistry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message) => {
        lastPanic = message;
      },
    };
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== 'function') throw new Error('@prisma/schema-engine-wasm: __wbindgen_start is missing; is the package version the pinned one?');
    start();
  })();
  return loaded;
}

// ---------------------------------------------------------------------------------------
// Adapters

/** Calls `dispose` at most once, however many times it is asked (the engine and our close both may). */
function disposeOnce(dispose: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= dispose());
}

/** better-sqlite3's error for a prepared statement holding several statements. */
function isMultiStatementError(error: unknown): boolean {
  return error instanceof RangeError && /more than one statement/i.test(error.message);
}

/**
 * The adapter as the engine sees it: executeRaw of parameterless multi-statement SQL (a
 * migration script replayed on the shadow database) runs as a script. Such a script reports
 * 0 affected rows, which the engine does not read for DDL. `executeScript` replaces the
 * adapter's own when given.
 */
function withScriptFallback(
  adapter: SqlDriverAdapter,
  dispose: () => Promise<void>,
  executeScript: (script: string) => Promise<void> = (script) => adapter.executeScript(script),
): SqlDriverAdapter {
  const getConnectionInfo = adapter.getConnectionInfo?.bind(adapter);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query: SqlQuery) => adapter.queryRaw(query),
    executeRaw: async (query: SqlQuery) => {
      try {
        return await adapter.executeRaw(query);
      } catch (error) {
        if (!isMultiStatementError(error) || query.args.length > 0) throw error;
        await executeScript(query.sql);
        return 0;
      }
    },
    executeScript,
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    ...(getConnectionInfo ? { getConnectionInfo } : {}),
    dispose,
  };
}

class SqliteMigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'sqlite';
  readonly adapterName = '@prisma/adapter-better-sqlite3';
  readonly #inner: PrismaBetterSqlite3;
  readonly #open: Array<() => Promise<void>>;

  constructor(file: string, open: Array<() => Promise<void>>) {
    // The shadow database is the adapter's default, an in-memory database.
    this.#inner = new PrismaBetterSqlite3({ url: file });
    this.#open = open;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.#track(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#track(await this.#inner.connectToShadowDb());
  }

  #track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const dispose = disposeOnce(() => adapter.dispose());
    this.#open.push(dispose);
    return withScriptFallback(adapter, dispose);
  }
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * A pg client that reports PostgreSQL's internal one-byte "char" columns as text: pg decodes
 * both as strings already, only adapter-pg's column-type mapping refuses OID 18. The rewrite
 * happens on the row description, before the query result reads its fields.
 */
class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.connection.prependListener('rowDescription', (message: { fields: Array<{ dataTypeID: number }> }) => {
      for (const field of message.fields) {
        if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      }
    });
  }
}

/** Runs one statement on its own short-lived connection (CREATE/DROP DATABASE cannot share a pool). */
async function runAdminStatement(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

class PgMigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  readonly #url: string;
  readonly #open: Array<() => Promise<void>>;

  constructor(url: string, open: Array<() => Promise<void>>) {
    this.#url = url;
    this.#open = open;
  }

  /**
   * An adapter on `connectionString`, closed (and its pool ended) by the returned dispose, plus
   * `afterClose` when given. Its executeScript sends the script whole: adapter-pg's own splits
   * it on every ";" (also inside string literals and function bodies). PostgreSQL's simple query
   * protocol runs a multi-statement script as one implicit transaction, so a failing migration
   * leaves nothing half-applied.
   */
  async #connectTo(connectionString: string, afterClose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ connectionString, Client: CharAsTextClient });
    const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    const dispose = disposeOnce(async () => {
      await adapter.dispose();
      await afterClose?.();
    });
    this.#open.push(dispose);
    return withScriptFallback(adapter, dispose, async (script) => {
      await pool.query(script);
    });
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.#connectTo(this.#url);
  }

  /** A fresh database next to the main one, dropped when the engine disposes of it (pool closed first). */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await runAdminStatement(this.#url, `CREATE DATABASE "${name}"`);
    return this.#connectTo(withDatabaseName(this.#url, name), () => runAdminStatement(this.#url, `DROP DATABASE IF EXISTS "${name}"`));
  }
}

// ---------------------------------------------------------------------------------------
// The engine

export type OpenEngine = {
  engine: SchemaEngine;
  adapter: ErrorCapturingSqlMigrationAwareDriverAdapterFactory;
  /** Frees the engine and closes every connection it opened (dropping shadow databases). */
  close(): Promise<void>;
};

export type SchemaFile = { path: string; content: string };

/**
 * Opens a schema engine on `target` for the Prisma schema `schema`. Set BATON_MIGRATE_DEBUG=1
 * to see the engine's log on stderr. Always `close()` it (try/finally).
 */
export async function openSchemaEngine(target: DatabaseTarget, schema: SchemaFile): Promise<OpenEngine> {
  await loadWasm();
  const open: Array<() => Promise<void>> = [];
  const factory =
    target.kind === 'sqlite' ? new SqliteMigrationAdapterFactory(target.file, open) : new PgMigrationAdapterFactory(target.url, open);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = process.env.BATON_MIGRATE_DEBUG ? (line: string) => process.stderr.write(`[schema-engine] ${line}\n`) : () => {};

  const closeAll = async () => {
    const failures: unknown[] = [];
    for (const dispose of open.splice(0)) {
      try {
        await dispose();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  };

  let engine: SchemaEngine;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapter);
  } catch (error) {
    await closeAll().catch(() => {});
    throw explainEngineError(error, adapter);
  }
  return {
    engine,
    adapter,
    close: async () => {
      engine.free();
      await closeAll();
    },
  };
}

/**
 * Makes an error thrown by the engine readable:
 * - a panic (the wasm code traps with "unreachable") gets its message back;
 * - a JavaScript error raised inside an adapter reaches the engine as "External error id#N" (an
 *   entry of the adapter's error registry), which is replaced by the original message;
 * - the engine's Rust backtrace is dropped unless BATON_MIGRATE_DEBUG is set.
 * The Prisma error code (P3006…) is kept on `code`.
 */
export function explainEngineError(error: unknown, adapter: ErrorCapturingSqlMigrationAwareDriverAdapterFactory): Error {
  if (error instanceof WebAssembly.RuntimeError && lastPanic !== undefined) {
    return new Error(`the schema engine crashed (${lastPanic}); run again with BATON_MIGRATE_DEBUG=1 for its log`);
  }
  if (!(error instanceof Error)) return new Error(String(error));
  let message = error.message.replace(/External error id#(\d+)|GenericJs\s*\{\s*id:\s*(\d+)\s*\}/g, (whole, a?: string, b?: string) => {
    const original = adapter.errorRegistry.consumeError(Number(a ?? b))?.error;
    return original instanceof Error ? original.message : whole;
  });
  if (!process.env.BATON_MIGRATE_DEBUG) message = message.split(/\n\s+0: /)[0].trimEnd();
  if (message === error.message) return error;
  const explained = new Error(message);
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? Object.assign(explained, { code }) : explained;
}
