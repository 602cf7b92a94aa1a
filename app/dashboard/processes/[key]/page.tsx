import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { DashboardFilters } from '@/components/dashboard/filters';
import { formatCount, formatDuration, formatPercent, query } from '@/components/dashboard/format';
import { Heatmap } from '@/components/dashboard/heatmap';
import { HEAT_METRICS, type HeatMetric } from '@/components/dashboard/heatmap-scale';
import { NumberCell, Panel, StatCard, Table } from '@/components/dashboard/ui';
import { PageHeader } from '@/components/ui/page-header';
import { BpmnModelSchema } from '@/lib/bpmn/model';
import { getDb } from '@/lib/db/client';
import { branchShares, slaTargetMs } from '@/lib/metrics/figures';
import { listVersions, loadHeatmap } from '@/lib/metrics/queries';
import { Guarded } from '../../../_auth/guarded';
import { processOptions, readFilter, type SearchParams } from '../../_data/filter';

export const metadata: Metadata = { title: 'Process heatmap' };

type Params = Promise<{ key: string }>;

export default function ProcessHeatmapPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  return (
    <Guarded action="dashboard:read">
      <Suspense fallback={<p className="text-sm text-gray-500">Loading the heatmap…</p>}>
        <ProcessHeatmap params={params} searchParams={searchParams} />
      </Suspense>
    </Guarded>
  );
}

const GATEWAYS = new Set(['exclusiveGateway', 'inclusiveGateway', 'complexGateway', 'parallelGateway', 'eventBasedGateway']);

