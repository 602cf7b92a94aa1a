// Which database a DATABASE_URL names. Pure: no I/O, no environment reads — callers pass both.
//
// Accepted forms
// - PostgreSQL: `postgres://…` or `postgresql://…`, kept as given.
// - SQLite: `file:<path>`, `file://<absolute path>`, or a bare path. A relative path is resolved
//   against `baseDir` (the repo root for scripts and tests, the working directory for the app —
//   the same folder when run through npm). A query string (`file:./dev.db?x=y`) is ignored.
// - Anything else with a scheme (`mysql://…`) is an error naming the accepted forms.
import path from 'node:path';

/** The URL used when DATABASE_URL is unset: the embedded SQLite file of a fresh clone. */
export const DEFAULT_DATABASE_URL = 'file:./prisma/dev.db';

export type DatabaseTarget =
  | { kind: 'sqlite'; /** Absolute path of the database file (`:memory:` only inside lib/db/migrate.ts). */ file: string }
  | { kind: 'postgres'; /** The connection string as given. */ url: string };

export function parseDatabaseUrl(url: string | undefined, baseDir: string): DatabaseTarget {
  const value = (url ?? '').trim() || DEFAULT_DATABASE_URL;

  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };

  let filePath: string;
  if (/^file:\/\//i.test(value)) filePath = value.slice('file://'.length);
  else if (/^file:/i.test(value)) filePath = value.slice('file:'.length);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(`DATABASE_URL "${value.split('://')[0]}://…" is not supported: use file:<path> (SQLite) or postgresql://… (PostgreSQL)`);
  } else filePath = value;

  filePath = filePath.split('?')[0];
  if (filePath === '' || filePath === ':memory:') {
    throw new Error(`DATABASE_URL "${value}" names no SQLite file: use file:<path>, e.g. ${DEFAULT_DATABASE_URL}`);
  }
  return { kind: 'sqlite', file: path.resolve(baseDir, filePath) };
}

/** A printable name for a target: the SQLite path relative to `baseDir`, or the URL without its password. */
export function describeDatabase(target: DatabaseTarget, baseDir: string): string {
  if (target.kind === 'sqlite') {
    const relative = path.relative(baseDir, target.file);
    return `sqlite ${relative.startsWith('..') ? target.file : relative}`;
  }
  const parsed = new URL(target.url);
  if (parsed.password) parsed.password = '***';
  return `postgresql ${parsed.toString()}`;
}

/** A PostgreSQL connection string naming another database on the same server (keeps user, host and options). */
export function withDatabaseName(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
