/**
 * npm run bench:dashboard — the dashboard's and heatmap's query times on a large history.
 *
 * For SQLite and PostgreSQL (fresh migrated databases): seeds 5 published processes, 100,000
 * instances and 1,000,000 events spread over 90 days (10 events per instance: start, gateway,
 * review task, end; 4% fail into an incident, 10% still running, SLA breaches on the slow
 * reviews), with bulk inserts through the drivers (better-sqlite3 prepared statements in one
 * transaction; PostgreSQL INSERT ... SELECT FROM unnest()). The read model is computed from the
 * same events by the runtime's own pure code (computeDeltas) and written with writeDeltas —
 * what the command transactions would have written one by one. 2,000 open user tasks too.
 *
 * Then it times loadDashboard (30 and 90 days, all processes and one process) and loadHeatmap
 * (one process, all versions) 25 times each and prints p50/p95 (target: p95 < 300 ms).
 * BENCH_INSTANCES overrides the instance count; BENCH_DB=sqlite|postgres runs one database;
 * BENCH_KEEP=1 keeps the databases (their URLs are printed) for EXPLAIN.
 */
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createDb, type Db } from '../lib/db/client';
import { deployMigrations } from '../lib/db/migrate';
import { createEmptyTestDatabase, type TestDatabaseKind } from '../lib/db/test-database';
import type { Event } from '../lib/engine/core';
import { eventRowsOf, type EventRow } from '../lib/engine/runtime/event-log';
import { percentile } from '../lib/metrics/histogram';
import { computeDeltas, emptyDeltas } from '../lib/metrics/read-model/deltas';
import { writeDeltas } from '../lib/metrics/read-model/update-read-models';
import { listVersions, loadDashboard, loadHeatmap } from '../lib/metrics/queries';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 100_000);
const PROCESSES = 5;
const DAYS = 90;
const RUNS = 25;
const NOW = Date.UTC(2026, 10, 20, 12);
const REVIEW_SLA_MS = 4 * 3_600_000;

type Seeded = { events: number; instances: number; ms: number };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** The 10 events of one synthetic instance, and its row. */
function instanceOf(i: number, versionId: string, processKey: string, random: () => number) {
  const start = NOW - Math.floor(random() * DAYS * 86_400_000);
  const id = `i${i.toString(36).padStart(6, '0')}`;
  const at = (ms: number) => new Date(start + ms).toISOString();
  const reviewMs = Math.floor(60_000 * Math.exp(random() * 6)); // 1 min .. ~6.7 h, log-spread
  const big = random() < 0.6;
  const fails = random() < 0.04;
  const running = !fails && random() < 0.1;
  const e: Event[] = [
    { type: 'InstanceCreated', v: 1, at: at(0), instanceKey: id, processId: processKey, startElementId: 'start', variables: {} },
    { type: 'ElementActivated', v: 1, at: at(0), elementInstanceKey: `${id}.1`, elementId: 'start', elementType: 'startEvent', scopeKey: id },
    { type: 'ElementCompleted', v: 1, at: at(5), elementInstanceKey: `${id}.1`, elementId: 'start', scopeKey: id },
    { type: 'FlowTaken', v: 1, at: at(5), flowId: 'f1', scopeKey: id, sourceElementInstanceKey: `${id}.1`, targetId: 'big' },
    { type: 'ElementActivated', v: 1, at: at(6), elementInstanceKey: `${id}.2`, elementId: 'big', elementType: 'exclusiveGateway', scopeKey: id, flowId: 'f1' },
    { type: 'ElementCompleted', v: 1, at: at(7), elementInstanceKey: `${id}.2`, elementId: 'big', scopeKey: id },
    { type: 'FlowTaken', v: 1, at: at(7), flowId: big ? 'large' : 'small', scopeKey: id, sourceElementInstanceKey: `${id}.2`, targetId: big ? 'review' : 'approve' },
    { type: 'ElementActivated', v: 1, at: at(8), elementInstanceKey: `${id}.3`, elementId: big ? 'review' : 'approve', elementType: 'serviceTask', scopeKey: id },
  ];
  if (fails) {
    e.push({ type: 'IncidentRaised', v: 1, at: at(reviewMs), incidentKey: `${id}.x`, elementInstanceKey: `${id}.3`, elementId: big ? 'review' : 'approve', kind: 'jobNoRetries', message: 'reviewer unavailable', retry: 'job' });
    e.push({ type: 'VariablesSet', v: 1, at: at(reviewMs), scopeKey: id, variables: { failed: true } } as Event);
  } else if (running) {
    e.push({ type: 'VariablesSet', v: 1, at: at(10), scopeKey: id, variables: { waiting: true } } as Event);
    e.push({ type: 'VariablesSet', v: 1, at: at(11), scopeKey: id, variables: { stillWaiting: true } } as Event);
  } else {
    e.push({ type: 'ElementCompleted', v: 1, at: at(reviewMs), elementInstanceKey: `${id}.3`, elementId: big ? 'review' : 'approve', scopeKey: id });
    e.push({ type: 'InstanceCompleted', v: 1, at: at(reviewMs + 10), instanceKey: id });
  }
  const status = fails || running ? 'active' : 'completed';
  return {
    events: e,
    row: { id, versionId, processKey, status, startedAt: new Date(start), endedAt: status === 'completed' ? new Date(start + reviewMs + 10) : null, lastSeq: e.length, openIncidents: fails ? 1 : 0 },
  };
}

