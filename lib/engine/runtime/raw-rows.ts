/**
 * Multi-row INSERT and DELETE … IN in raw SQL, for the hot path of execute-command.ts (Prisma's
 * createMany/deleteMany compile each query shape anew and cost several times more per row).
 *
 * Contract: values are bound parameters, never spliced into the SQL. Dates are written as the
 * column stores them (SQLite: ISO text, as Prisma writes it; PostgreSQL: timestamp), booleans as
 * SQLite integers or PostgreSQL booleans. Columns missing from a row are written as NULL.
 */
import { dialect, type RuntimeContext, type Tx } from './runtime-context';

/** SQLite's limit is 32,766 bound parameters per statement, PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

export function sqlValue(rt: Pick<RuntimeContext, 'kind'>, value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return rt.kind === 'sqlite' ? value.toISOString() : value;
  if (typeof value === 'boolean' && rt.kind === 'sqlite') return value ? 1 : 0;
  return value;
}

export async function insertRows(rt: RuntimeContext, tx: Tx, table: string, rows: readonly object[], extra: Record<string, unknown> = {}): Promise<void> {
  if (rows.length === 0) return;
  const names = new Set<string>(Object.keys(extra));
  for (const row of rows) for (const key of Object.keys(row)) names.add(key);
  const columns = [...names];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values: unknown[] = [];
    for (const row of chunk) {
      const record = { ...extra, ...row } as Record<string, unknown>;
      for (const column of columns) values.push(sqlValue(rt, record[column]));
    }
    const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`;
    await tx.$executeRawUnsafe(dialect(rt.kind, sql), ...values);
  }
}

export async function deleteByIds(rt: RuntimeContext, tx: Tx, table: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += MAX_PARAMETERS) {
    const chunk = ids.slice(i, i + MAX_PARAMETERS);
    await tx.$executeRawUnsafe(dialect(rt.kind, `DELETE FROM "${table}" WHERE "id" IN (${chunk.map(() => '?').join(', ')})`), ...chunk);
  }
}
