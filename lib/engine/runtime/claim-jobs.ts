/**
 * Claims jobs with a lease, for the built-in executors and for external workers alike.
 *
 * Contract
 * - A job can be claimed when it is `activatable` and due (`dueAt` ≤ now: backoff over), or when
 *   it is `activated` and its lease has expired (the worker died or hung: the job is available
 *   again, with the same attempt and idempotency key). Claiming sets `activated`, the owner and
 *   `leaseExpiresAt = now + leaseMs`, in one statement.
 * - PostgreSQL: concurrent claimers take disjoint work without waiting for each other. By
 *   instance (the default), the instance rows are locked with `FOR NO KEY UPDATE SKIP LOCKED`:
 *   one claimer takes all due jobs of an instance, and the others skip it — locking job rows
 *   instead let a parallel split's jobs go to different claimers, whose answers then raced on
 *   the instance row (lost races, decided again). By job (`byInstance: false`), the job rows are
 *   locked with `FOR UPDATE SKIP LOCKED`. SQLite: the single UPDATE runs under the database's one
 *   writer lock, so claimers are serialised.
 * - The oldest due jobs first. By default all due jobs of their instances together (`max` bounds
 *   the instances, so a round may hold a few more jobs); `byInstance: false` bounds the jobs.
 *   Failed jobs (no retries left) are never claimed: an incident waits.
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

/** PostgreSQL by instance: how many times `max` due jobs are looked at to find `max` instances no other claimer holds. */
const CLAIM_WINDOW = 4;

export async function claimJobs(
  rt: RuntimeContext,
  options: { owner: string; types: readonly string[]; max: number; leaseMs: number; /** Default true: whole instances, for the built-in worker. */ byInstance?: boolean },
): Promise<ClaimedJob[]> {
  if (options.types.length === 0 || options.max <= 0) return [];
  const now = rt.clock.now();
  const expires = now + options.leaseMs;
  // Parameters in the order their `?` appear in the SQL.
  const params: unknown[] = [];
  const bind = (value: unknown) => (params.push(value), '?');
  const eligible = () =>
    `"type" IN (${options.types.map(bind).join(', ')}) AND (("status" = 'activatable' AND "dueAt" <= ${bind(dateParam(rt, now))}) OR ("status" = 'activated' AND "leaseExpiresAt" <= ${bind(dateParam(rt, now))}))`;
  // All eligible jobs of the instances with the oldest due jobs (by default): the jobs of one
  // instance (a parallel split) go to one claimer, so their answers do not race on the instance row.
  const byInstance = options.byInstance ?? true;
  let sql: string;
  if (rt.kind === 'postgres') {
    // The locking select is a materialized CTE, evaluated once (as a subquery the planner may
    // rescan it per candidate row, locking anew each time), and the jobs are found through it.
    // By instance: the instances of the oldest due jobs in a window of CLAIM_WINDOW × max jobs,
    // up to `max` of them that no other claimer holds. A claimer that locks an instance just
    // after another one's claim committed finds its jobs no longer eligible (the UPDATE rechecks
    // its WHERE on the new row versions), so no job is claimed twice.
    // The due jobs and the expired leases are looked up apart, each in the order of its own index
    // (status, type, dueAt) and (status, leaseExpiresAt), so both scans stop at the limit; as one
    // OR the planner read every job row of both statuses, including the index entries of rows
    // already claimed (dead until the next vacuum).
    const window = () => bind(options.max * CLAIM_WINDOW);
    const types = () => options.types.map(bind).join(', ');
    const candidates = () =>
      `(SELECT "instanceId" FROM "Job" WHERE "status" = 'activatable' AND "type" IN (${types()}) AND "dueAt" <= ${bind(dateParam(rt, now))} ORDER BY "dueAt" LIMIT ${window()}) UNION ALL ` +
      `(SELECT "instanceId" FROM "Job" WHERE "status" = 'activated' AND "leaseExpiresAt" <= ${bind(dateParam(rt, now))} AND "type" IN (${types()}) ORDER BY "leaseExpiresAt" LIMIT ${window()})`;
    const picked = byInstance
      ? `SELECT "id" FROM "ProcessInstance" WHERE "id" IN (${candidates()}) LIMIT ${bind(options.max)} FOR NO KEY UPDATE SKIP LOCKED`
      : `SELECT "id" FROM "Job" WHERE ${eligible()} ORDER BY "dueAt" LIMIT ${bind(options.max)} FOR UPDATE SKIP LOCKED`;
    sql =
      `WITH picked AS MATERIALIZED (${picked}) ` +
      `UPDATE "Job" SET "status" = 'activated', "leaseOwner" = ${bind(options.owner)}, "leaseExpiresAt" = ${bind(dateParam(rt, expires))}, "updatedAt" = ${bind(dateParam(rt, now))} ` +
      `WHERE ${eligible()} AND "${byInstance ? 'instanceId' : 'id'}" = ANY(ARRAY(SELECT "id" FROM picked)) `;
  } else {
    // SQLite: one writer at a time, nothing to skip.
    const set = `"status" = 'activated', "leaseOwner" = ${bind(options.owner)}, "leaseExpiresAt" = ${bind(dateParam(rt, expires))}, "updatedAt" = ${bind(dateParam(rt, now))}`;
    sql = byInstance
      ? `UPDATE "Job" SET ${set} WHERE ${eligible()} AND "instanceId" IN (SELECT "instanceId" FROM "Job" WHERE ${eligible()} ORDER BY "dueAt" LIMIT ${bind(options.max)}) `
      : `UPDATE "Job" SET ${set} WHERE "id" IN (SELECT "id" FROM "Job" WHERE ${eligible()} ORDER BY "dueAt" LIMIT ${bind(options.max)}) `;
  }
  sql += 'RETURNING "id", "instanceId", "elementId", "elementInstanceId", "type", "retriesLeft", "attempt", "idempotencyKey", "variables", "settings"';
  const rows: unknown[] = await rt.db.$queryRawUnsafe(dialect(rt.kind, sql), ...params);
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
