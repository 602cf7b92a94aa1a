'use client';
/**
 * The instance's log, kept live: starts with the events the page loaded and appends each event
 * the server-sent stream (/instances/<id>/live, a shared reader per instance) delivers, in sequence order.
 */
import { useEffect, useState } from 'react';
import { EventSchema, type Event } from '@/lib/engine/core/events';

export type LiveEvent = { seq: number; at: string; actor: string | null; event: Event };

const TYPES: string[] = EventSchema.options.map((o) => o.shape.type.value);

export function useLiveEvents(instanceId: string, initial: LiveEvent[]): { events: LiveEvent[]; connected: boolean } {
  const [events, setEvents] = useState(initial);
  const [connected, setConnected] = useState(false);
  const lastSeq = initial.at(-1)?.seq ?? 0;
  useEffect(() => {
    const source = new EventSource(`/instances/${encodeURIComponent(instanceId)}/live?after=${lastSeq}`);
    const onEvent = (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as { seq: number; at: string; actor: string | null; event: Event };
      setEvents((current) => (data.seq <= (current.at(-1)?.seq ?? 0) ? current : [...current, { seq: data.seq, at: data.at, actor: data.actor, event: data.event }]));
    };
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    for (const type of TYPES) source.addEventListener(type, onEvent as EventListener);
    return () => source.close();
  }, [instanceId, lastSeq]);
  return { events, connected };
}
