/**
 * The dashboard's and heatmap's read queries. Each reads a read-model table kept by
 * read-model/update-read-models.ts (counters per version and UTC day: a range of N days reads
 * at most versions × N rows per figure) or a live table through an index:
 *
 * - over time, by process, SLA counts, agent usage, top failing elements, heatmap, branches:
 *   Metric* tables (incremental aggregates, filtered on day and versionId)
 * - active instances:   ProcessInstance @@index([status, startedAt]) (status IN active, suspended)
 * - open incidents:     ProcessInstance @@index([openIncidents, startedAt]) (openIncidents > 0)
 * - open human tasks:   UserTask @@index([status, dueAt]) joined to UserTaskCandidate's key
 * - SLA breach list:    SlaBreach @@index([processKey, at]) / @@index([at])
 *
 * None of them reads the event log (InstanceEventBatch).
 */
import { z } from 'zod';
import { databaseKindOf, type Db } from '@/lib/db/client';
import { averageMs, failureRate } from './figures';
import { percentileFromBuckets } from './histogram';
import { PROCESS_ELEMENT_ID } from './read-model/deltas';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const DashboardFilterSchema = z
  .object({
    from: Day,
    to: Day,
    /** A model key. */
    process: z.string().min(1).max(200).optional(),
    /** A version number of `process`. */
    version: z.coerce.number().int().positive().optional(),
  })
  .refine((f) => f.from <= f.to, { message: '`from` must not be after `to`', path: ['from'] })
  .refine((f) => f.version === undefined || f.process !== undefined, { message: 'a version needs a process', path: ['version'] });
export type DashboardFilter = z.infer<typeof DashboardFilterSchema>;

/** The default range: the last 30 days up to `now`, UTC. */
export function defaultRange(now: Date): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export type VersionInfo = { id: string; number: number; processKey: string; processName: string; modelJson?: string };

/** Every published version with its model's key and name (a small table: one row per publish). */
export async function listVersions(db: Db): Promise<VersionInfo[]> {
  const rows = await db.processVersion.findMany({ select: { id: true, number: true, model: { select: { key: true, name: true } } }, orderBy: [{ modelId: 'asc' }, { number: 'desc' }] });
  return rows.map((r) => ({ id: r.id, number: r.number, processKey: r.model.key, processName: r.model.name }));
}

/** The version ids the filter selects; undefined means all. */
function selectedVersionIds(versions: readonly VersionInfo[], filter: DashboardFilter): string[] | undefined {
  if (filter.process === undefined) return undefined;
  return versions.filter((v) => v.processKey === filter.process && (filter.version === undefined || v.number === filter.version)).map((v) => v.id);
}

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && days.length < 3700; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export type SeriesPoint = { day: string; started: number; completed: number; cancelled: number; failed: number };
export type ProcessRow = {
  processKey: string;
  processName: string;
  started: number;
  completed: number;
  cancelled: number;
  failed: number;
  slaBreaches: number;
  averageMs: number | null;
  active: number;
  openIncidents: number;
};
export type TaskGroupRow = { group: string; open: number; overdue: number };
export type FailingElementRow = { processKey: string; processName: string; elementId: string; elementName: string; incidents: number; activated: number; failureRate: number };
export type AgentUsageRow = { processKey: string; processName: string; kind: 'model' | 'tool'; name: string; calls: number; inputTokens: number; outputTokens: number; costUsd: number };
export type SlaRow = { processKey: string; processName: string; elementId: string; elementName: string; breaches: number };

export type Dashboard = {
  filter: DashboardFilter;
  totals: { started: number; completed: number; cancelled: number; failed: number; slaBreaches: number; active: number; openIncidents: number; openTasks: number; overdueTasks: number };
  series: SeriesPoint[];
  processes: ProcessRow[];
  tasksByGroup: TaskGroupRow[];
  failingElements: FailingElementRow[];
  agentUsage: AgentUsageRow[];
  slaBreaches: SlaRow[];
};

const n = (value: number | null | undefined) => value ?? 0;

