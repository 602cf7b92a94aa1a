/**
 * Keeps the dashboard read model current. Called by the runtime INSIDE the command transaction
 * (lib/engine/runtime/execute-command.ts), after the events are appended: the counters commit or
 * roll back with the events they count, so they never drift from the log and no page load ever
 * scans the event log (ARCHITECTURE.md: "dashboard figures ... written in the same transaction").
 *
 * Contract
 * - Activations from earlier transactions come from the instance's state before the batch
 *   (element instances keep their activation time); only a snapshot written before that was
 *   kept makes it read the instance's own log. Then one multi-row upsert per table:
 *   `INSERT ... ON CONFLICT (primary key) DO UPDATE SET n = n + excluded.n` on both databases.
 * - Rows are written in primary-key order, as the last writes of the transaction, so concurrent
 *   PostgreSQL transactions take the counter rows' locks in one order (no deadlocks) and hold
 *   them only until the commit that follows.
 * - On PostgreSQL each transaction adds to its own counter slot (`nextCounterSlot`: the slots in
 *   turn from a random start per process), so concurrent transactions — of this process or of
 *   other workers — rarely wait for each other's row locks. Readers sum over slots. SQLite has
 *   one writer at a time: slot 0.
 * - SLA targets come from the version's model (immutable) and are cached per version.
 */
import type { Event, InstanceState } from '@/lib/engine/core';
import { eventsOfRow } from '@/lib/engine/runtime/event-log';
import { dialect, type RuntimeContext, type Tx } from '@/lib/engine/runtime/runtime-context';
import { activationsNeeded, computeDeltas, emptyDeltas, knownFactsFromState, slaTargetsOfModel, type Deltas, type KnownFacts, type SlaModel, type SlaTargets } from './deltas';

export type WrittenInstance = {
  instanceId: string;
  versionId: string;
  processKey: string;
  /** The instance's state before these events (EMPTY_STATE for one created by them). */
  before: InstanceState;
  events: readonly Event[];
};

type Kind = RuntimeContext['kind'];
type Exec = Pick<Tx, '$executeRawUnsafe' | '$queryRawUnsafe'>;

export async function updateReadModels(rt: Pick<RuntimeContext, 'kind'>, tx: Exec, written: readonly WrittenInstance[]): Promise<void> {
  if (written.length === 0) return;
  const deltas = emptyDeltas();
  for (const instance of written) {
    const sla = await slaTargetsOf(rt.kind, tx, instance.versionId);
    const known = await loadKnownFacts(rt.kind, tx, instance);
    computeDeltas(instance, known, sla, deltas);
  }
  await writeDeltas(rt.kind, tx, deltas, rt.kind === 'postgres' ? nextCounterSlot() : 0);
}

export const COUNTER_SLOTS = 16;
let lastSlot = Math.floor(Math.random() * COUNTER_SLOTS);

/** The counter slot of the next PostgreSQL transaction: each in turn, from a random start per process. */
export function nextCounterSlot(): number {
  lastSlot = (lastSlot + 1) % COUNTER_SLOTS;
  return lastSlot;
}

async function loadKnownFacts(kind: Kind, tx: Exec, instance: WrittenInstance): Promise<KnownFacts> {
  const needed = activationsNeeded(instance.events);
  const fromState = knownFactsFromState(instance.before, needed);
  if (fromState !== null) return fromState;
  const activations = new Map<string, { elementId: string; at: string }>();
  let startedAt: string | undefined;
  if (needed.elementIds.size === 0 && !needed.needsStart) return { activations };
  const rows = (await tx.$queryRawUnsafe(
    dialect(kind, 'SELECT "id", "instanceId", "firstSeq", "lastSeq", "events" FROM "InstanceEventBatch" WHERE "instanceId" = ?'),
    instance.instanceId,
  )) as { id: number; instanceId: string; firstSeq: number; lastSeq: number; events: string }[];
  for (const row of rows) {
    for (const { event } of eventsOfRow({ ...row, id: Number(row.id), firstSeq: Number(row.firstSeq), lastSeq: Number(row.lastSeq) })) {
      if (event.type === 'InstanceCreated' && needed.needsStart) startedAt = event.at;
      else if (event.type === 'ElementActivated' && needed.elementIds.has(event.elementId)) activations.set(event.elementInstanceKey, { elementId: event.elementId, at: event.at });
    }
  }
  return startedAt === undefined ? { activations } : { activations, startedAt };
}

