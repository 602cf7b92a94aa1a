/**
 * Live streams of instance logs shared by all viewers of an instance: one reader per watched
 * instance (not one per open page), fanning each event out to every viewer as server-sent
 * events in the format of stream-events.ts.
 *
 * Contract
 * - `stream(instanceId, after, signal)`: the events after `after`, then each new one, as
 *   `id: <seq>` / `event: <type>` / `data: <JSON>`; a viewer never gets an event twice or out of
 *   order, and one that joins late first gets what it missed (a catch-up read of its own).
 * - One reader per instance with viewers: woken at once by this process's commit notices for
 *   that instance, else polling the log every `pollMs` (events other processes committed).
 *   With 50 viewers a commit costs one database read, not 50.
 * - The stream ends after the instance's last event (InstanceCompleted / InstanceCancelled)
 *   was sent, when the viewer goes away, or on a read error (sent as `event: error`).
 */
import type { Db } from '@/lib/db/client';
import type { CommitNotice } from './runtime-context';
import { listInstanceEvents, type StoredEvent } from './list-instance-events';
import { formatServerSentEvent } from './stream-events';

type Viewer = {
  after: number;
  /** Events broadcast while the viewer's catch-up read runs. */
  pending: StoredEvent[] | null;
  send: (text: string) => void;
  end: () => void;
};

type Reader = { viewers: Set<Viewer>; after: number; wakeUp: (() => void) | null; running: boolean };

export type StreamHubOptions = {
  db: Db;
  /** Registers a commit listener; returns its unregister function. */
  onCommit?: (listener: (notice: CommitNotice) => void) => () => void;
  pollMs?: number;
  heartbeatMs?: number;
};

const BATCH = 500;
const ENDS = new Set(['InstanceCompleted', 'InstanceCancelled']);

export function createStreamHub(options: StreamHubOptions) {
  const pollMs = options.pollMs ?? 500;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const readers = new Map<string, Reader>();
  let unregister: (() => void) | undefined;

  function listen(): void {
    if (unregister !== undefined || options.onCommit === undefined) return;
    unregister = options.onCommit((notice) => {
      for (const changed of notice.instances) readers.get(changed.instanceId)?.wakeUp?.();
    });
  }

  function deliver(viewer: Viewer, item: StoredEvent): void {
    if (item.seq <= viewer.after) return;
    viewer.after = item.seq;
    viewer.send(formatServerSentEvent(item, item.seq));
    if (ENDS.has(item.type)) viewer.end();
  }

  async function run(instanceId: string, reader: Reader): Promise<void> {
    reader.running = true;
    try {
      while (reader.viewers.size > 0) {
        const page = await listInstanceEvents(options.db, { instanceId, after: reader.after, limit: BATCH });
        for (const item of page.items) {
          for (const viewer of reader.viewers) {
            if (viewer.pending !== null) viewer.pending.push(item);
            else deliver(viewer, item);
          }
        }
        reader.after = page.nextAfter;
        if (page.items.length === BATCH) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, pollMs);
          function done() {
            clearTimeout(timer);
            reader.wakeUp = null;
            resolve();
          }
          reader.wakeUp = done;
        });
      }
    } catch (error) {
      const text = `event: error\ndata: ${JSON.stringify({ message: error instanceof Error ? error.message : String(error) })}\n\n`;
      for (const viewer of reader.viewers) {
        viewer.send(text);
        viewer.end();
      }
    } finally {
      reader.running = false;
      if (readers.get(instanceId) === reader && reader.viewers.size === 0) readers.delete(instanceId);
    }
  }

  function stream(instanceId: string, after: number, signal: AbortSignal): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    listen();
    let viewer: Viewer | undefined;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let closed = false;
    const leave = () => {
      if (heartbeat !== undefined) clearInterval(heartbeat);
      const reader = readers.get(instanceId);
      if (viewer !== undefined && reader !== undefined) {
        reader.viewers.delete(viewer);
        if (reader.viewers.size === 0) reader.wakeUp?.();
      }
    };
    return new ReadableStream<Uint8Array>({
      start(controller) {
        const end = () => {
          if (closed) return;
          closed = true;
          leave();
          try {
            controller.close();
          } catch {
            // the viewer already went away
          }
        };
        viewer = {
          after,
          pending: [],
          send: (text) => {
            if (!closed) controller.enqueue(encoder.encode(text));
          },
          end,
        };
        signal.addEventListener('abort', end);
        controller.enqueue(encoder.encode(`: stream of instance ${instanceId}\nretry: 2000\n\n`));
        heartbeat = setInterval(() => viewer?.send(': keep-alive\n\n'), heartbeatMs);
        let reader = readers.get(instanceId);
        if (reader === undefined) {
          reader = { viewers: new Set(), after, wakeUp: null, running: false };
          readers.set(instanceId, reader);
        }
        reader.viewers.add(viewer);
        const joined = viewer;
        const shared = reader;
        void (async () => {
          try {
            // Catch up from where this viewer is to where the shared reader is.
            for (;;) {
              if (joined.after >= shared.after) break;
              const page = await listInstanceEvents(options.db, { instanceId, after: joined.after, limit: BATCH });
              for (const item of page.items) deliver(joined, item);
              if (page.items.length < BATCH) break;
            }
            const pending = joined.pending ?? [];
            joined.pending = null;
            for (const item of pending) deliver(joined, item);
            if (!shared.running) void run(instanceId, shared);
          } catch (error) {
            joined.send(`event: error\ndata: ${JSON.stringify({ message: error instanceof Error ? error.message : String(error) })}\n\n`);
            joined.end();
          }
        })();
      },
      cancel() {
        closed = true;
        leave();
      },
    });
  }

  return {
    stream,
    /** Readers currently running (one per watched instance). */
    readerCount: () => readers.size,
    close: () => unregister?.(),
  };
}