export async function loadDashboard(db: Db, filter: DashboardFilter, now: Date): Promise<Dashboard> {
  const versions = await listVersions(db);
  const byVersion = new Map(versions.map((v) => [v.id, v]));
  const nameOf = (key: string) => versions.find((v) => v.processKey === key)?.processName ?? key;
  const versionIds = selectedVersionIds(versions, filter);
  const inRange = { day: { gte: filter.from, lte: filter.to }, ...(versionIds ? { versionId: { in: versionIds } } : {}) };
  const liveProcess = filter.process === undefined ? {} : { processKey: filter.process, ...(versionIds ? { versionId: { in: versionIds } } : {}) };

  const [perDay, perProcess, active, incidents, elementFailures, agentRows, breachRows, openTasks, overdueTasks, tasksByGroup] = await Promise.all([
    db.metricProcessDay.groupBy({ by: ['day'], where: inRange, _sum: { started: true, completed: true, cancelled: true, incidents: true } }),
    db.metricProcessDay.groupBy({ by: ['processKey'], where: inRange, _sum: { started: true, completed: true, cancelled: true, incidents: true, slaBreaches: true, durationSumMs: true } }),
    db.processInstance.groupBy({ by: ['processKey'], where: { status: { in: ['active', 'suspended'] }, ...liveProcess }, _count: { _all: true } }),
    db.processInstance.groupBy({ by: ['processKey'], where: { openIncidents: { gt: 0 }, ...liveProcess }, _sum: { openIncidents: true } }),
    db.metricElementDay.groupBy({ by: ['versionId', 'elementId'], where: { ...inRange, incidents: { gt: 0 } }, _sum: { incidents: true } }),
    db.metricAgentDay.groupBy({ by: ['versionId', 'kind', 'name'], where: inRange, _sum: { calls: true, inputTokens: true, outputTokens: true, costUsd: true } }),
    db.slaBreach.groupBy({
      by: ['processKey', 'elementId', 'versionId'],
      where: { at: { gte: new Date(`${filter.from}T00:00:00Z`), lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000) }, ...liveProcess },
      _count: { _all: true },
    }),
    db.userTask.count({ where: { status: 'created', ...liveProcess } }),
    db.userTask.count({ where: { status: 'created', dueAt: { lt: now }, ...liveProcess } }),
    openTasksByGroup(db, now, filter.process, versionIds),
  ]);

  const daily = new Map(perDay.map((row) => [row.day, row._sum]));
  const series = eachDay(filter.from, filter.to).map((day) => {
    const sum = daily.get(day);
    return { day, started: n(sum?.started), completed: n(sum?.completed), cancelled: n(sum?.cancelled), failed: n(sum?.incidents) };
  });

  const activeBy = new Map(active.map((r) => [r.processKey, r._count._all]));
  const incidentsBy = new Map(incidents.map((r) => [r.processKey, n(r._sum.openIncidents)]));
  const keys = new Set([...perProcess.map((r) => r.processKey), ...activeBy.keys(), ...incidentsBy.keys()]);
  const processes: ProcessRow[] = [...keys]
    .map((processKey) => {
      const sum = perProcess.find((r) => r.processKey === processKey)?._sum;
      return {
        processKey,
        processName: nameOf(processKey),
        started: n(sum?.started),
        completed: n(sum?.completed),
        cancelled: n(sum?.cancelled),
        failed: n(sum?.incidents),
        slaBreaches: n(sum?.slaBreaches),
        averageMs: averageMs(n(sum?.durationSumMs), n(sum?.completed)),
        active: activeBy.get(processKey) ?? 0,
        openIncidents: incidentsBy.get(processKey) ?? 0,
      };
    })
    .sort((a, b) => b.started - a.started || a.processKey.localeCompare(b.processKey));

  // Failure rates need the activations of the failing elements only (a second, narrow read).
  const failingKeys = elementFailures.map((r) => ({ versionId: r.versionId, elementId: r.elementId }));
  const activations =
    failingKeys.length === 0
      ? []
      : await db.metricElementDay.groupBy({ by: ['versionId', 'elementId'], where: { day: inRange.day, OR: failingKeys }, _sum: { activated: true } });
  const failing = new Map<string, FailingElementRow>();
  for (const row of elementFailures) {
    const version = byVersion.get(row.versionId);
    const processKey = version?.processKey ?? '?';
    const id = `${processKey}\u0000${row.elementId}`;
    const entry = failing.get(id) ?? { processKey, processName: nameOf(processKey), elementId: row.elementId, elementName: row.elementId, incidents: 0, activated: 0, failureRate: 0 };
    entry.incidents += n(row._sum.incidents);
    entry.activated += n(activations.find((a) => a.versionId === row.versionId && a.elementId === row.elementId)?._sum.activated);
    failing.set(id, entry);
  }
  const failingElements = [...failing.values()]
    .map((row) => ({ ...row, failureRate: failureRate(row.incidents, row.activated) }))
    .sort((a, b) => b.incidents - a.incidents || a.elementId.localeCompare(b.elementId))
    .slice(0, 10);

  const agent = new Map<string, AgentUsageRow>();
  for (const row of agentRows) {
    const processKey = byVersion.get(row.versionId)?.processKey ?? '?';
    const id = `${processKey}\u0000${row.kind}\u0000${row.name}`;
    const entry = agent.get(id) ?? { processKey, processName: nameOf(processKey), kind: row.kind === 'tool' ? 'tool' : 'model', name: row.name, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    entry.calls += n(row._sum.calls);
    entry.inputTokens += n(row._sum.inputTokens);
    entry.outputTokens += n(row._sum.outputTokens);
    entry.costUsd += n(row._sum.costUsd);
    agent.set(id, entry);
  }
  const agentUsage = [...agent.values()].sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls);

  const sla = new Map<string, SlaRow>();
  for (const row of breachRows) {
    const id = `${row.processKey}\u0000${row.elementId}`;
    const entry = sla.get(id) ?? { processKey: row.processKey, processName: nameOf(row.processKey), elementId: row.elementId, elementName: row.elementId === PROCESS_ELEMENT_ID ? 'whole instance' : row.elementId, breaches: 0 };
    entry.breaches += row._count._all;
    sla.set(id, entry);
  }
  const slaBreaches = [...sla.values()].sort((a, b) => b.breaches - a.breaches);

  await nameElements(db, [...failingElements, ...slaBreaches.filter((r) => r.elementId !== PROCESS_ELEMENT_ID)], versions);


  const sum = (pick: (p: ProcessRow) => number) => processes.reduce((total, p) => total + pick(p), 0);
  return {
    filter,
    totals: {
      started: sum((p) => p.started),
      completed: sum((p) => p.completed),
      cancelled: sum((p) => p.cancelled),
      failed: sum((p) => p.failed),
      slaBreaches: sum((p) => p.slaBreaches),
      active: sum((p) => p.active),
      openIncidents: sum((p) => p.openIncidents),
      openTasks,
      overdueTasks,
    },
    series,
    processes,
    tasksByGroup,
    failingElements,
    agentUsage,
    slaBreaches,
  };
}

