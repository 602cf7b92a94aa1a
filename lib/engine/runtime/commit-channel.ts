/**
 * The cross-process commit channel on PostgreSQL: every command transaction sends
 * `NOTIFY baton_commit` with what it changed, and every process LISTENs, so workers and live
 * streams in other processes wake at once instead of at their next poll. SQLite has no such
 * channel: its processes keep the short poll.
 *
 * Contract
 * - `publishCommit` runs right AFTER the command transaction committed, as its own statement,
 *   not awaited by the command: a notice always follows a commit. Not inside it: PostgreSQL
 *   serialises the commits of all notifying transactions on one global lock held through their
 *   WAL flush, which cost concurrent workers their group commit; a notice-only statement writes
 *   no WAL and holds that lock for a moment. A process that dies between the commit and the
 *   notice loses only the wake-up (the poll finds the work).
 * - The payload (≤ 8000 bytes, PostgreSQL's limit) names the sending process, the instances
 *   with their first and last new sequence numbers, the job types made activatable, and whether
 *   runtime work, message subscriptions or timers were written. When too many instances changed
 *   to list, the list is cut and `more` is set: listeners still wake, and anything not listed
 *   is found by the poll.
 * - A received notice is a `CommitNotice` with `remote: true` and no events (readers load the
 *   log); notices of the receiving process itself are skipped (it was told locally already).
 * - One LISTEN connection per process and database (`subscribeRemoteCommits`), opened with the
 *   first subscriber, closed with the last, reconnected after errors. A wake-up is only a hint:
 *   every reader still polls, so a lost notice delays work, never loses it.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { z } from 'zod';
import type { CommitNotice, RuntimeContext } from './runtime-context';

export const COMMIT_CHANNEL = 'baton_commit';
const MAX_PAYLOAD = 7_900;
const RECONNECT_MS = 1_000;

/** This process, as it names itself in its notices. */
export const PROCESS_TAG = randomBytes(6).toString('base64url');

export type RemoteCommitNotice = CommitNotice & { remote: true; origin: string; more: boolean };

const PayloadSchema = z.object({
  o: z.string(),
  i: z.array(z.tuple([z.string(), z.number(), z.number()])),
  m: z.literal(1).optional(),
  j: z.array(z.string()).optional(),
  w: z.literal(1).optional(),
  s: z.literal(1).optional(),
  t: z.number().optional(),
});

/** The notice as NOTIFY text: compact JSON within PostgreSQL's payload limit. */
export function commitPayload(notice: CommitNotice, origin = PROCESS_TAG): string {
  const head = {
    o: origin,
    ...(notice.jobTypes.length > 0 ? { j: notice.jobTypes } : {}),
    ...(notice.work ? { w: 1 as const } : {}),
    ...(notice.subscriptions ? { s: 1 as const } : {}),
    ...(notice.timerDueAt === undefined ? {} : { t: notice.timerDueAt }),
  };
  const instances: [string, number, number][] = [];
  let size = JSON.stringify({ ...head, i: [], m: 1 }).length;
  let more = false;
  for (const changed of notice.instances) {
    const entry: [string, number, number] = [changed.instanceId, changed.firstSeq, changed.firstSeq + changed.events.length - 1];
    const entrySize = JSON.stringify(entry).length + 1;
    if (size + entrySize > MAX_PAYLOAD) {
      more = true;
      break;
    }
    instances.push(entry);
    size += entrySize;
  }
  return JSON.stringify({ ...head, i: instances, ...(more ? { m: 1 } : {}) });
}

/** A received payload as a notice, or null when it is not one of ours. */
export function parseCommitPayload(text: string): RemoteCommitNotice | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = PayloadSchema.safeParse(raw);
  if (!parsed.success) return null;
  const p = parsed.data;
  return {
    remote: true,
    origin: p.o,
    more: p.m === 1,
    instances: p.i.map(([instanceId, firstSeq]) => ({ instanceId, firstSeq, events: [] })),
    jobTypes: p.j ?? [],
    ...(p.t === undefined ? {} : { timerDueAt: p.t }),
    work: p.w === 1,
    subscriptions: p.s === 1,
  };
}

/** Tells other processes about a commit (PostgreSQL only; a no-op on SQLite). Never throws, never waits. */
export function publishCommit(rt: Pick<RuntimeContext, 'kind' | 'db'>, notice: CommitNotice): void {
  if (rt.kind !== 'postgres') return;
  rt.db.$executeRawUnsafe('SELECT pg_notify($1, $2)', COMMIT_CHANNEL, commitPayload(notice)).catch(() => {
    // only a wake-up is lost: every listener also polls
  });
}

type Listener = (notice: RemoteCommitNotice) => void;

/** One LISTEN connection and its subscribers. */
class CommitChannel {
  readonly listeners = new Set<Listener>();
  private client: Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly url: string) {
    this.connect();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => {});
  }

  private connect(): void {
    if (this.closed) return;
    const client = new Client({ connectionString: this.url });
    this.client = client;
    const reconnect = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => {});
      if (!this.closed) this.retry = setTimeout(() => this.connect(), RECONNECT_MS);
    };
    client.on('error', reconnect);
    client.on('end', reconnect);
    client.on('notification', (message) => {
      if (message.channel !== COMMIT_CHANNEL || message.payload === undefined) return;
      const notice = parseCommitPayload(message.payload);
      if (notice === null || notice.origin === PROCESS_TAG) return;
      for (const listener of this.listeners) {
        try {
          listener(notice);
        } catch {
          // a listener must not stop the others
        }
      }
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${COMMIT_CHANNEL}`))
      .catch(reconnect);
  }

  /** Resolves once LISTEN is in place (tests wait for it before committing). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const client = this.client as (Client & { activeQuery?: unknown; readyForQuery?: boolean }) | undefined;
      if (client !== undefined) {
        try {
          await client.query('SELECT 1');
          return;
        } catch {
          // reconnecting
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the commit channel did not connect');
  }
}

const globalForChannels = globalThis as typeof globalThis & { __batonCommitChannels?: Map<string, CommitChannel> };
const channels = (globalForChannels.__batonCommitChannels ??= new Map<string, CommitChannel>());

/** Calls `listener` for every commit other processes make on the database at `url`; returns the unsubscribe. */
export function subscribeRemoteCommits(url: string, listener: Listener): () => void {
  let channel = channels.get(url);
  if (channel === undefined) {
    channel = new CommitChannel(url);
    channels.set(url, channel);
  }
  channel.listeners.add(listener);
  const subscribed = channel;
  return () => {
    subscribed.listeners.delete(listener);
    if (subscribed.listeners.size === 0 && channels.get(url) === subscribed) {
      channels.delete(url);
      subscribed.close();
    }
  };
}

/** Resolves when this process listens on `url` (after a subscribe; for tests). */
export async function remoteCommitsReady(url: string): Promise<void> {
  await channels.get(url)?.ready();
}
