/**
 * The rows of the event log (InstanceEventBatch): the events one command transaction appended to
 * one instance are stored together, as one row, instead of one row per event (~11 events per
 * command made the per-event rows half of PostgreSQL's work per instance, and of the worker's).
 *
 * Contract
 * - `eventRowsOf` cuts an instance's new events into rows of at most EVENTS_PER_ROW events, each
 *   holding firstSeq..lastSeq: gapless, starting right after the instance's last stored event.
 * - `eventsOfRow` returns a row's events in sequence order, parsed and upgraded to the current
 *   event version. Each carries the row's id, its position in the log of all instances: events
 *   appended together share it, and a reader resuming after an id has every event of that row.
 */
import { upgradeEvent, type Event } from '@/lib/engine/core';

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