/**
 * Open tasks and overdue ones per candidate group: one join through UserTaskCandidate's
 * (kind, value, taskId) index and UserTask's primary key. (Prisma's relation filter on
 * groupBy planned this as a per-row subquery: 260 ms on 2,000 tasks.)
 */
async function openTasksByGroup(db: Db, now: Date, processKey: string | undefined, versionIds: string[] | undefined): Promise<TaskGroupRow[]> {
  const kind = databaseKindOf(db);
  const where = ['t."status" = \'created\'', 'c."kind" = \'group\''];
  const args: unknown[] = [kind === 'sqlite' ? now.toISOString() : now];
  if (processKey !== undefined) {
    where.push('t."processKey" = ?');
    args.push(processKey);
  }
  if (versionIds !== undefined) {
    if (versionIds.length === 0) return [];
    where.push(`t."versionId" IN (${versionIds.map(() => '?').join(', ')})`);
    args.push(...versionIds);
  }
  const sql = `SELECT c."value" AS "group", COUNT(*) AS "open", SUM(CASE WHEN t."dueAt" < ? THEN 1 ELSE 0 END) AS "overdue"
    FROM "UserTaskCandidate" c JOIN "UserTask" t ON t."id" = c."taskId" WHERE ${where.join(' AND ')} GROUP BY c."value" ORDER BY 2 DESC, 1`;
  let n = 0;
  const rows = (await db.$queryRawUnsafe(kind === 'sqlite' ? sql : sql.replace(/\?/g, () => `$${++n}`), ...args)) as { group: string; open: unknown; overdue: unknown }[];
  return rows.map((r) => ({ group: r.group, open: Number(r.open), overdue: Number(r.overdue ?? 0) }));
}

const elementNames = new Map<string, Map<string, string>>();

