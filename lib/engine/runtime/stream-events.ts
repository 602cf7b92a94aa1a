/**
 * Server-sent events of the event log: one instance's events (by sequence number) or every
 * instance's (by global event id), as `text/event-stream`.
 *
 * Contract
 * - Fed across processes by a short poll of the log (`pollMs`), on SQLite and PostgreSQL alike:
 *   an event committed by any process (a worker, another web server) reaches every stream. In the
 *   process that committed it, `wake` (the runtime's commit notice) makes the poll run at once.
 * - Each message: `id: <seq | global id>`, `event: <event type>`, `data: <JSON>`; a client that
 *   reconnects with `Last-Event-ID` (or `?after=`) resumes after it. The events one commit
 *   appended to one instance share a global id, so on the global stream only the last of them
 *   carries the `id:` line: a client cut off amid them resumes with the first of them again, and
 *   never past one it did not get. A comment line every `heartbeatMs` keeps proxies from closing
 *   an idle stream.
 * - Ends when the client goes away (`signal`), after `maxMs` if given, or, for an instance
 *   stream, after the instance ended and its last event was sent.
 */
import type { Db } from '@/lib/db/client';
import { listEventsAfter, listInstanceEvents, type StoredEvent } from './list-instance-events';

export type StreamOptions = {
  db: Db;
  /** One instance's stream; absent: the global stream. */
  instanceId?: string;
  /** Sequence number (instance) or global id to start after. */
  after: number;
  signal: AbortSignal;
  pollMs?: number;
  heartbeatMs?: number;
  /** Close the stream after this many ms (after one read at least). */
  maxMs?: number;
  /** Registers a callback that wakes the poll; returns its unregister function. */
  wake?: (callback: () => void) => () => void;
};

const BATCH = 200;

/** One message; `id` is the `id:` line's value (none: the message leaves the client's last event id as it was). */
export function formatServerSentEvent(item: StoredEvent, id: number | undefined): string {
  const data = JSON.stringify({ instanceId: item.instanceId, seq: item.seq, id: item.id, at: item.at, actor: item.actor, event: item.event });
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${item.type}\ndata: ${data}\n\n`;
}

/** The `id:` of the page's item at `index`: its sequence number, or on the global stream its global id once its log row is complete. */
function messageIdOf(items: readonly StoredEvent[], index: number, global: boolean): number | undefined {
  const item = items[index];
  if (!global) return item.seq;
  return items[index + 1]?.id === item.id ? undefined : item.id;
}

export function eventStream(options: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pollMs = options.pollMs ?? 500;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const global = options.instanceId === undefined;
  let after = options.after;
  let wakeUp: (() => void) | undefined;
  let unregister: (() => void) | undefined;
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  return new ReadableStream<Uint8Array>({
    start(controller) {
      unregister = options.wake?.(() => wakeUp?.());
      options.signal.addEventListener('abort', () => {
        closed = true;
        wakeUp?.();
      });
      void (async () => {
        let lastBeat = Date.now();
        const closeAt = options.maxMs === undefined ? Infinity : Date.now() + options.maxMs;
        controller.enqueue(encoder.encode(`: stream of ${global ? 'all instances' : `instance ${options.instanceId}`}\nretry: 2000\n\n`));
        try {
          while (!closed) {
            const page = global
              ? await listEventsAfter(options.db, { afterId: after, limit: BATCH })
              : await listInstanceEvents(options.db, { instanceId: options.instanceId as string, after, limit: BATCH });
            page.items.forEach((item, index) => controller.enqueue(encoder.encode(formatServerSentEvent(item, messageIdOf(page.items, index, global)))));
            after = page.nextAfter;
            const ended = page.items.some((item) => item.type === 'InstanceCompleted' || item.type === 'InstanceCancelled');
            if (!global && ended && page.items.length < BATCH) break;
            if (page.items.length === BATCH) continue;
            if (Date.now() >= closeAt) break;
            if (Date.now() - lastBeat >= heartbeatMs) {
              controller.enqueue(encoder.encode(': keep-alive\n\n'));
              lastBeat = Date.now();
            }
            await sleep(pollMs);
          }
        } catch (error) {
          controller.enqueue(encoder.encode(`event: error\ndata: ${JSON.stringify({ message: error instanceof Error ? error.message : String(error) })}\n\n`));
        } finally {
          unregister?.();
          closed = true;
          try {
            controller.close();
          } catch {
            // the client already cancelled the stream
          }
        }
      })();
    },
    cancel() {
      closed = true;
      wakeUp?.();
    },
  });
}

/** The `Last-Event-ID` header a reconnecting EventSource sends, as a number. */
export function lastEventIdOf(request: Request): number | undefined {
  const value = Number(request.headers.get('last-event-id'));
  return Number.isInteger(value) && value >= 0 && request.headers.has('last-event-id') ? value : undefined;
}
