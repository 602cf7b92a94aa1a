/**
 * Server-sent events of the event log: one instance's events (by sequence number) or every
 * instance's (by log position, event-log.ts), as `text/event-stream`.
 *
 * Contract
 * - Fed across processes by a short poll of the log (`pollMs`), on SQLite and PostgreSQL alike:
 *   an event committed by any process (a worker, another web server) reaches every stream. In the
 *   process that committed it, `wake` (the runtime's commit notice) makes the poll run at once.
 * - Each message: `id: <seq | log position>`, `event: <event type>`, `data: <JSON>`; a client that
 *   reconnects with `Last-Event-ID` (or `?after=`) resumes after it, missing none and getting
 *   none twice. The events one commit appended to one instance share a log row, so on the global
 *   stream only the last of them carries the `id:` line: a client cut off amid them resumes with
 *   the first of them again. The global stream goes in commit order as far as PostgreSQL lets it
 *   be known (list-instance-events.ts): a row never overtakes one that commits after it.
 * - A comment line every `heartbeatMs` keeps proxies from closing an idle stream.
 * - Ends when the client goes away (`signal`), after `maxMs` if given, or, for an instance
 *   stream, after the instance ended and its last event was sent.
 */
import type { Db } from '@/lib/db/client';
import { formatLogPosition, parseLogPosition, type LogPosition } from './event-log';
import { listEventsAfter, listInstanceEvents, type PositionedEvent, type StoredEvent } from './list-instance-events';

export type StreamOptions = {
  db: Db;
  /** One instance's events after a sequence number, or every instance's after a log position. */
  source: { instanceId: string; after: number } | { after: LogPosition };
  signal: AbortSignal;
  pollMs?: number;
  heartbeatMs?: number;
  /** Close the stream after this many ms (after one read at least). */
  maxMs?: number;
  /** Registers a callback that wakes the poll; returns its unregister function. */
  wake?: (callback: () => void) => () => void;
};

const BATCH = 200;
const HELD_BACK_POLL_MS = 25;

/** One message; `id` is the `id:` line's value (none: the message leaves the client's last event id as it was). */
export function formatServerSentEvent(item: StoredEvent, id: string | number | undefined): string {
  const data = JSON.stringify({ instanceId: item.instanceId, seq: item.seq, id: item.id, at: item.at, actor: item.actor, event: item.event });
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${item.type}\ndata: ${data}\n\n`;
}

/** The global stream's messages for a page: the last event of each log row carries the row's position. */
function globalMessages(items: readonly PositionedEvent[]): string[] {
  return items.map((item, index) => {
    const next = items[index + 1];
    const rowGoesOn = next !== undefined && next.position.txid === item.position.txid && next.position.id === item.position.id;
    return formatServerSentEvent(item, rowGoesOn ? undefined : formatLogPosition(item.position));
  });
}

type Page = { messages: string[]; count: number; ended: boolean; heldBack: boolean };

/** Reads the source's pages one after the other: each call the next page after the last one read. */
function pagesOf(db: Db, source: StreamOptions['source']): () => Promise<Page> {
  if ('instanceId' in source) {
    let after = source.after;
    return async () => {
      const page = await listInstanceEvents(db, { instanceId: source.instanceId, after, limit: BATCH });
      after = page.nextAfter;
      const ended = page.items.some((item) => item.type === 'InstanceCompleted' || item.type === 'InstanceCancelled');
      return { messages: page.items.map((item) => formatServerSentEvent(item, item.seq)), count: page.items.length, ended, heldBack: false };
    };
  }
  let after = source.after;
  return async () => {
    const page = await listEventsAfter(db, { after, limit: BATCH });
    after = page.nextAfter;
    return { messages: globalMessages(page.items), count: page.items.length, ended: false, heldBack: page.heldBack };
  };
}

export function eventStream(options: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pollMs = options.pollMs ?? 500;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const source = options.source;
  const nextPage = pagesOf(options.db, source);
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
        controller.enqueue(encoder.encode(`: stream of ${'instanceId' in source ? `instance ${source.instanceId}` : 'all instances'}\nretry: 2000\n\n`));
        try {
          while (!closed) {
            const page = await nextPage();
            for (const message of page.messages) controller.enqueue(encoder.encode(message));
            if (page.ended && page.count < BATCH) break;
            if (page.count >= BATCH) continue;
            if (Date.now() >= closeAt) break;
            if (Date.now() - lastBeat >= heartbeatMs) {
              controller.enqueue(encoder.encode(': keep-alive\n\n'));
              lastBeat = Date.now();
            }
            // Committed rows held back behind a running transaction (PostgreSQL) come soon: look again shortly.
            await sleep(page.heldBack ? Math.min(pollMs, HELD_BACK_POLL_MS) : pollMs);
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

/** The `Last-Event-ID` header a reconnecting EventSource of the global stream sends, as a log position. */
export function lastLogPositionOf(request: Request): LogPosition | undefined {
  const value = request.headers.get('last-event-id');
  return value === null ? undefined : parseLogPosition(value);
}

/** The `Last-Event-ID` header a reconnecting EventSource of an instance stream sends, as a number. */
export function lastEventIdOf(request: Request): number | undefined {
  const value = Number(request.headers.get('last-event-id'));
  return Number.isInteger(value) && value >= 0 && request.headers.has('last-event-id') ? value : undefined;
}
