import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { DashboardFilters } from '@/components/dashboard/filters';
import { formatCount, formatDuration, formatPercent, formatUsd, query } from '@/components/dashboard/format';
import { PrintButton } from '@/components/dashboard/print-button';
import { NumberCell, Panel, Table } from '@/components/dashboard/ui';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/lib/db/client';
import { listSlaBreaches, listVersions, loadDashboard } from '@/lib/metrics/queries';
import { Guarded } from '../../_auth/guarded';
import { processOptions, readFilter, type SearchParams } from '../_data/filter';

export const metadata: Metadata = { title: 'Operations summary' };

export default function ReportPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <Guarded action="dashboard:read">
      <Suspense fallback={<p className="text-sm text-gray-500">Loading the summary…</p>}>
        <Report searchParams={searchParams} />
      </Suspense>
    </Guarded>
  );
}

const BREACHES_SHOWN = 200;

async function Report({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const now = new Date();
  const { filter } = await readFilter(searchParams, now);
  const db = getDb();
  const [data, breaches, versions] = await Promise.all([loadDashboard(db, filter, now), listSlaBreaches(db, filter, BREACHES_SHOWN), listVersions(db)]);
  const t = data.totals;
  const range = { from: filter.from, to: filter.to, process: filter.process, version: filter.version };
  const scope = filter.process === undefined ? 'all processes' : `${versions.find((v) => v.processKey === filter.process)?.processName ?? filter.process}${filter.version ? ` v${filter.version}` : ''}`;

  return (
    <div className="space-y-5 print:space-y-3" data-testid="report">
      <PageHeader
        eyebrow={
          <Link href={`/dashboard?${query(range)}`} className="hover:underline print:hidden">
            ← Dashboard
          </Link>
        }
        title="Operations summary"
        description={`${scope}, ${filter.from} to ${filter.to} (UTC). Generated ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`}
        actions={<PrintButton />}
      />
      <DashboardFilters action="/dashboard/report" values={range} processes={processOptions(versions)} today={now.toISOString().slice(0, 10)} />
      <Panel title="Summary">
        <dl className="grid grid-cols-2 gap-x-8 gap-y-2 p-4 text-sm sm:grid-cols-4">
          {[
            ['Instances started', formatCount(t.started)],
            ['Completed', formatCount(t.completed)],
            ['Cancelled', formatCount(t.cancelled)],
            ['Incidents raised', formatCount(t.failed)],
            ['Active now', formatCount(t.active)],
            ['Open incidents', formatCount(t.openIncidents)],
            ['SLA breaches', formatCount(t.slaBreaches)],
            ['Open tasks (overdue)', `${formatCount(t.openTasks)} (${formatCount(t.overdueTasks)})`],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-gray-500">{label}</dt>
              <dd className="text-lg font-semibold text-gray-900 tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </Panel>
      <Panel title="By process">
        <Table head={['Process', 'Started', 'Completed', 'Cancelled', 'Incidents', 'SLA breaches', 'Avg duration']} empty={data.processes.length === 0}>
          {data.processes.map((p) => (
            <tr key={p.processKey}>
              <td className="px-4 py-2">{p.processName}</td>
              <NumberCell value={formatCount(p.started)} />
              <NumberCell value={formatCount(p.completed)} />
              <NumberCell value={formatCount(p.cancelled)} />
              <NumberCell value={formatCount(p.failed)} />
              <NumberCell value={formatCount(p.slaBreaches)} />
              <NumberCell value={formatDuration(p.averageMs)} />
            </tr>
          ))}
        </Table>
      </Panel>
      <Panel title="Top failing elements">
        <Table head={['Element', 'Incidents', 'Runs', 'Failure rate']} empty={data.failingElements.length === 0}>
          {data.failingElements.map((e) => (
            <tr key={`${e.processKey}/${e.elementId}`}>
              <td className="px-4 py-2">
                {e.elementName} <span className="text-xs text-gray-500">({e.processName})</span>
              </td>
              <NumberCell value={formatCount(e.incidents)} />
              <NumberCell value={formatCount(e.activated)} />
              <NumberCell value={formatPercent(e.failureRate)} />
            </tr>
          ))}
        </Table>
      </Panel>
      <div id="sla">
        <Panel
          title={`SLA breaches${breaches.length === BREACHES_SHOWN ? ` (latest ${BREACHES_SHOWN})` : ''}`}
          testId="report-sla"
          actions={
            <a href={`/dashboard/export?${query({ table: 'sla-breaches', ...range })}`} className="text-blue-700 hover:underline">
              CSV of all
            </a>
          }
        >
          <Table head={['When', 'Process · element', 'Took', 'Target', 'Over by']} empty={breaches.length === 0} testId="breach-table">
            {breaches.map((b, i) => (
              <tr key={`${b.instanceId}/${b.elementId}/${i}`}>
                <td className="px-4 py-2 whitespace-nowrap text-gray-700">{b.at.toISOString().slice(0, 16).replace('T', ' ')}</td>
                <td className="px-4 py-2 text-right">
                  <Link href={`/instances/${encodeURIComponent(b.instanceId)}`} className="text-blue-700 hover:underline">
                    {b.processKey} · {b.elementId || 'whole instance'}
                  </Link>
                </td>
                <NumberCell value={formatDuration(b.durationMs)} />
                <NumberCell value={formatDuration(b.targetMs)} />
                <NumberCell value={formatDuration(b.durationMs - b.targetMs)} tone="warn" />
              </tr>
            ))}
          </Table>
        </Panel>
      </div>
      <Panel title="Agent usage">
        <Table head={['Process · model or tool', 'Calls', 'Tokens in', 'Tokens out', 'Cost']} empty={data.agentUsage.length === 0}>
          {data.agentUsage.map((a) => (
            <tr key={`${a.processKey}/${a.kind}/${a.name}`}>
              <td className="px-4 py-2">
                {a.processName} · {a.kind} <span className="font-mono text-xs">{a.name}</span>
              </td>
              <NumberCell value={formatCount(a.calls)} />
              <NumberCell value={formatCount(a.inputTokens)} />
              <NumberCell value={formatCount(a.outputTokens)} />
              <NumberCell value={formatUsd(a.costUsd)} />
            </tr>
          ))}
        </Table>
      </Panel>
    </div>
  );
}
