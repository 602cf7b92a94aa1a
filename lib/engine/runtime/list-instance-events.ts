/**
 * Events of one instance after a sequence number, and of all instances after a global id (the
 * live streams), in order, paged.
 *
 * Contract: events are returned as stored (parsed with the event schema, upgraded to the current
 * version). `nextAfter` is the sequence number (or global id) to ask from next; equal to `after`
 * when nothing new was there.
 */
import type { Db } from '@/lib/db/client';
import { upgradeEvent, type Event } from '@/lib/engine/core';

export type StoredEvent = { id: number; instanceId: string; seq: number; type: string; at: string; actor: string | null; event: Event };

function toStored(row: { id: number; instanceId: string; seq: number; type: string; at: Date; actor: string | null; payload: string }): StoredEvent {
  return { id: row.id, instanceId: row.instanceId, seq: row.seq, type: row.type, at: row.at.toISOString(), actor: row.actor, event: upgradeEvent(JSON.parse(row.payload)) };
}

export async function listInstanceEvents(db: Db, input: { instanceId: string; after: number; limit: number }): Promise<{ items: StoredEvent[]; nextAfter: number }> {
  const rows = await db.instanceEvent.findMany({ where: { instanceId: input.instanceId, seq: { gt: input.after } }, orderBy: { seq: 'asc' }, take: input.limit });
  return { items: rows.map(toStored), nextAfter: rows.at(-1)?.seq ?? input.after };
}

/** Events of every instance with a global id above `afterId` (the global live stream). */
export async function listEventsAfter(db: Db, input: { afterId: number; limit: number }): Promise<{ items: StoredEvent[]; nextAfter: number }> {
  const rows = await db.instanceEvent.findMany({ where: { id: { gt: input.afterId } }, orderBy: { id: 'asc' }, take: input.limit });
  return { items: rows.map(toStored), nextAfter: rows.at(-1)?.id ?? input.afterId };
}

/** The current highest global event id (a live stream that starts "from now"). */
export async function lastEventId(db: Db): Promise<number> {
  const row = await db.instanceEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return row?.id ?? 0;
}