/** Element names from the latest version of each process (cached per version id: versions are immutable). */
async function nameElements(db: Db, rows: { processKey: string; elementId: string; elementName: string }[], versions: readonly VersionInfo[]) {
  for (const row of rows) {
    const latest = versions.find((v) => v.processKey === row.processKey);
    if (!latest) continue;
    let names = elementNames.get(latest.id);
    if (!names) {
      const version = await db.processVersion.findUnique({ where: { id: latest.id }, select: { modelJson: true } });
      const model = JSON.parse(version?.modelJson ?? '{}') as { elements?: { id: string; name?: string }[] };
      names = new Map((model.elements ?? []).map((e) => [e.id, e.name ?? e.id]));
      elementNames.set(latest.id, names);
    }
    row.elementName = names.get(row.elementId) ?? row.elementId;
  }
}

// ---------------------------------------------------------------------------------------
// Per-process heatmap

export type ElementStats = {
  elementId: string;
  activated: number;
  completed: number;
  terminated: number;
  incidents: number;
  slaBreaches: number;
  averageMs: number | null;
  p95Ms: number | null;
  failureRate: number;
};
export type Heatmap = { elements: ElementStats[]; flows: { flowId: string; taken: number }[]; process: ElementStats | null };

/** Per-element figures of the selected versions of one process over a day range. */
export async function loadHeatmap(db: Db, versionIds: readonly string[], range: { from: string; to: string }): Promise<Heatmap> {
  const where = { versionId: { in: [...versionIds] }, day: { gte: range.from, lte: range.to } };
  const [elements, buckets, flows] = await Promise.all([
    db.metricElementDay.groupBy({ by: ['elementId'], where, _sum: { activated: true, completed: true, terminated: true, incidents: true, slaBreaches: true, durationSumMs: true } }),
    db.metricDurationBucket.groupBy({ by: ['elementId', 'bucket'], where, _sum: { count: true } }),
    db.metricFlowDay.groupBy({ by: ['flowId'], where, _sum: { taken: true } }),
  ]);
  const histograms = new Map<string, Map<number, number>>();
  for (const row of buckets) {
    const histogram = histograms.get(row.elementId) ?? new Map<number, number>();
    histogram.set(row.bucket, n(row._sum.count));
    histograms.set(row.elementId, histogram);
  }
  const stats = (elementId: string, sum: (typeof elements)[number]['_sum'] | undefined): ElementStats => ({
    elementId,
    activated: n(sum?.activated),
    completed: n(sum?.completed),
    terminated: n(sum?.terminated),
    incidents: n(sum?.incidents),
    slaBreaches: n(sum?.slaBreaches),
    averageMs: averageMs(n(sum?.durationSumMs), n(sum?.completed)),
    p95Ms: percentileFromBuckets(histograms.get(elementId) ?? new Map(), 0.95),
    failureRate: failureRate(n(sum?.incidents), n(sum?.activated)),
  });
  const processDays = await db.metricProcessDay.aggregate({ where, _sum: { completed: true, durationSumMs: true, incidents: true, started: true, slaBreaches: true } });
  const p = processDays._sum;
  return {
    elements: elements.filter((e) => e.elementId !== PROCESS_ELEMENT_ID).map((e) => stats(e.elementId, e._sum)),
    flows: flows.map((f) => ({ flowId: f.flowId, taken: n(f._sum.taken) })),
    process: {
      ...stats(PROCESS_ELEMENT_ID, { activated: n(p.started), completed: n(p.completed), terminated: 0, incidents: n(p.incidents), slaBreaches: n(p.slaBreaches), durationSumMs: n(p.durationSumMs) }),
    },
  };
}

// ---------------------------------------------------------------------------------------
// SLA breach report

export type BreachListRow = { instanceId: string; processKey: string; elementId: string; at: Date; durationMs: number; targetMs: number };

export async function listSlaBreaches(db: Db, filter: DashboardFilter, limit = 500): Promise<BreachListRow[]> {
  const versions = filter.process === undefined ? undefined : selectedVersionIds(await listVersions(db), filter);
  const rows = await db.slaBreach.findMany({
    where: {
      at: { gte: new Date(`${filter.from}T00:00:00Z`), lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000) },
      ...(filter.process === undefined ? {} : { processKey: filter.process }),
      ...(versions ? { versionId: { in: versions } } : {}),
    },
    orderBy: { at: 'desc' },
    take: limit,
    select: { instanceId: true, processKey: true, elementId: true, at: true, durationMs: true, targetMs: true },
  });
  return rows;
}