const MODEL_JSON = JSON.stringify({
  processes: [{ id: 'claims', slaTarget: 'P1D' }],
  elements: [{ id: 'start' }, { id: 'big' }, { id: 'review', slaTarget: 'PT4H' }, { id: 'approve' }, { id: 'end' }],
});

async function seedVersions(db: Db): Promise<{ versionId: string; processKey: string }[]> {
  const out: { versionId: string; processKey: string }[] = [];
  for (let p = 0; p < PROCESSES; p++) {
    const key = `bench-process-${p}`;
    const model = await db.processModel.create({ data: { key, name: `Bench process ${p}`, draft: '{}', latestVersion: 2 } });
    for (const number of [1, 2]) {
      const version = await db.processVersion.create({ data: { modelId: model.id, number, processKey: 'claims', bpmnXml: '', modelJson: MODEL_JSON, checksum: `${key}-${number}` } });
      out.push({ versionId: version.id, processKey: key });
    }
  }
  return out;
}

type Row = ReturnType<typeof instanceOf>['row'];

async function seed(kind: TestDatabaseKind, url: string, db: Db): Promise<Seeded> {
  const t0 = performance.now();
  const versions = await seedVersions(db);
  const random = rng(42);
  const deltas = emptyDeltas();
  const sla = { processMs: 86_400_000, elementsMs: new Map([['review', REVIEW_SLA_MS]]) };
  let eventCount = 0;
  const CHUNK = 10_000;
  const sqlite = kind === 'sqlite' ? new Database(url.replace(/^file:/, '')) : null;
  const pool = kind === 'postgres' ? new pg.Pool({ connectionString: url, max: 1 }) : null;
  if (sqlite) sqlite.pragma('journal_mode = WAL');
  const insertInstance = sqlite?.prepare('INSERT INTO "ProcessInstance" ("id","versionId","processKey","status","startedAt","endedAt","updatedAt","lastSeq","snapshot","openIncidents") VALUES (?,?,?,?,?,?,?,?,?,?)');
  const insertEvents = sqlite?.prepare('INSERT INTO "InstanceEventBatch" ("instanceId","firstSeq","lastSeq","events") VALUES (?,?,?,?)');

  for (let from = 0; from < INSTANCES; from += CHUNK) {
    const rows: Row[] = [];
    const events: EventRow[] = [];
    for (let i = from; i < Math.min(INSTANCES, from + CHUNK); i++) {
      const version = versions[i % versions.length];
      const made = instanceOf(i, version.versionId, version.processKey, random);
      rows.push(made.row);
      events.push(...eventRowsOf(made.row.id, 0, made.events, []));
      eventCount += made.events.length;
      computeDeltas({ instanceId: made.row.id, versionId: version.versionId, processKey: version.processKey, events: made.events }, { activations: new Map() }, sla, deltas);
    }
    if (sqlite && insertInstance && insertEvents) {
      sqlite.transaction(() => {
        for (const r of rows) insertInstance.run(r.id, r.versionId, r.processKey, r.status, r.startedAt.toISOString(), r.endedAt?.toISOString() ?? null, r.startedAt.toISOString(), r.lastSeq, '{}', r.openIncidents);
        for (const e of events) insertEvents.run(e.instanceId, e.firstSeq, e.lastSeq, e.events);
      })();
    } else if (pool) {
      await pool.query(
        'INSERT INTO "ProcessInstance" ("id","versionId","processKey","status","startedAt","endedAt","updatedAt","lastSeq","snapshot","openIncidents") SELECT a, b, c, d, e, f, e, g, \'{}\', h FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamp[], $6::timestamp[], $7::int[], $8::int[]) AS t(a, b, c, d, e, f, g, h)',
        [rows.map((r) => r.id), rows.map((r) => r.versionId), rows.map((r) => r.processKey), rows.map((r) => r.status), rows.map((r) => r.startedAt.toISOString()), rows.map((r) => r.endedAt?.toISOString() ?? null), rows.map((r) => r.lastSeq), rows.map((r) => r.openIncidents)],
      );
      await pool.query(
        'INSERT INTO "InstanceEventBatch" ("instanceId","firstSeq","lastSeq","events") SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[])',
        [events.map((e) => e.instanceId), events.map((e) => e.firstSeq), events.map((e) => e.lastSeq), events.map((e) => e.events)],
      );
    }
  }
  sqlite?.close();
  await pool?.end();

  // The read model, as the command transactions would have written it.
  await db.$transaction(async (tx) => writeDeltas(kind, tx, deltas), { timeout: 600_000 });

  // Open human tasks for the "by group" figures.
  const tasks = Array.from({ length: 2_000 }, (_, i) => ({
    id: `t${i}`,
    instanceId: `i${i.toString(36).padStart(6, '0')}`,
    elementId: 'review',
    elementInstanceId: `e${i}`,
    name: 'Review',
    processKey: versions[i % versions.length].processKey,
    versionId: versions[i % versions.length].versionId,
    dueAt: new Date(NOW + (i % 3 === 0 ? -1 : 1) * 86_400_000),
  }));
  await db.userTask.createMany({ data: tasks });
  await db.userTaskCandidate.createMany({ data: tasks.map((t, i) => ({ taskId: t.id, kind: 'group', value: ['finance', 'compliance', 'operations'][i % 3] })) });
  return { events: eventCount, instances: INSTANCES, ms: performance.now() - t0 };
}