const slaCache = new Map<string, SlaTargets>();

/** The SLA targets of a version's model (process and elements), cached: versions are immutable. */
export async function slaTargetsOf(kind: Kind, tx: Exec, versionId: string): Promise<SlaTargets> {
  const cached = slaCache.get(versionId);
  if (cached) return cached;
  const rows = (await tx.$queryRawUnsafe(dialect(kind, 'SELECT "processKey", "modelJson" FROM "ProcessVersion" WHERE "id" = ?'), versionId)) as { processKey: string; modelJson: string }[];
  const targets = rows.length === 0 ? { processMs: null, elementsMs: new Map<string, number>() } : slaTargetsOfModel(JSON.parse(rows[0].modelJson) as SlaModel, rows[0].processKey);
  if (rows.length > 0) slaCache.set(versionId, targets);
  return targets;
}

const ROWS_PER_STATEMENT = 200;

async function upsert(kind: Kind, tx: Exec, table: string, keys: readonly string[], counters: readonly string[], rows: readonly Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => compareKeys(keys.map((k) => a[k]), keys.map((k) => b[k])));
  const columns = [...keys, ...counters];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const set = counters.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`).join(', ');
  for (let i = 0; i < sorted.length; i += ROWS_PER_STATEMENT) {
    const chunk = sorted.slice(i, i + ROWS_PER_STATEMENT);
    const values = chunk.flatMap((row) => columns.map((c) => row[c]));
    await tx.$executeRawUnsafe(
      dialect(kind, `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ON CONFLICT (${keys.filter((k) => k !== 'processKey').map((k) => `"${k}"`).join(', ')}) DO UPDATE SET ${set}`),
      ...values,
    );
  }
}

function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = String(a[i]);
    const y = String(b[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Writes deltas (from one transaction, or from a bulk seed) as upserts into counter slot `slot`. */
export async function writeDeltas(kind: Kind, tx: Exec, deltas: Deltas, slot = 0): Promise<void> {
  const inSlot = (rows: Iterable<object>) => [...rows].map((row) => ({ ...row, slot }));
  await upsert(kind, tx, 'MetricDurationBucket', ['versionId', 'elementId', 'day', 'bucket', 'slot'], ['count'], inSlot(deltas.buckets.values()));
  await upsert(kind, tx, 'MetricElementDay', ['versionId', 'elementId', 'day', 'slot'], ['activated', 'completed', 'terminated', 'incidents', 'slaBreaches', 'durationSumMs'], inSlot(deltas.elementDays.values()));
  await upsert(kind, tx, 'MetricFlowDay', ['versionId', 'flowId', 'day', 'slot'], ['taken'], inSlot(deltas.flowDays.values()));
  await upsert(kind, tx, 'MetricAgentDay', ['versionId', 'elementId', 'day', 'kind', 'name', 'slot'], ['calls', 'inputTokens', 'outputTokens', 'costUsd'], inSlot(deltas.agentDays.values()));
  // processKey is a plain column of MetricProcessDay, listed with the keys only to be inserted.
  await upsert(kind, tx, 'MetricProcessDay', ['versionId', 'day', 'slot', 'processKey'], ['started', 'completed', 'cancelled', 'incidents', 'slaBreaches', 'durationSumMs'], inSlot(deltas.processDays.values()));
  for (let i = 0; i < deltas.breaches.length; i += ROWS_PER_STATEMENT) {
    const chunk = deltas.breaches.slice(i, i + ROWS_PER_STATEMENT);
    const values = chunk.flatMap((b) => [b.instanceId, b.processKey, b.versionId, b.elementId, kind === 'sqlite' ? new Date(b.at).toISOString() : new Date(b.at), b.durationMs, b.targetMs]);
    await tx.$executeRawUnsafe(
      dialect(kind, `INSERT INTO "SlaBreach" ("instanceId", "processKey", "versionId", "elementId", "at", "durationMs", "targetMs") VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`),
      ...values,
    );
  }
}
