import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { formatTime, formatValue } from '@/components/instance/format';
import { PrintButton } from '@/components/instance/print-button';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../../_auth/guarded';
import { buildReport } from '../../_data/build-report';
import { loadInstance } from '../../_data/load-instance';

export const metadata: Metadata = { title: 'Instance audit report' };

type Params = Promise<{ id: string }>;

export default function PrintReportPage({ params }: { params: Params }) {
  return (
    <Guarded action="instance:read">
      <Suspense fallback={<p className="text-sm text-gray-500">Preparing the report…</p>}>
        <Report params={params} />
      </Suspense>
    </Guarded>
  );
}

async function Report({ params }: { params: Params }) {
  await connection();
  const { id } = await params;
  const instance = await loadInstance(getDb(), id);
  if (instance === null) notFound();
  const report = buildReport(instance, new Date());
  const th = 'border-b border-gray-300 px-2 py-1 text-left font-semibold';
  const td = 'border-b border-gray-100 px-2 py-1 align-top';
  return (
    <article className="mx-auto max-w-5xl bg-white text-[12px] text-gray-900 print:max-w-none" data-testid="print-report">
      <header className="mb-4 border-b-2 border-gray-900 pb-2">
        <p className="text-xs tracking-wide text-gray-500 uppercase">Baton · instance audit report</p>
        <h1 className="text-xl font-semibold">{report.instance.processKey} — {report.instance.id}</h1>
        <p>
          Status <b>{report.instance.status}</b> · business key {report.instance.businessKey ?? '—'} · started {formatTime(report.instance.startedAt)} by {report.instance.startedBy ?? 'system'}
          {report.instance.endedAt ? ` · ended ${formatTime(report.instance.endedAt)}` : ''}
        </p>
        <p className="flex items-center justify-between text-gray-500">
          <span>Generated {formatTime(report.generatedAt)} · {report.events.length} events</span>
          <PrintButton />
        </p>
      </header>
      <h2 className="mt-4 mb-1 text-sm font-semibold">Versions</h2>
      <table className="w-full"><thead><tr><th className={th}>Version</th><th className={th}>Id</th><th className={th}>Published</th><th className={th}>Checksum</th></tr></thead>
        <tbody>{report.versions.map((v) => <tr key={v.id}><td className={td}>v{v.number}</td><td className={`${td} font-mono`}>{v.id}</td><td className={td}>{formatTime(v.publishedAt)}</td><td className={`${td} font-mono`}>{v.checksum.slice(0, 16)}…</td></tr>)}</tbody></table>
      <h2 className="mt-4 mb-1 text-sm font-semibold">Actors</h2>
      <table className="w-full"><thead><tr><th className={th}>Actor</th><th className={th}>Events</th></tr></thead>
        <tbody>{report.actors.map((a) => <tr key={a.actor}><td className={td}>{a.label}</td><td className={td}>{a.events}</td></tr>)}</tbody></table>
      <h2 className="mt-4 mb-1 text-sm font-semibold">Decisions</h2>
      <table className="w-full"><thead><tr><th className={th}>#</th><th className={th}>Time</th><th className={th}>Kind</th><th className={th}>Element</th><th className={th}>What</th></tr></thead>
        <tbody>{report.decisions.map((d) => <tr key={d.seq}><td className={td}>{d.seq}</td><td className={td}>{formatTime(d.at)}</td><td className={td}>{d.kind}</td><td className={`${td} font-mono`}>{d.elementId}</td><td className={td}>{d.summary}</td></tr>)}</tbody></table>
      <h2 className="mt-4 mb-1 text-sm font-semibold">Variables at the end</h2>
      <table className="w-full"><tbody>{Object.entries(report.variables).map(([k, v]) => <tr key={k}><td className={`${td} font-mono`}>{k}</td><td className={`${td} font-mono`}>{formatValue(v)}</td></tr>)}</tbody></table>
      <h2 className="mt-4 mb-1 text-sm font-semibold">Incidents</h2>
      {report.incidents.length === 0 ? <p>None.</p> : (
        <table className="w-full"><tbody>{report.incidents.map((i) => <tr key={i.id}><td className={td}>{formatTime(i.createdAt)}</td><td className={`${td} font-mono`}>{i.elementId}</td><td className={td}>{i.message}</td><td className={td}>{i.status}</td></tr>)}</tbody></table>
      )}
      <h2 className="mt-4 mb-1 text-sm font-semibold">Operations (audit log)</h2>
      {report.operations.length === 0 ? <p>None.</p> : (
        <table className="w-full"><thead><tr><th className={th}>Time</th><th className={th}>Who</th><th className={th}>Operation</th><th className={th}>Why</th></tr></thead>
          <tbody>{report.operations.map((o, i) => <tr key={i}><td className={td}>{formatTime(o.at)}</td><td className={td}>{o.actor}</td><td className={td}>{o.action}</td><td className={td}>{o.reason ?? '—'}</td></tr>)}</tbody></table>
      )}
      <h2 className="mt-4 mb-1 text-sm font-semibold">Event log</h2>
      <table className="w-full"><thead><tr><th className={th}>#</th><th className={th}>Time</th><th className={th}>Actor</th><th className={th}>Type</th><th className={th}>Element</th><th className={th}>Details</th></tr></thead>
        <tbody>{report.events.map((e) => (
          <tr key={e.seq} className="break-inside-avoid"><td className={td}>{e.seq}</td><td className={`${td} whitespace-nowrap`}>{formatTime(e.at)}</td><td className={td}>{e.actor.label}</td><td className={td}>{e.type}</td><td className={`${td} font-mono`}>{e.elementId}</td>
            <td className={td}>{e.summary}{e.changes && e.changes.length > 0 && <span className="block font-mono text-[11px] text-gray-600">{e.changes.map((c) => `${c.name}: ${formatValue(c.before)} → ${formatValue(c.after)}`).join('; ')}</span>}</td></tr>
        ))}</tbody></table>
    </article>
  );
}
