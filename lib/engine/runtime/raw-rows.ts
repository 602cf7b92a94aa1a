/**
 * Multi-row INSERT and DELETE … IN in raw SQL, for the hot path of execute-command.ts (Prisma's
 * createMany/deleteMany compile each query shape anew and cost several times more per row).
 *
 * Contract: values are bound parameters, never spliced into the SQL. Columns missing from a row
 * are written as NULL (columns left out of every row get their default). SQLite: a multi-row
 * VALUES list; dates as ISO text (as Prisma writes them), booleans as integers. PostgreSQL: the
 * rows as ONE JSON parameter read by json_populate_recordset into the table's row type (dates
 * as ISO UTC text into timestamp columns, JSON booleans and numbers as themselves): one value
 * for Prisma to pass on instead of one per column and row, whose handling cost the worker more
 * CPU than the rest of the insert, and less for the server to parse than a VALUES list.
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
  if (rt.kind === 'postgres') {
    const list = columns.map((c) => `"${c}"`).join(', ');
    const json = JSON.stringify(rows.map((row) => ({ ...extra, ...row })));
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`, json);
    return;
  }
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
