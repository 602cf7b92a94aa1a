/**
 * The rows of the event log (InstanceEventBatch): the events one command transaction appended to
 * one instance are stored together, as one row, instead of one row per event (~11 events per
 * command made the per-event rows half of PostgreSQL's work per instance, and of the worker's).
 *
 * Contract
 * - `eventRowsOf` cuts an instance's new events into rows of at most EVENTS_PER_ROW events, each
 *   holding firstSeq..lastSeq: gapless, starting right after the instance's last stored event.
 * - `insertEventRows` appends rows inside the command transaction; on PostgreSQL each is stamped
 *   with the transaction's id (`txid`), which orders the log of all instances (`LogPosition`).
 * - `eventsOfRow` returns a row's events in sequence order, parsed and upgraded to the current
 *   event version. Each carries the row's id; events appended together share it.
 */
import { upgradeEvent, type Event } from '@/lib/engine/core';
import { insertRows } from './raw-rows';
import type { RuntimeContext, Tx } from './runtime-context';

export const EVENTS_PER_ROW = 500;

export type StoredEvent = { id: number; instanceId: string; seq: number; type: string; at: string; actor: string | null; event: Event };

export type EventRow = { instanceId: string; firstSeq: number; lastSeq: number; events: string };

/** The rows for `events` appended to an instance whose last stored event is `lastStoredSeq`; `actors[i]` made `events[i]`. */
export function eventRowsOf(instanceId: string, lastStoredSeq: number, events: readonly Event[], actors: readonly (string | undefined)[]): EventRow[] {
  const rows: EventRow[] = [];
  for (let start = 0; start < events.length; start += EVENTS_PER_ROW) {
    const end = Math.min(events.length, start + EVENTS_PER_ROW);
    const items = [];
    for (let i = start; i < end; i++) items.push({ actor: actors[i] ?? 'system', event: events[i] });
    rows.push({ instanceId, firstSeq: lastStoredSeq + start + 1, lastSeq: lastStoredSeq + end, events: JSON.stringify(items) });
  }
  return rows;
}

export async function insertEventRows(rt: RuntimeContext, tx: Tx, rows: readonly EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (rt.kind === 'sqlite') {
    await insertRows(rt, tx, 'InstanceEventBatch', rows);
    return;
  }
  // The rows as one JSON parameter (raw-rows.ts): long event texts cost the worker least that way.
  await tx.$executeRawUnsafe(
    'INSERT INTO "InstanceEventBatch" ("instanceId", "firstSeq", "lastSeq", "events", "txid") ' +
      'SELECT r."instanceId", r."firstSeq", r."lastSeq", r."events", pg_current_xact_id()::text::bigint FROM json_populate_recordset(NULL::"InstanceEventBatch", $1::json) AS r',
    JSON.stringify(rows),
  );
}

/**
 * A place in the log of all instances, read in (txid, id) order: the global stream resumes after
 * it. Written `<id>` when txid is 0 (SQLite, rows from before transaction ids were kept), else
 * `<txid>:<id>`; a bare id from before is thus still a valid place.
 */
export type LogPosition = { txid: number; id: number };

export const LOG_START: LogPosition = { txid: 0, id: 0 };

export function formatLogPosition(position: LogPosition): string {
  return position.txid === 0 ? String(position.id) : `${position.txid}:${position.id}`;
}

/** The position written by formatLogPosition, or undefined for anything else. */
export function parseLogPosition(text: string): LogPosition | undefined {
  const match = /^(\d{1,16})(?::(\d{1,16}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [txid, id] = match[2] === undefined ? [0, Number(match[1])] : [Number(match[1]), Number(match[2])];
  return Number.isSafeInteger(txid) && Number.isSafeInteger(id) ? { txid, id } : undefined;
}

type StoredItem = { actor: string | null; event: unknown };

export function eventsOfRow(row: { id: number; instanceId: string; firstSeq: number; lastSeq: number; events: string }): StoredEvent[] {
  const items = JSON.parse(row.events) as StoredItem[];
  if (!Array.isArray(items) || items.length !== row.lastSeq - row.firstSeq + 1) {
    throw new Error(`event log row ${row.id} of instance ${row.instanceId} holds ${Array.isArray(items) ? items.length : 'no list of'} events for sequence numbers ${row.firstSeq}..${row.lastSeq}`);
  }
  return items.map((item, index) => {
    const event = upgradeEvent(item.event);
    return { id: row.id, instanceId: row.instanceId, seq: row.firstSeq + index, type: event.type, at: event.at, actor: item.actor, event };
  });
}
