import 'server-only';
/**
 * The inbox's "something changed" stream (server-sent events), for the /tasks page to refresh
 * itself without a reload and without a fast client poll.
 *
 * Contract
 * - Sends `event: changed` (no data: what changed is read again through the page, under the
 *   subject's own visibility) whenever the inbox's signature moves away from `since` (the
 *   signature the page was rendered with, or the `id` of the last notice: a change between the
 *   page's render and the stream's start is not lost). The signature covers the event log's
 *   position (tasks created, completed, cancelled, escalated; in commit order, so an event that
 *   commits after a newer one still moves it), the newest audit row (claims, assignments,
 *   delegations are audited) and the number of open unassigned tasks (a claim by anyone); it is
 *   sent hashed, so it reveals no counts.
 * - The signature is read every `pollMs` (three indexed one-row queries) and at once after a
 *   commit of this process (`wake`); a comment line every `heartbeatMs` keeps proxies from
 *   closing an idle stream. Ends when the client goes away.
 */
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { formatLogPosition } from '@/lib/engine/runtime/event-log';
import { currentLogPosition } from '@/lib/engine/runtime/list-instance-events';

/** What a stream resumes from: a signature this module gave (hex). */
export const SIGNATURE_PATTERN = /^[0-9a-f]{16,64}$/;

/** The inbox's signature now: changes whenever a task may have changed. */
export async function inboxSignature(db: Db): Promise<string> {
  const [log, audit, unassigned] = await Promise.all([
    currentLogPosition(db),
    db.auditLog.findFirst({ orderBy: [{ at: 'desc' }], select: { id: true, at: true } }),
    db.userTask.count({ where: { status: 'created', assignee: null } }),
  ]);
  return createHash('sha256').update(`${formatLogPosition(log)}|${audit?.at.getTime() ?? 0}:${audit?.id ?? ''}|${unassigned}`).digest('hex').slice(0, 32);
}

export function inboxChangeStream(options: {
  db: Db;
  signal: AbortSignal;
  /** The signature the client last saw; absent: from now. */
  since?: string;
  pollMs?: number;
  heartbeatMs?: number;
  wake?: (callback: () => void) => () => void;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pollMs = options.pollMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let closed = false;
  let wakeUp: (() => void) | undefined;
  let unregister: (() => void) | undefined;

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
        controller.enqueue(encoder.encode(': inbox changes\nretry: 2000\n\n'));
        let last = options.since ?? (await inboxSignature(options.db).catch(() => ''));
        let lastBeat = Date.now();
        let first = true;
        try {
          while (!closed) {
            if (!first) await sleep(pollMs);
            first = false;
            if (closed) break;
            const now = await inboxSignature(options.db);
            if (now !== last) {
              last = now;
              controller.enqueue(encoder.encode(`id: ${now}\nevent: changed\ndata: {}\n\n`));
            } else if (Date.now() - lastBeat >= heartbeatMs) {
              controller.enqueue(encoder.encode(': keep-alive\n\n'));
              lastBeat = Date.now();
            }
          }
        } catch {
          // the database went away: the client reconnects (retry) and starts over
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
