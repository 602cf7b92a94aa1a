import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { DashboardFilters } from '@/components/dashboard/filters';
import { formatCount, formatDuration, formatPercent, formatUsd, query } from '@/components/dashboard/format';
import { OverTimeChart } from '@/components/dashboard/over-time-chart';
import { NumberCell, Panel, StatCard, Table } from '@/components/dashboard/ui';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/lib/db/client';
import { listVersions, loadDashboard, type DashboardFilter } from '@/lib/metrics/queries';
import { Guarded } from '../_auth/guarded';
import { processOptions, readFilter, type SearchParams } from './_data/filter';

export const metadata: Metadata = { title: 'Dashboard' };

export default function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <Guarded action="dashboard:read">
      <Suspense fallback={<p className="text-sm text-gray-500">Loading the dashboard…</p>}>
        <Dashboard searchParams={searchParams} />
      </Suspense>
    </Guarded>
  );
}

function instancesHref(filter: DashboardFilter, extra: Record<string, string | undefined>) {
  return `/instances?${query({ process: filter.process, version: filter.version, ...extra })}`;
}

async function Dashboard({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const now = new Date();
  const { filter, problems } = await readFilter(searchParams, now);
  const db = getDb();
  const [data, versions] = await Promise.all([loadDashboard(db, filter, now), listVersions(db)]);
  const range = { from: filter.from, to: filter.to, process: filter.process, version: filter.version };
  const exportHref = (table: string) => `/dashboard/export?${query({ table, ...range })}`;
  const startedRange = { startedFrom: filter.from, startedTo: filter.to };
  const t = data.totals;

  return (
    <div className="space-y-5">
      <PageHeader
        title="Dashboard"
        description={`How processes are doing from ${filter.from} to ${filter.to} (UTC), computed from their instances' event logs.`}
        actions={
          <>
            <Link href={`/dashboard/report?${query(range)}`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50">
              Printable summary
            </Link>
            <a href={exportHref('processes')} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50" data-testid="export-processes">
              Export CSV
            </a>
          </>
        }
      />
      <DashboardFilters action="/dashboard" values={range} processes={processOptions(versions)} today={now.toISOString().slice(0, 10)} />
      {problems.length > 0 && (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Some filters could not be read and the defaults were used instead: {problems.join('; ')}.
        </p>
      )}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
        <StatCard label="Started" value={formatCount(t.started)} href={instancesHref(filter, startedRange)} testId="stat-started" />
        <StatCard label="Completed" value={formatCount(t.completed)} href={instancesHref(filter, { status: 'completed', ...startedRange })} tone="good" testId="stat-completed" />
        <StatCard label="Cancelled" value={formatCount(t.cancelled)} href={instancesHref(filter, { status: 'cancelled', ...startedRange })} testId="stat-cancelled" />
        <StatCard label="Failed" value={formatCount(t.failed)} hint="incidents raised" href={instancesHref(filter, { incidents: 'open' })} tone={t.failed > 0 ? 'bad' : 'default'} testId="stat-failed" />
        <StatCard label="Active now" value={formatCount(t.active)} href={instancesHref(filter, { status: 'active' })} testId="stat-active" />
        <StatCard label="Open incidents" value={formatCount(t.openIncidents)} href={instancesHref(filter, { incidents: 'open' })} tone={t.openIncidents > 0 ? 'bad' : 'default'} testId="stat-incidents" />
        <StatCard label="SLA breaches" value={formatCount(t.slaBreaches)} href={`/dashboard/report?${query(range)}#sla`} tone={t.slaBreaches > 0 ? 'warn' : 'default'} testId="stat-sla" />
        <StatCard label="Open tasks" value={formatCount(t.openTasks)} hint={`${formatCount(t.overdueTasks)} overdue`} href="/tasks?view=all" tone={t.overdueTasks > 0 ? 'warn' : 'default'} testId="stat-tasks" />
      </div>

      <Panel title="Instances over time" testId="panel-over-time">
        <div className="p-3">
          <OverTimeChart series={data.series} />
        </div>
      </Panel>

      <Panel
        title="By process"
        testId="panel-processes"
        actions={
          <a href={exportHref('processes')} className="text-blue-700 hover:underline">
            CSV
          </a>
        }
      >
        <Table head={['Process', 'Started', 'Completed', 'Cancelled', 'Failed', 'SLA breaches', 'Avg duration', 'Active', 'Open incidents']} empty={data.processes.length === 0} testId="processes-table">
          {data.processes.map((p) => {
            const href = (extra: Record<string, string | undefined>) => `/instances?${query({ process: p.processKey, ...extra })}`;
            return (
              <tr key={p.processKey} data-testid="process-row" data-process={p.processKey}>
                <td className="px-4 py-2">
                  <Link href={`/dashboard/processes/${encodeURIComponent(p.processKey)}?${query({ from: filter.from, to: filter.to, version: filter.process === p.processKey ? filter.version : undefined })}`} className="font-medium text-blue-700 hover:underline">
                    {p.processName}
                  </Link>
                  <span className="ml-2 font-mono text-xs text-gray-500">{p.processKey}</span>
                </td>
                <NumberCell value={formatCount(p.started)} href={href(startedRange)} />
                <NumberCell value={formatCount(p.completed)} href={href({ status: 'completed', ...startedRange })} />
                <NumberCell value={formatCount(p.cancelled)} href={href({ status: 'cancelled', ...startedRange })} />
                <NumberCell value={formatCount(p.failed)} href={href({ incidents: 'open' })} tone={p.failed > 0 ? 'bad' : undefined} />
                <NumberCell value={formatCount(p.slaBreaches)} href={`/dashboard/report?${query({ ...range, process: p.processKey })}#sla`} tone={p.slaBreaches > 0 ? 'warn' : undefined} />
                <NumberCell value={formatDuration(p.averageMs)} />
                <NumberCell value={formatCount(p.active)} href={href({ status: 'active' })} />
                <NumberCell value={formatCount(p.openIncidents)} href={href({ incidents: 'open' })} tone={p.openIncidents > 0 ? 'bad' : undefined} />
              </tr>
            );
          })}
        </Table>
      </Panel>

      <div className="grid gap-5 lg:grid-cols-2">
        <Panel title="Top failing elements" testId="panel-failing" actions={<a href={exportHref('failing-elements')} className="text-blue-700 hover:underline">CSV</a>}>
          <Table head={['Element', 'Incidents', 'Runs', 'Failure rate']} empty={data.failingElements.length === 0} testId="failing-table">
            {data.failingElements.map((e) => (
              <tr key={`${e.processKey}/${e.elementId}`}>
                <td className="px-4 py-2">
                  <Link href={`/dashboard/processes/${encodeURIComponent(e.processKey)}?${query({ from: filter.from, to: filter.to, metric: 'failure' })}`} className="text-blue-700 hover:underline">
                    {e.elementName}
                  </Link>
                  <span className="block text-xs text-gray-500">{e.processName}</span>
                </td>
                <NumberCell value={formatCount(e.incidents)} href={`/instances?${query({ process: e.processKey, element: e.elementId, incidents: 'open' })}`} tone="bad" />
                <NumberCell value={formatCount(e.activated)} />
                <NumberCell value={formatPercent(e.failureRate)} />
              </tr>
            ))}
          </Table>
        </Panel>
        <Panel title="SLA breaches" testId="panel-sla" actions={<a href={exportHref('sla-breaches')} className="text-blue-700 hover:underline">CSV</a>}>
          <Table head={['Element', 'Breaches']} empty={data.slaBreaches.length === 0} testId="sla-table">
            {data.slaBreaches.map((s) => (
              <tr key={`${s.processKey}/${s.elementId}`}>
                <td className="px-4 py-2">
                  {s.elementName}
                  <span className="block text-xs text-gray-500">{s.processName}</span>
                </td>
                <NumberCell value={formatCount(s.breaches)} href={`/dashboard/report?${query({ ...range, process: s.processKey })}#sla`} tone="warn" />
              </tr>
            ))}
          </Table>
        </Panel>
        <Panel title="Open human tasks by group" testId="panel-tasks" actions={<a href={exportHref('tasks-by-group')} className="text-blue-700 hover:underline">CSV</a>}>
          <Table head={['Group', 'Open', 'Overdue']} empty={data.tasksByGroup.length === 0} testId="tasks-table">
            {data.tasksByGroup.map((g) => (
              <tr key={g.group}>
                <td className="px-4 py-2">{g.group}</td>
                <NumberCell value={formatCount(g.open)} href={`/tasks?${query({ view: 'all', q: g.group })}`} />
                <NumberCell value={formatCount(g.overdue)} href={`/tasks?${query({ view: 'all', overdue: '1' })}`} tone={g.overdue > 0 ? 'warn' : undefined} />
              </tr>
            ))}
          </Table>
        </Panel>
        <Panel title="Agent usage" testId="panel-agents" actions={<a href={exportHref('agent-usage')} className="text-blue-700 hover:underline">CSV</a>}>
          <Table head={['Process · model or tool', 'Calls', 'Tokens in', 'Tokens out', 'Cost']} empty={data.agentUsage.length === 0} testId="agents-table">
            {data.agentUsage.map((a) => (
              <tr key={`${a.processKey}/${a.kind}/${a.name}`}>
                <td className="px-4 py-2">
                  <span className="mr-2 rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-600">{a.kind}</span>
                  <span className="font-mono text-xs">{a.name}</span>
                  <span className="block text-xs text-gray-500">{a.processName}</span>
                </td>
                <NumberCell value={formatCount(a.calls)} href={`/instances?${query({ process: a.processKey, ...startedRange })}`} />
                <NumberCell value={formatCount(a.inputTokens)} />
                <NumberCell value={formatCount(a.outputTokens)} />
                <NumberCell value={formatUsd(a.costUsd)} />
              </tr>
            ))}
          </Table>
        </Panel>
      </div>
    </div>
  );
}
