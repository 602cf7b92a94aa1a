/**
 * Events of one instance after a sequence number, and of all instances after a global id (the
 * live streams), in order, paged.
 *
 * Contract: events are returned as stored (parsed with the event schema, upgraded to the current
 * version; event-log.ts). `nextAfter` is the sequence number (or global id) to ask from next;
 * equal to `after` when nothing new was there. An instance's page holds at most `limit` events;
 * a global page ends at the end of a log row (the events one commit appended to one instance
 * share their global id), so it may hold up to EVENTS_PER_ROW − 1 more than `limit`.
 */
import type { Db } from '@/lib/db/client';
import { eventsOfRow, type StoredEvent } from './event-log';

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

/** Events of every instance with a global id above `afterId` (the global live stream). */
export async function listEventsAfter(db: Db, input: { afterId: number; limit: number }): Promise<{ items: StoredEvent[]; nextAfter: number }> {
  const items: StoredEvent[] = [];
  let nextAfter = input.afterId;
  while (items.length < input.limit) {
    const rows = await db.instanceEventBatch.findMany({ where: { id: { gt: nextAfter } }, orderBy: { id: 'asc' }, take: ROWS_PER_READ });
    for (const row of rows) {
      if (items.length >= input.limit) break;
      items.push(...eventsOfRow(row));
      nextAfter = row.id;
    }
    if (rows.length < ROWS_PER_READ) break;
  }
  return { items, nextAfter };
}

/** The current highest global event id (a live stream that starts "from now"). */
export async function lastEventId(db: Db): Promise<number> {
  const row = await db.instanceEventBatch.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return row?.id ?? 0;
}
