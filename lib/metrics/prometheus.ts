import 'server-only';
/**
 * The Prometheus exposition of /api/metrics. Totals come from the read model and indexed live
 * tables at scrape time (so every app and worker process reports the same figures); latencies
 * of this process's operations come from lib/telemetry/instrument.ts.
 *
 * - baton_instances_{started,completed,cancelled}_total, baton_incidents_raised_total,
 *   baton_sla_breaches_total {process}: all-time sums of MetricProcessDay.
 * - baton_instances_active, baton_incidents_open {process}; baton_jobs {type,status};
 *   baton_user_tasks_open, baton_user_tasks_overdue: live counts through indexes.
 * - baton_agent_calls_total {process,kind,name}, baton_agent_tokens_total {process,direction},
 *   baton_agent_cost_usd_total {process}: MetricAgentDay.
 * - baton_instance_duration_seconds {process}: a histogram made from the read model's duration
 *   buckets (the bucket upper bounds decide the `le`, so counts are exact per bucket bound).
 * - baton_operation_duration_seconds {operation,outcome}: commands, jobs, HTTP calls of this process.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { Db } from '@/lib/db/client';
import { operationRegistry } from '@/lib/telemetry/instrument';
import { bucketUpperMs } from './histogram';
import { PROCESS_ELEMENT_ID } from './read-model/deltas';

const LE_SECONDS = [1, 5, 30, 60, 300, 900, 3600, 4 * 3600, 86_400, 7 * 86_400, 30 * 86_400];

export async function prometheusText(db: Db, now: Date): Promise<{ contentType: string; text: string }> {
  const versions = await db.processVersion.findMany({ select: { id: true, model: { select: { key: true } } } });
  const processOf = new Map(versions.map((v) => [v.id, v.model.key]));
  const [perProcess, active, incidents, jobs, openTasks, overdueTasks, agents, buckets] = await Promise.all([
    db.metricProcessDay.groupBy({ by: ['processKey'], _sum: { started: true, completed: true, cancelled: true, incidents: true, slaBreaches: true, durationSumMs: true } }),
    db.processInstance.groupBy({ by: ['processKey'], where: { status: { in: ['active', 'suspended'] } }, _count: { _all: true } }),
    db.processInstance.groupBy({ by: ['processKey'], where: { openIncidents: { gt: 0 } }, _sum: { openIncidents: true } }),
    db.job.groupBy({ by: ['type', 'status'], _count: { _all: true } }),
    db.userTask.count({ where: { status: 'created' } }),
    db.userTask.count({ where: { status: 'created', dueAt: { lt: now } } }),
    db.metricAgentDay.groupBy({ by: ['versionId', 'kind', 'name'], _sum: { calls: true, inputTokens: true, outputTokens: true, costUsd: true } }),
    db.metricDurationBucket.groupBy({ by: ['versionId', 'bucket'], where: { elementId: PROCESS_ELEMENT_ID }, _sum: { count: true } }),
  ]);

  const registry = new Registry();
  const counter = (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers: [registry] });
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });

  const started = counter('baton_instances_started_total', 'Process instances started.', ['process']);
  const completed = counter('baton_instances_completed_total', 'Process instances completed.', ['process']);
  const cancelled = counter('baton_instances_cancelled_total', 'Process instances cancelled.', ['process']);
  const raised = counter('baton_incidents_raised_total', 'Incidents raised.', ['process']);
  const breaches = counter('baton_sla_breaches_total', 'Elements and instances that took longer than their SLA target.', ['process']);
  for (const row of perProcess) {
    const labels = { process: row.processKey };
    started.inc(labels, row._sum.started ?? 0);
    completed.inc(labels, row._sum.completed ?? 0);
    cancelled.inc(labels, row._sum.cancelled ?? 0);
    raised.inc(labels, row._sum.incidents ?? 0);
    breaches.inc(labels, row._sum.slaBreaches ?? 0);
  }
  const activeGauge = gauge('baton_instances_active', 'Instances running now (active or suspended).', ['process']);
  for (const row of active) activeGauge.set({ process: row.processKey }, row._count._all);
  const openIncidents = gauge('baton_incidents_open', 'Open incidents.', ['process']);
  for (const row of incidents) openIncidents.set({ process: row.processKey }, row._sum.openIncidents ?? 0);
  const jobGauge = gauge('baton_jobs', 'Open jobs by type and status.', ['type', 'status']);
  for (const row of jobs) jobGauge.set({ type: row.type, status: row.status }, row._count._all);
  gauge('baton_user_tasks_open', 'Open human tasks.', []).set(openTasks);
  gauge('baton_user_tasks_overdue', 'Open human tasks past their due date.', []).set(overdueTasks);

  const calls = counter('baton_agent_calls_total', 'Agent model and tool calls.', ['process', 'kind', 'name']);
  const tokens = counter('baton_agent_tokens_total', 'Agent model tokens.', ['process', 'direction']);
  const cost = counter('baton_agent_cost_usd_total', 'Agent model cost (provider prices).', ['process']);
  for (const row of agents) {
    const process = processOf.get(row.versionId) ?? 'unknown';
    calls.inc({ process, kind: row.kind, name: row.name }, row._sum.calls ?? 0);
    tokens.inc({ process, direction: 'in' }, row._sum.inputTokens ?? 0);
    tokens.inc({ process, direction: 'out' }, row._sum.outputTokens ?? 0);
    cost.inc({ process }, row._sum.costUsd ?? 0);
  }

  const text = [await registry.metrics(), durationHistogram(buckets, processOf, perProcess), await operationRegistry().metrics()].join('\n');
  return { contentType: registry.contentType, text };
}

type BucketRow = { versionId: string; bucket: number; _sum: { count: number | null } };
type ProcessRow = { processKey: string; _sum: { completed: number | null; durationSumMs: number | null } };

/** Instance durations as a Prometheus histogram, from the read model's log-scale buckets. */
function durationHistogram(rows: readonly BucketRow[], processOf: ReadonlyMap<string, string>, perProcess: readonly ProcessRow[]): string {
  const name = 'baton_instance_duration_seconds';
  const byProcess = new Map<string, number[]>();
  for (const row of rows) {
    const process = processOf.get(row.versionId) ?? 'unknown';
    const counts = byProcess.get(process) ?? new Array<number>(LE_SECONDS.length + 1).fill(0);
    const upper = bucketUpperMs(row.bucket) / 1000;
    const index = LE_SECONDS.findIndex((le) => upper <= le);
    counts[index === -1 ? LE_SECONDS.length : index] += row._sum.count ?? 0;
    byProcess.set(process, counts);
  }
  const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const lines = [`# HELP ${name} Durations of completed instances (from the read model's buckets).`, `# TYPE ${name} histogram`];
  for (const [process, counts] of byProcess) {
    let cumulative = 0;
    LE_SECONDS.forEach((le, i) => {
      cumulative += counts[i];
      lines.push(`${name}_bucket{process="${escape(process)}",le="${le}"} ${cumulative}`);
    });
    cumulative += counts[LE_SECONDS.length];
    lines.push(`${name}_bucket{process="${escape(process)}",le="+Inf"} ${cumulative}`);
    const sum = (perProcess.find((p) => p.processKey === process)?._sum.durationSumMs ?? 0) / 1000;
    lines.push(`${name}_sum{process="${escape(process)}"} ${sum}`, `${name}_count{process="${escape(process)}"} ${cumulative}`);
  }
  return `${lines.join('\n')}\n`;
}
