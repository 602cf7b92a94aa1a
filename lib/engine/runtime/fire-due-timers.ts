/**
 * Fires due timers: instance timers by FireTimer, timer start events by starting an instance.
 *
 * Contract
 * - Durable: a timer is a row written with the TimerScheduled event; it fires when the runtime
 *   sees it due — after a restart every overdue timer is due at once. A timer is claimed with a
 *   lease (like a job) so that two runtimes do not both fire it; a runtime that dies mid-way
 *   leaves the lease to expire. FireTimer is idempotent anyway: a timer that already fired or was
 *   cancelled with its scope is gone from the state (TIMER_NOT_FOUND), and its row is removed.
 * - Cycles: the core schedules the next firing (a new TimerScheduled) in the same decide.
 * - Timer start events (rows with a version and no instance, see sync-start-events.ts) start an
 *   instance whose id is derived from the timer and its firing count, and move the row to the
 *   next due time in the same transaction, so a repeated firing cannot start a second instance.
 * - `nextTimerDueAt` tells the loop how long it may sleep.
 */
import { z } from 'zod';
import { startTimersOf } from '@/lib/engine/core';
import { dateParam } from './claim-jobs';
import { executeCommands, type CommandRequest } from './execute-command';
import { dialect, type RuntimeContext } from './runtime-context';

export const StartTimerSpecSchema = z.object({ startEventId: z.string(), count: z.number().int().nonnegative() });

const ClaimedTimerSchema = z.object({
  id: z.string(),
  instanceId: z.string().nullable(),
  versionId: z.string().nullable(),
  spec: z.string(),
  dueAt: z.union([z.date(), z.string()]),
});
type ClaimedTimer = z.infer<typeof ClaimedTimerSchema>;

/** Firing takes milliseconds; a runtime that died holding a timer delays it by at most this. */
const TIMER_LEASE_MS = 10_000;

async function claimDueTimers(rt: RuntimeContext, owner: string, max: number): Promise<ClaimedTimer[]> {
  const now = rt.clock.now();
  const candidates =
    `SELECT "id" FROM "Timer" WHERE "status" = 'scheduled' AND "dueAt" <= ? AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" <= ?) ` +
    `ORDER BY "dueAt" LIMIT ?${rt.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}`;
  const rows: unknown[] = await rt.db.$queryRawUnsafe(
    dialect(rt.kind, `UPDATE "Timer" SET "leaseOwner" = ?, "leaseExpiresAt" = ? WHERE "id" IN (${candidates}) RETURNING "id", "instanceId", "versionId", "spec", "dueAt"`),
    owner,
    dateParam(rt, now + TIMER_LEASE_MS),
    dateParam(rt, now),
    dateParam(rt, now),
    max,
  );
  return rows.map((row) => ClaimedTimerSchema.parse(row));
}

/** Fires up to `max` due timers; returns how many it claimed. */
export async function fireDueTimers(rt: RuntimeContext, options: { owner: string; max: number }): Promise<number> {
  const timers = await claimDueTimers(rt, options.owner, options.max);
  if (timers.length === 0) return 0;
  const instanceTimers = timers.filter((t) => t.instanceId !== null);
  const requests: CommandRequest[] = instanceTimers.map((t) => ({ instanceId: t.instanceId as string, command: { type: 'FireTimer', timerKey: t.id } }));
  const results = await executeCommands(rt, requests);
  // A timer the state no longer has (fired, or cancelled with its scope) leaves no row behind.
  const stale = instanceTimers.filter((_, index) => !results[index].ok).map((t) => t.id);
  if (stale.length > 0) await rt.db.timer.deleteMany({ where: { id: { in: stale } } });
  for (const timer of timers.filter((t) => t.instanceId === null)) await fireStartTimer(rt, timer);
  return timers.length;
}

async function fireStartTimer(rt: RuntimeContext, timer: ClaimedTimer): Promise<void> {
  const parsed = StartTimerSpecSchema.safeParse(JSON.parse(timer.spec));
  if (!parsed.success || timer.versionId === null) {
    await rt.db.timer.deleteMany({ where: { id: timer.id } });
    return;
  }
  const { startEventId, count } = parsed.data;
  const version = await rt.definitions.get(timer.versionId);
  const fired = new Date(timer.dueAt);
  const next = startTimersOf(version.definition, { now: Math.max(rt.clock.now(), fired.getTime()), previous: fired, count: count + 1, startEventId })[0];
  try {
    await executeCommands(
      rt,
      [{ instanceId: `${timer.id}:${count + 1}`, versionId: timer.versionId, command: { type: 'CreateInstance', startEventId } }],
      {
        within: async (tx) => {
          if (next === undefined) await tx.timer.deleteMany({ where: { id: timer.id } });
          else await tx.timer.updateMany({ where: { id: timer.id }, data: { dueAt: new Date(next.dueAt), spec: JSON.stringify({ startEventId, count: count + 1 }), leaseOwner: null, leaseExpiresAt: null } });
        },
      },
    );
  } catch (error) {
    // The instance of this firing exists already (another runtime fired it): nothing to do.
    if (!isUniqueViolation(error)) throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  return code === 'P2002' || /unique constraint|UNIQUE constraint failed|duplicate key/i.test(message);
}

/** When the earliest scheduled timer is due (epoch ms), or null when none is scheduled. */
export async function nextTimerDueAt(rt: RuntimeContext): Promise<number | null> {
  const row = await rt.db.timer.findFirst({ where: { status: 'scheduled' }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } });
  return row === null ? null : row.dueAt.getTime();
}