async function ProcessHeatmap({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  await connection();
  const key = decodeURIComponent((await params).key);
  const raw = await searchParams;
  const now = new Date();
  const { filter: read, problems } = await readFilter(Promise.resolve({ ...raw, process: key }), now);
  const metric: HeatMetric = (HEAT_METRICS as readonly string[]).includes(String(raw.metric)) ? (raw.metric as HeatMetric) : 'count';
  const db = getDb();
  const all = await listVersions(db);
  const versions = all.filter((v) => v.processKey === key);
  if (versions.length === 0) notFound();
  const filter = read.process === key ? read : { ...read, process: key };
  const shown = versions.find((v) => v.number === filter.version) ?? versions[0];
  const selected = filter.version === undefined ? versions : [shown];
  const row = await db.processVersion.findUniqueOrThrow({ where: { id: shown.id }, select: { modelJson: true, processKey: true } });
  const model = BpmnModelSchema.parse(JSON.parse(row.modelJson));
  const heat = await loadHeatmap(db, selected.map((v) => v.id), filter);

  const elements = model.elements.filter((e) => e.parentId !== undefined);
  const nameOf = (id: string) => elements.find((e) => e.id === id)?.name ?? id;
  const byId = new Map(heat.elements.map((e) => [e.elementId, e]));
  const taken = new Map(heat.flows.map((f) => [f.flowId, f.taken]));
  const branches = elements
    .filter((e) => GATEWAYS.has(e.type))
    .flatMap((gateway) => {
      const outgoing = model.flows.filter((f) => f.sourceRef === gateway.id);
      if (outgoing.length < 2) return [];
      const shares = branchShares(taken, outgoing.map((f) => f.id));
      return outgoing.map((f) => ({ gateway: gateway.name ?? gateway.id, flowId: f.id, flowName: f.name ?? f.id, target: nameOf(f.targetRef), taken: taken.get(f.id) ?? 0, share: shares.get(f.id) ?? 0 }));
    });
  const processSla = slaTargetMs(model.processes.find((p) => p.id === row.processKey)?.slaTarget);
  const tableRows = elements
    .filter((e) => byId.has(e.id))
    .map((e) => ({ element: e, stats: byId.get(e.id)!, slaMs: slaTargetMs(e.slaTarget) }))
    .sort((a, b) => b.stats.activated - a.stats.activated);
  const range = { from: filter.from, to: filter.to, process: key, version: filter.version };
  const p = heat.process;

  return (
    <div className="space-y-5">
      <PageHeader
        eyebrow={
          <Link href={`/dashboard?${query({ from: filter.from, to: filter.to })}`} className="hover:underline">
            ← Dashboard
          </Link>
        }
        title={shown.processName}
        description={`Where time goes and what fails in ${filter.version === undefined ? versions.length === 1 ? `its only version (v${shown.number})` : `all ${versions.length} versions (diagram of v${shown.number})` : `version ${shown.number}`}, ${filter.from} to ${filter.to} (UTC).`}
        actions={
          <a href={`/dashboard/export?${query({ table: 'elements', ...range })}`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50" data-testid="export-elements">
            Export CSV
          </a>
        }
      />
      <DashboardFilters action={`/dashboard/processes/${encodeURIComponent(key)}`} values={range} processes={processOptions(all).filter((o) => o.key === key)} today={now.toISOString().slice(0, 10)} />
      {problems.length > 0 && (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Some filters could not be read and the defaults were used instead: {problems.join('; ')}.
        </p>
      )}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <StatCard label="Started" value={formatCount(p?.activated ?? 0)} href={`/instances?${query({ process: key, version: filter.version, startedFrom: filter.from, startedTo: filter.to })}`} testId="process-started" />
        <StatCard label="Completed" value={formatCount(p?.completed ?? 0)} href={`/instances?${query({ process: key, version: filter.version, status: 'completed' })}`} tone="good" />
        <StatCard label="Average duration" value={formatDuration(p?.averageMs ?? null)} />
        <StatCard label="P95 duration" value={formatDuration(p?.p95Ms ?? null)} hint={processSla === null ? 'no SLA target' : `SLA target ${formatDuration(processSla)}`} />
        <StatCard label="SLA breaches" value={formatCount(p?.slaBreaches ?? 0)} href={`/dashboard/report?${query(range)}#sla`} tone={(p?.slaBreaches ?? 0) > 0 ? 'warn' : 'default'} />
      </div>
      <Panel title="Heatmap">
        <div className="p-3">
          <Heatmap
            model={model}
            stats={heat.elements.map((e) => ({ elementId: e.elementId, activated: e.activated, averageMs: e.averageMs, p95Ms: e.p95Ms, failureRate: e.failureRate, slaBreaches: e.slaBreaches }))}
            branches={branches.map((b) => ({ flowId: b.flowId, share: b.share, taken: b.taken }))}
            initialMetric={metric}
          />
        </div>
      </Panel>
      <Panel title="Elements" testId="panel-elements">
        <Table head={['Element', 'Runs', 'Completed', 'Avg duration', 'P95 duration', 'Failure rate', 'SLA target', 'SLA breaches']} empty={tableRows.length === 0} testId="elements-table">
          {tableRows.map(({ element, stats, slaMs }) => (
            <tr key={element.id} data-testid="element-row" data-element={element.id}>
              <td className="px-4 py-2">
                {element.name ?? element.id}
                <span className="ml-2 font-mono text-xs text-gray-500">{element.id}</span>
              </td>
              <NumberCell value={formatCount(stats.activated)} href={`/instances?${query({ process: key, version: filter.version, element: element.id })}`} />
              <NumberCell value={formatCount(stats.completed)} />
              <NumberCell value={formatDuration(stats.averageMs)} />
              <NumberCell value={formatDuration(stats.p95Ms)} />
              <NumberCell value={formatPercent(stats.failureRate)} href={stats.incidents > 0 ? `/instances?${query({ process: key, element: element.id, incidents: 'open' })}` : undefined} tone={stats.incidents > 0 ? 'bad' : undefined} />
              <NumberCell value={slaMs === null ? '—' : formatDuration(slaMs)} />
              <NumberCell value={formatCount(stats.slaBreaches)} href={stats.slaBreaches > 0 ? `/dashboard/report?${query(range)}#sla` : undefined} tone={stats.slaBreaches > 0 ? 'warn' : undefined} />
            </tr>
          ))}
        </Table>
      </Panel>
      <Panel title="Branch frequencies" testId="panel-branches">
        <Table head={['Gateway → flow', 'Tokens', 'Share']} empty={branches.length === 0} testId="branches-table">
          {branches.map((b) => (
            <tr key={b.flowId}>
              <td className="px-4 py-2">
                {b.gateway} → {b.target}
                <span className="ml-2 font-mono text-xs text-gray-500">{b.flowId}</span>
              </td>
              <NumberCell value={formatCount(b.taken)} />
              <NumberCell value={formatPercent(b.share)} />
            </tr>
          ))}
        </Table>
      </Panel>
    </div>
  );
}