async function time(label: string, fn: () => Promise<unknown>): Promise<string> {
  await fn(); // warm-up (caches, prepared plans)
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const p50 = percentile(samples, 0.5)!;
  const p95 = percentile(samples, 0.95)!;
  return `  ${label.padEnd(48)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   ${p95 < 300 ? 'ok' : 'OVER 300 ms'}`;
}

async function run(kind: TestDatabaseKind) {
  const database = await createEmptyTestDatabase(kind);
  try {
    await deployMigrations({ url: database.url });
    const db = createDb(database.url);
    try {
      const seeded = await seed(kind, database.url, db);
      const logRows = await db.instanceEventBatch.count();
      console.log(`${kind}: seeded ${seeded.instances.toLocaleString('en-US')} instances, ${seeded.events.toLocaleString('en-US')} events (${logRows.toLocaleString('en-US')} log rows) in ${(seeded.ms / 1000).toFixed(1)} s`);
      const now = new Date(NOW);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      const last30 = { from: day(NOW - 29 * 86_400_000), to: day(NOW) };
      const last90 = { from: day(NOW - 89 * 86_400_000), to: day(NOW) };
      const versions = (await listVersions(db)).filter((v) => v.processKey === 'bench-process-0');
      const dashboard = await loadDashboard(db, last90, now);
      console.log(`  (90 days: ${dashboard.totals.started.toLocaleString('en-US')} started, ${dashboard.totals.completed.toLocaleString('en-US')} completed, ${dashboard.totals.failed.toLocaleString('en-US')} failed, ${dashboard.totals.slaBreaches.toLocaleString('en-US')} SLA breaches, ${dashboard.totals.active.toLocaleString('en-US')} active)`);
      console.log(await time('dashboard, all processes, 30 days', () => loadDashboard(db, last30, now)));
      console.log(await time('dashboard, all processes, 90 days', () => loadDashboard(db, last90, now)));
      console.log(await time('dashboard, one process, 90 days', () => loadDashboard(db, { ...last90, process: 'bench-process-0' }, now)));
      console.log(await time('heatmap, one process (2 versions), 90 days', () => loadHeatmap(db, versions.map((v) => v.id), last90)));
    } finally {
      await db.$disconnect();
    }
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`  kept ${database.url}`);
    else await database.remove();
  }
}

const kinds = (process.env.BENCH_DB ? [process.env.BENCH_DB] : ['sqlite', 'postgres']) as TestDatabaseKind[];
for (const kind of kinds) await run(kind);
process.exit(0);
