/**
 * Events of one instance after a sequence number, and of all instances after a log position (the
 * live streams), in order, paged.
 *
 * Contract: events are returned as stored (parsed with the event schema, upgraded to the current
 * version; event-log.ts). `nextAfter` is the sequence number (or log position) to ask from next;
 * equal to `after` when nothing new was there. An instance's page holds at most `limit` events;
 * a global page ends at the end of a log row (the events one commit appended to one instance),
 * so it may hold up to EVENTS_PER_ROW − 1 more than `limit`.
 */
import { z } from 'zod';
import { databaseKindOf, type Db } from '@/lib/db/client';
import { eventsOfRow, LOG_START, type LogPosition, type StoredEvent } from './event-log';
import { dialect } from './runtime-context';

export type { StoredEvent } from './event-log';

/** Log rows read per query while filling a page. */
const ROWS_PER_READ = 100;

export async function listInstanceEvents(db: Db, input: { instanceId: string; after: number; limit: number }): Promise<{ items: StoredEvent[]; nextAfter: number }> {
  const items: StoredEvent[] = [];
  let readPast = input.after;
  while (items.length < input.limit) {
    const rows = await db.instanceEventBatch.findMany({ where: { instanceId: input.instanceId, lastSeq: { gt: readPast } }, orderBy: { lastSeq: 'asc' }, take: ROWS_PER_READ });
    for (const row of rows) {
      for (const item of eventsOfRow(row)) if (item.seq > input.after && items.length < input.limit) items.push(item);
    }
    if (rows.length < ROWS_PER_READ) break;
    readPast = rows[rows.length - 1].lastSeq;
  }
  return { items, nextAfter: items.at(-1)?.seq ?? input.after };
}

const LogRowSchema = z.object({
  id: z.coerce.number(),
  instanceId: z.string(),
  firstSeq: z.coerce.number(),
  lastSeq: z.coerce.number(),
  events: z.string(),
  txid: z.coerce.number(),
  /** Its transaction is older than every one still running (PostgreSQL; always on SQLite). */
  settled: z.coerce.boolean(),
});

/**
 * Which rows a reader may move past. PostgreSQL takes a row's id when it is inserted, not when
 * it commits, so going by id alone a reader could pass a row that commits later and never see
 * it. A row is settled when its transaction (txid) is older than the oldest transaction still
 * running on the server as of this statement's snapshot: every such transaction has ended, so
 * no row can appear before it any more. A committed row of a younger transaction waits until
 * the older ones end — commands take milliseconds, but a transaction left open on the same
 * PostgreSQL server holds the global stream back (never loses an event) until it ends.
 * SQLite has one writer at a time: its rows commit in id order (txid 0).
 */
const SETTLED = {
  postgres: '"txid" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint',
  sqlite: 'TRUE',
} as const;

const LOG_COLUMNS = '"id", "instanceId", "firstSeq", "lastSeq", "events", CAST("txid" AS TEXT) AS "txid"';

/** An event of the global stream, with the log position of its row. */
export type PositionedEvent = StoredEvent & { position: LogPosition };

/**
 * Events of every instance after `after` in (txid, id) order (the global live stream), up to the
 * first row that is not settled; `heldBack` says whether committed rows wait behind it.
 */
export async function listEventsAfter(db: Db, input: { after: LogPosition; limit: number }): Promise<{ items: PositionedEvent[]; nextAfter: LogPosition; heldBack: boolean }> {
  const kind = databaseKindOf(db);
  const items: PositionedEvent[] = [];
  let nextAfter = input.after;
  while (items.length < input.limit) {
    const rows: unknown[] = await db.$queryRawUnsafe(
      dialect(kind, `SELECT ${LOG_COLUMNS}, (${SETTLED[kind]}) AS "settled" FROM "InstanceEventBatch" WHERE ("txid", "id") > (?, ?) ORDER BY "txid", "id" LIMIT ?`),
      nextAfter.txid,
      nextAfter.id,
      ROWS_PER_READ,
    );
    for (const raw of rows) {
      if (items.length >= input.limit) break;
      const row = LogRowSchema.parse(raw);
      if (!row.settled) return { items, nextAfter, heldBack: true };
      nextAfter = { txid: row.txid, id: row.id };
      for (const item of eventsOfRow(row)) items.push({ ...item, position: nextAfter });
    }
    if (rows.length < ROWS_PER_READ) break;
  }
  return { items, nextAfter, heldBack: false };
}

/** Where a global stream that starts "from now" starts: after the last settled row. */
export async function currentLogPosition(db: Db): Promise<LogPosition> {
  const kind = databaseKindOf(db);
  const rows: unknown[] = await db.$queryRawUnsafe(`SELECT "id", CAST("txid" AS TEXT) AS "txid" FROM "InstanceEventBatch" WHERE ${SETTLED[kind]} ORDER BY "txid" DESC, "id" DESC LIMIT 1`);
  return rows.length === 0 ? LOG_START : LogRowSchema.pick({ txid: true, id: true }).parse(rows[0]);
}
