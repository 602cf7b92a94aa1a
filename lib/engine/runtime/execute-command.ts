/**
 * Executes commands durably: load → decide → one transaction (ARCHITECTURE.md, "The spine").
 *
 * Contract
 * - For each request: the instance's snapshot is loaded, `decide` runs to quiescence (the
 *   synchronous steps the command reaches — gateways, script tasks, events that need no wait —
 *   are in the same events), and in ONE transaction the events are appended with gapless
 *   sequence numbers, the snapshot and `lastSeq` are saved, and the outbox rows the events ask
 *   for (plan-outbox.ts) are written. Nothing is fired after the commit but wake-ups: this
 *   process's listeners, and on PostgreSQL a NOTIFY to the others (commit-channel.ts).
 * - Optimistic concurrency: the instance row is updated only where `lastSeq` still has the value
 *   that was loaded. When another transaction got there first the whole transaction is rolled
 *   back and the command is decided again on fresh state — never applied twice. A command the
 *   fresh state no longer accepts (the job was completed meanwhile) comes back as a rejection.
 * - `executeCommands` takes a batch (group commit): requests on several instances, or several
 *   on one instance (decided one after the other on the working state), share one transaction.
 *   A batch that keeps losing races is split and its requests executed one by one.
 * - A rejection changes nothing and does not stop the other requests of the batch.
 * - `within(tx, results)` runs inside the same transaction after the writes: callers add what
 *   must commit with the events (a message's de-duplication row, a runtime work row's delete).
 */
import { z } from 'zod';
import {
  decide,
  EMPTY_STATE,
  fromSnapshot,
  toSnapshot,
  type Command,
  type Event,
  type InstanceState,
  type RejectionCode,
  type StateSnapshot,
} from '@/lib/engine/core';
import { compactRowOps, planOutbox, type RowOp } from './plan-outbox';
import { applyRowOps } from './apply-row-ops';
import { publishCommit } from './commit-channel';
import { insertRows } from './raw-rows';
import { eventRowsOf, insertEventRows } from './event-log';
import { updateReadModels } from '@/lib/metrics/read-model/update-read-models';
import { instrument } from '@/lib/telemetry/instrument';
import type { VersionDefinition } from './definitions';
import { dialect, type CommitNotice, type RuntimeContext, type Tx } from './runtime-context';
import { runtimeStats } from './runtime-stats';

export type CommandRequest = {
  instanceId: string;
  command: Command;
  /** Who asked: person:<userId> | token:<tokenId> | agent:<elementId> | system (default). */
  actor?: string;
  /** CreateInstance only: the version the new instance runs (pinned for its life). */
  versionId?: string;
};

export type CommandResult =
  | { ok: true; instanceId: string; events: Event[]; state: InstanceState; firstSeq: number; lastSeq: number }
  | { ok: false; code: RejectionCode | 'INSTANCE_NOT_FOUND' | 'INSTANCE_EXISTS'; message: string };

export type ExecuteOptions = {
  within?: (tx: Tx, results: readonly CommandResult[]) => Promise<void>;
};

/** Another transaction changed an instance between our load and our write. */
export class ConcurrencyConflict extends Error {
  constructor(readonly instanceId: string) {
    super(`instance ${instanceId} was changed by another transaction`);
    this.name = 'ConcurrencyConflict';
  }
}

/** Every lost race means another command committed, so the instance moves on; the random wait spreads the losers. */
const MAX_ATTEMPTS = 50;

export async function executeCommand(rt: RuntimeContext, request: CommandRequest, options: ExecuteOptions = {}): Promise<CommandResult> {
  const [result] = await executeCommands(rt, [request], options);
  return result;
}

export async function executeCommands(rt: RuntimeContext, requests: readonly CommandRequest[], options: ExecuteOptions = {}): Promise<CommandResult[]> {
  if (requests.length === 0) return [];
  const results: (CommandResult | undefined)[] = new Array(requests.length);
  let pending = requests.map((_, index) => index);
  runtimeStats.commandBatches++;
  runtimeStats.commandsExecuted += requests.length;
  for (let attempt = 1; ; attempt++) {
    runtimeStats.attempts++;
    try {
      const batch = pending.map((index) => requests[index]);
      const outcome = await instrument('baton.command', { 'baton.command.type': batch[0].command.type, 'baton.command.count': batch.length, 'baton.attempt': attempt }, () => executeOnce(rt, batch, options));
      outcome.results.forEach((result, k) => {
        if (result !== undefined) results[pending[k]] = result;
      });
      // Only the requests on instances that lost a race go again, on fresh state.
      pending = outcome.lost.map((k) => pending[k]);
      if (pending.length === 0) return results as CommandResult[];
    } catch (error) {
      if (!isRetryable(error)) throw error;
      runtimeStats.retryableErrors++;
    }
    if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflict(requests[pending[0]].instanceId);
    await pause(attempt);
  }
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));
}

