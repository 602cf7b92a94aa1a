import 'server-only';
/**
 * The dashboard's tables as CSV, for /dashboard/export. Each table is what the page shows for
 * the same filter (same queries, lib/metrics/queries.ts).
 */
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { toCsv } from './csv';
import { DashboardFilterSchema, listSlaBreaches, listVersions, loadDashboard, loadHeatmap, type DashboardFilter } from './queries';

export const EXPORT_TABLES = ['processes', 'over-time', 'failing-elements', 'sla-breaches', 'tasks-by-group', 'agent-usage', 'elements'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const ExportQuerySchema = z.intersection(z.object({ table: z.enum(EXPORT_TABLES) }), DashboardFilterSchema);

const round = (value: number | null, digits = 0) => (value === null ? null : Number(value.toFixed(digits)));

export async function exportTable(db: Db, table: ExportTable, filter: DashboardFilter, now: Date): Promise<string> {
  if (table === 'elements') {
    const versions = (await listVersions(db)).filter((v) => v.processKey === filter.process && (filter.version === undefined || v.number === filter.version));
    const heat = await loadHeatmap(db, versions.map((v) => v.id), filter);
    return toCsv(
      ['elementId', 'runs', 'completed', 'terminated', 'incidents', 'failureRate', 'averageMs', 'p95Ms', 'slaBreaches'],
      heat.elements.map((e) => [e.elementId, e.activated, e.completed, e.terminated, e.incidents, round(e.failureRate, 4), round(e.averageMs), round(e.p95Ms), e.slaBreaches]),
    );
  }
  if (table === 'sla-breaches') {
    const rows = await listSlaBreaches(db, filter, 100_000);
    return toCsv(['at', 'processKey', 'elementId', 'instanceId', 'durationMs', 'targetMs'], rows.map((r) => [r.at.toISOString(), r.processKey, r.elementId || '(instance)', r.instanceId, round(r.durationMs), round(r.targetMs)]));
  }
  const data = await loadDashboard(db, filter, now);
  switch (table) {
    case 'processes':
      return toCsv(
        ['processKey', 'process', 'started', 'completed', 'cancelled', 'failed', 'slaBreaches', 'averageMs', 'active', 'openIncidents'],
        data.processes.map((p) => [p.processKey, p.processName, p.started, p.completed, p.cancelled, p.failed, p.slaBreaches, round(p.averageMs), p.active, p.openIncidents]),
      );
    case 'over-time':
      return toCsv(['day', 'started', 'completed', 'cancelled', 'failed'], data.series.map((s) => [s.day, s.started, s.completed, s.cancelled, s.failed]));
    case 'failing-elements':
      return toCsv(
        ['processKey', 'elementId', 'element', 'incidents', 'runs', 'failureRate'],
        data.failingElements.map((e) => [e.processKey, e.elementId, e.elementName, e.incidents, e.activated, round(e.failureRate, 4)]),
      );
    case 'tasks-by-group':
      return toCsv(['group', 'open', 'overdue'], data.tasksByGroup.map((g) => [g.group, g.open, g.overdue]));
    case 'agent-usage':
      return toCsv(
        ['processKey', 'kind', 'name', 'calls', 'inputTokens', 'outputTokens', 'costUsd'],
        data.agentUsage.map((a) => [a.processKey, a.kind, a.name, a.calls, a.inputTokens, a.outputTokens, round(a.costUsd, 6)]),
      );
  }
}
