/**
 * Claims jobs with a lease, for the built-in executors and for external workers alike.
 *
 * Contract
 * - A job can be claimed when it is `activatable` and due (`dueAt` ≤ now: backoff over), or when
 *   it is `activated` and its lease has expired (the worker died or hung: the job is available
 *   again, with the same attempt and idempotency key). Claiming sets `activated`, the owner and
 *   `leaseExpiresAt = now + leaseMs`, in one statement.
 * - PostgreSQL: the candidate rows are locked with `FOR UPDATE SKIP LOCKED`, so concurrent
 *   claimers take disjoint jobs without waiting for each other. SQLite: the single UPDATE runs
 *   under the database's one writer lock, so claimers are serialised.
 * - The oldest due jobs first. By default all due jobs of their instances together (`max` bounds
 *   the instances, so a round may hold a few more jobs); `byInstance: false` bounds the jobs. Failed jobs (no retries left) are never claimed: an incident waits.
 * - `releaseJobs` gives an owner's leased jobs back at once (graceful shutdown).
 */
import { z } from 'zod';
import { VariablesSchema, RetrySettingsSchema } from '@/lib/engine/core/events';
import { JsonValueSchema } from '@/lib/bpmn/model';
import { dialect, type RuntimeContext } from './runtime-context';

export const JobSettingsRowSchema = z.object({
  timeout: z.string().optional(),
  retry: RetrySettingsSchema.optional(),
  http: JsonValueSchema.optional(),
  agent: JsonValueSchema.optional(),
});

export type ClaimedJob = {
  jobKey: string;
  instanceId: string;
  elementId: string;
  elementInstanceId: string;
  type: string;
  retriesLeft: number;
  attempt: number;
  idempotencyKey: string;
  variables: z.infer<typeof VariablesSchema>;
  settings: z.infer<typeof JobSettingsRowSchema>;
  leaseExpiresAt: number;
};

const ClaimedRowSchema = z.object({
  id: z.string(),
  instanceId: z.string(),
  elementId: z.string(),
  elementInstanceId: z.string(),
  type: z.string(),
  retriesLeft: z.coerce.number(),
  attempt: z.coerce.number(),
  idempotencyKey: z.string(),
  variables: z.string(),
  settings: z.string(),
});

/** A Date as the column stores it: SQLite keeps ISO text (compared as text), PostgreSQL a timestamp. */
export function dateParam(rt: RuntimeContext, epochMs: number): Date | string {
  return rt.kind === 'sqlite' ? new Date(epochMs).toISOString() : new Date(epochMs);
}

export async function claimJobs(
  rt: RuntimeContext,
  options: { owner: string; types: readonly string[]; max: number; leaseMs: number; /** Default true: whole instances, for the built-in worker. */ byInstance?: boolean },
): Promise<ClaimedJob[]> {
  if (options.types.length === 0 || options.max <= 0) return [];
  const now = rt.clock.now();
  const expires = now + options.leaseMs;
  const typeList = options.types.map(() => '?').join(', ');
  const eligible = `"type" IN (${typeList}) AND (("status" = 'activatable' AND "dueAt" <= ?) OR ("status" = 'activated' AND "leaseExpiresAt" <= ?))`;
  // All eligible jobs of the instances with the oldest due jobs: the jobs of one instance (a
  // parallel split) go to one claimer, so their answers do not race on the instance row.
  const byInstance = options.byInstance ?? true;
  // PostgreSQL: both selects skip rows other claimers hold, so concurrent claimers pick different
  // instances instead of all aiming at the oldest ones and coming back empty.
  const skipLocked = rt.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  const candidates = byInstance
    ? `SELECT "id" FROM "Job" WHERE ${eligible} AND "instanceId" IN (SELECT "instanceId" FROM "Job" WHERE ${eligible} ORDER BY "dueAt" LIMIT ?${skipLocked})${skipLocked}`
    : `SELECT "id" FROM "Job" WHERE ${eligible} ORDER BY "dueAt" LIMIT ?${skipLocked}`;
  const sql =
    `UPDATE "Job" SET "status" = 'activated', "leaseOwner" = ?, "leaseExpiresAt" = ?, "updatedAt" = ? WHERE "id" IN (${candidates}) ` +
    'RETURNING "id", "instanceId", "elementId", "elementInstanceId", "type", "retriesLeft", "attempt", "idempotencyKey", "variables", "settings"';
  const rows: unknown[] = await rt.db.$queryRawUnsafe(
    dialect(rt.kind, sql),
    options.owner,
    dateParam(rt, expires),
    dateParam(rt, now),
    ...options.types,
    dateParam(rt, now),
    dateParam(rt, now),
    ...(byInstance ? [...options.types, dateParam(rt, now), dateParam(rt, now)] : []),
    options.max,
  );
  return rows.map((raw) => {
    const row = ClaimedRowSchema.parse(raw);
    return {
      jobKey: row.id,
      instanceId: row.instanceId,
      elementId: row.elementId,
      elementInstanceId: row.elementInstanceId,
      type: row.type,
      retriesLeft: row.retriesLeft,
      attempt: row.attempt,
      idempotencyKey: row.idempotencyKey,
      variables: VariablesSchema.parse(JSON.parse(row.variables)),
      settings: JobSettingsRowSchema.parse(JSON.parse(row.settings)),
      leaseExpiresAt: expires,
    };
  });
}

/** Gives back the jobs `owner` holds (status `activated`): they are available again at once. */
export async function releaseJobs(rt: RuntimeContext, owner: string, jobKeys?: readonly string[]): Promise<number> {
  const result = await rt.db.job.updateMany({
    where: { leaseOwner: owner, status: 'activated', ...(jobKeys === undefined ? {} : { id: { in: [...jobKeys] } }) },
    data: { status: 'activatable', leaseOwner: null, leaseExpiresAt: null },
  });
  return result.count;
}