/** Lost optimistic races, and the PostgreSQL errors that mean the same (deadlock, serialization). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ConcurrencyConflict) return true;
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code ?? '')}` : String(error);
  return /40P01|40001|deadlock detected|could not serialize|SQLITE_BUSY|database is locked/i.test(text);
}

type Loaded = {
  instanceId: string;
  version: VersionDefinition;
  /** null: created by this batch. */
  loadedSeq: number | null;
  /** The state as loaded (EMPTY_STATE for an instance this batch creates). */
  loadedState: InstanceState;
  /** The state after the batch's commands so far. */
  state: InstanceState;
  events: Event[];
  ops: RowOp[];
  actors: (string | undefined)[];
  startedById: string | null;
};

/**
 * One attempt. Returns a result per request, except for requests on instances whose row changed
 * since it was loaded: those are listed in `lost` and must be decided again. With `within` a lost
 * race rolls back everything (ConcurrencyConflict), since the caller's writes belong to all.
 */
async function executeOnce(
  rt: RuntimeContext,
  requests: readonly CommandRequest[],
  options: ExecuteOptions,
): Promise<{ results: (CommandResult | undefined)[]; lost: number[] }> {
  const existingIds = [...new Set(requests.filter((r) => r.command.type !== 'CreateInstance').map((r) => r.instanceId))];
  const rows = await loadInstances(rt, existingIds);
  const loaded = new Map<string, Loaded>();
  for (const row of rows) {
    const version = await rt.definitions.get(row.versionId);
    const state = fromSnapshot(JSON.parse(row.snapshot) as StateSnapshot);
    loaded.set(row.id, {
      instanceId: row.id,
      version,
      loadedSeq: row.lastSeq,
      loadedState: state,
      state,
      events: [],
      ops: [],
      actors: [],
      startedById: null,
    });
  }

  const now = rt.clock.now();
  const results: (CommandResult | undefined)[] = [];
  for (const request of requests) {
    let entry = loaded.get(request.instanceId);
    if (request.command.type === 'CreateInstance') {
      if (entry !== undefined) {
        results.push({ ok: false, code: 'INSTANCE_EXISTS', message: `instance ${request.instanceId} is created twice in one batch` });
        continue;
      }
      if (request.versionId === undefined) throw new Error('executeCommands: CreateInstance needs versionId');
      entry = {
        instanceId: request.instanceId,
        version: await rt.definitions.get(request.versionId),
        loadedSeq: null,
        loadedState: EMPTY_STATE,
        state: EMPTY_STATE,
        events: [],
        ops: [],
        actors: [],
        startedById: request.command.startedBy ?? null,
      };
    } else if (entry === undefined) {
      results.push({ ok: false, code: 'INSTANCE_NOT_FOUND', message: `process instance ${request.instanceId} does not exist` });
      continue;
    }
    const command = request.command.type === 'CreateInstance' ? { ...request.command, instanceKey: request.instanceId } : request.command;
    const decided = decide(entry.version.definition, entry.state, command, { now, newId: rt.newId });
    if (!decided.ok) {
      results.push(decided);
      continue;
    }
    if (!loaded.has(entry.instanceId)) loaded.set(entry.instanceId, entry);
    const firstSeq = (entry.loadedSeq ?? 0) + entry.events.length + 1;
    entry.ops.push(
      ...planOutbox(decided.events, decided.state, { instanceId: entry.instanceId, versionId: entry.version.versionId, modelKey: entry.version.modelKey, firstSeq }),
    );
    for (const event of decided.events) {
      entry.events.push(event);
      entry.actors.push(request.actor);
    }
    entry.state = decided.state;
    results.push({ ok: true, instanceId: entry.instanceId, events: decided.events, state: decided.state, firstSeq, lastSeq: firstSeq + decided.events.length - 1 });
  }

  const changed = [...loaded.values()].filter((entry) => entry.events.length > 0).sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1));
  if (changed.length === 0 && options.within === undefined) return { results, lost: [] };

  const lostInstances = new Set<string>();
  let compact = compactRowOps([]);
  let written: Loaded[] = [];
  const transactionStart = performance.now();
  await rt.db.$transaction(
    async (tx) => {
      // The instance rows first (sorted by id): a write takes SQLite's lock at once, and PostgreSQL
      // transactions that share instances meet on the first one instead of deadlocking.
      const lostIds = await writeInstances(rt, tx, changed, now);
      if (lostIds.length > 0 && options.within !== undefined) throw new ConcurrencyConflict(lostIds[0]);
      for (const id of lostIds) lostInstances.add(id);
      written = changed.filter((entry) => !lostInstances.has(entry.instanceId));
      compact = compactRowOps(written.flatMap((entry) => entry.ops));
      const eventRows = written.flatMap((entry) => eventRowsOf(entry.instanceId, entry.loadedSeq ?? 0, entry.events, entry.actors));
      await insertEventRows(rt, tx, eventRows);
      await applyRowOps(rt, tx, compact, new Date(now));
      // The dashboard's read model commits with the events it counts (lib/metrics/read-model).
      await updateReadModels(rt, tx, written.map((entry) => ({ instanceId: entry.instanceId, versionId: entry.version.versionId, processKey: entry.version.modelKey, before: entry.loadedState, events: entry.events })));
      if (options.within !== undefined) await options.within(tx, results as CommandResult[]);
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  runtimeStats.transactionMs += performance.now() - transactionStart;
  runtimeStats.conflicts += lostInstances.size;

  if (written.length > 0) {
    const notice = noticeOf(written, compact);
    rt.onCommit(notice);
    publishCommit(rt, notice); // other processes (PostgreSQL NOTIFY; commit-channel.ts)
  }
  const lost: number[] = [];
  requests.forEach((request, index) => {
    if (lostInstances.has(request.instanceId)) {
      lost.push(index);
      results[index] = undefined;
    }
  });
  return { results, lost };
}

const IdRowSchema = z.object({ id: z.string() });

type InstanceWrite = { id: string; snapshot: string; lastSeq: number; status: string; endedAt: Date | null; openIncidents: number; loadedSeq: number };

function instanceWrite(entry: Loaded, now: number): InstanceWrite & { state: InstanceState } {
  const state = entry.state;
  const status = state.status === 'none' ? 'active' : state.status === 'active' && state.suspended === true ? 'suspended' : state.status;
  return {
    id: entry.instanceId,
    state,
    snapshot: JSON.stringify(toSnapshot(state)),
    lastSeq: (entry.loadedSeq ?? 0) + entry.events.length,
    status,
    endedAt: status === 'completed' || status === 'cancelled' ? new Date(now) : null,
    openIncidents: state.incidents.size,
    loadedSeq: entry.loadedSeq ?? 0,
  };
}

/**
 * Writes the instance rows of `entries` (new ones inserted, loaded ones updated where `lastSeq`
 * is still the loaded one); returns the ids of those another transaction changed since they were
 * loaded (lost races). PostgreSQL: all updates in one statement (a round trip per instance cost
 * more than the rest of the transaction), and a row another transaction is writing counts as
 * lost at once (SKIP LOCKED: retried after it commits) instead of making this transaction wait
 * while holding its other rows.
 */
async function writeInstances(rt: RuntimeContext, tx: Tx, entries: readonly Loaded[], now: number): Promise<string[]> {
  const created = entries.filter((entry) => entry.loadedSeq === null);
  if (created.length > 0) {
    await insertRows(
      rt,
      tx,
      'ProcessInstance',
      created.map((entry) => {
        const write = instanceWrite(entry, now);
        return {
          id: write.id,
          versionId: entry.version.versionId,
          processKey: entry.version.modelKey,
          businessKey: write.state.businessKey ?? null,
          status: write.status,
          startedById: entry.startedById,
          startedAt: new Date(now),
          endedAt: write.endedAt,
          updatedAt: new Date(now),
          lastSeq: write.lastSeq,
          snapshot: write.snapshot,
          openIncidents: write.openIncidents,
          parentInstanceId: write.state.parent?.instanceKey ?? null,
          parentElementId: write.state.parent?.elementInstanceKey ?? null,
        };
      }),
    );
  }
  const writes = entries.filter((entry) => entry.loadedSeq !== null).map((entry) => instanceWrite(entry, now));
  if (writes.length === 0) return [];
  if (rt.kind === 'postgres') {
    // Parameters: the ids ($1..$n), the time, then 7 per row. The lock is a materialized CTE,
    // taken once (as a subquery the planner may rescan it per row).
    const values: unknown[] = [...writes.map((w) => w.id), new Date(now)];
    const nowParam = `$${values.length}`;
    const tuples = writes.map((w) => {
      values.push(w.id, w.snapshot, w.lastSeq, w.status, w.endedAt, w.openIncidents, w.loadedSeq);
      const n = values.length;
      return `($${n - 6}::text, $${n - 5}::text, $${n - 4}::int, $${n - 3}::text, $${n - 2}::timestamp(3), $${n - 1}::int, $${n}::int)`;
    });
    const idList = writes.map((_, i) => `$${i + 1}`).join(', ');
    const rows: unknown[] = await tx.$queryRawUnsafe(
      `WITH locked AS MATERIALIZED (SELECT "id" FROM "ProcessInstance" WHERE "id" IN (${idList}) FOR UPDATE SKIP LOCKED) ` +
        `UPDATE "ProcessInstance" AS p SET "snapshot" = v.snapshot, "lastSeq" = v.last_seq, "status" = v.status, "endedAt" = v.ended_at, "openIncidents" = v.open_incidents, "updatedAt" = ${nowParam} ` +
        `FROM (VALUES ${tuples.join(', ')}) AS v(id, snapshot, last_seq, status, ended_at, open_incidents, loaded_seq) ` +
        'WHERE p."id" = v.id AND p."lastSeq" = v.loaded_seq AND p."id" = ANY(ARRAY(SELECT "id" FROM locked)) ' +
        'RETURNING p."id"',
      ...values,
    );
    const won = new Set(rows.map((row) => IdRowSchema.parse(row).id));
    return writes.filter((w) => !won.has(w.id)).map((w) => w.id);
  }
  const lost: string[] = [];
  for (const w of writes) {
    const count = await tx.$executeRawUnsafe(
      'UPDATE "ProcessInstance" SET "snapshot" = ?, "lastSeq" = ?, "status" = ?, "endedAt" = ?, "openIncidents" = ?, "updatedAt" = ? WHERE "id" = ? AND "lastSeq" = ?',
      w.snapshot,
      w.lastSeq,
      w.status,
      w.endedAt,
      w.openIncidents,
      new Date(now),
      w.id,
      w.loadedSeq,
    );
    if (count !== 1) lost.push(w.id);
  }
  return lost;
}

const InstanceRowSchema = z.object({ id: z.string(), versionId: z.string(), lastSeq: z.coerce.number(), snapshot: z.string() });

async function loadInstances(rt: RuntimeContext, ids: readonly string[]): Promise<z.infer<typeof InstanceRowSchema>[]> {
  if (ids.length === 0) return [];
  const rows: unknown[] = await rt.db.$queryRawUnsafe(
    dialect(rt.kind, `SELECT "id", "versionId", "lastSeq", "snapshot" FROM "ProcessInstance" WHERE "id" IN (${ids.map(() => '?').join(', ')})`),
    ...ids,
  );
  return rows.map((row) => InstanceRowSchema.parse(row));
}

function noticeOf(changed: readonly Loaded[], compact: ReturnType<typeof compactRowOps>): CommitNotice {
  const jobTypes = [...new Set(compact.job.create.filter((j) => j.status === 'activatable').map((j) => j.type))];
  if (compact.job.update.some((u) => u.patch.status === 'activatable')) jobTypes.push('*');
  let timerDueAt: number | undefined;
  for (const timer of compact.timer.create) timerDueAt = Math.min(timerDueAt ?? Infinity, timer.dueAt.getTime());
  return {
    instances: changed.map((entry) => ({ instanceId: entry.instanceId, firstSeq: (entry.loadedSeq ?? 0) + 1, events: entry.events })),
    jobTypes,
    ...(timerDueAt === undefined ? {} : { timerDueAt }),
    work: compact.work.create.length > 0,
    subscriptions: compact.subscription.create.some((s) => s.kind === 'message'),
  };
}
