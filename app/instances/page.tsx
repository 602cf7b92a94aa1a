import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { InstancesTable } from '@/components/instance/instances-table';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/can';
import type { Subject } from '@/lib/auth/subject';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../_auth/guarded';
import { filterOptions, listInstancesPage, parseFilters, type InstanceFilters } from './_data/list';

export const metadata: Metadata = { title: 'Instances' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function InstancesPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <Guarded action="instance:read">
      {(subject) => (
        <div>
          <PageHeader title="Instances" description="Running and finished instances of published process versions. Open one to watch it live, travel back in its history, or fix what broke." />
          <Suspense fallback={<p className="text-sm text-gray-500">Loading instances…</p>}>
            <Instances subject={subject} searchParams={searchParams} />
          </Suspense>
        </div>
      )}
    </Guarded>
  );
}

const field = 'rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900';

function withCursor(filters: InstanceFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && k !== 'cursor') params.set(k, String(v));
  if (cursor) params.set('cursor', cursor);
  return `/instances?${params.toString()}`;
}

async function Instances({ subject, searchParams }: { subject: Subject; searchParams: SearchParams }) {
  await connection();
  const filters = parseFilters(await searchParams);
  const db = getDb();
  const [page, options] = await Promise.all([listInstancesPage(db, filters), filterOptions(db)]);
  const versions = options.processes.find((p) => p.key === filters.process)?.versions ?? [];
  return (
    <div className="flex flex-col gap-4">
      <form method="get" action="/instances" className="grid grid-cols-2 gap-3 rounded-lg border border-gray-200 bg-white p-4 md:grid-cols-5" data-testid="instance-filters">
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Process
          <select name="process" defaultValue={filters.process ?? ''} className={field}>
            <option value="">All processes</option>
            {options.processes.map((p) => <option key={p.key} value={p.key}>{p.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Version
          <select name="version" defaultValue={filters.version?.toString() ?? ''} className={field} disabled={versions.length === 0}>
            <option value="">Any</option>
            {versions.map((v) => <option key={v} value={v}>v{v}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Status
          <select name="status" defaultValue={filters.status ?? ''} className={field}>
            <option value="">Any</option>
            <option value="active">active</option>
            <option value="suspended">suspended</option>
            <option value="completed">completed</option>
            <option value="cancelled">cancelled</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Incidents
          <select name="incident" defaultValue={filters.incident ?? ''} className={field}>
            <option value="">Any</option>
            <option value="yes">With open incident</option>
            <option value="no">Without incident</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Element active
          <input name="element" defaultValue={filters.element ?? ''} placeholder="element id" className={field} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Business key
          <input name="businessKey" defaultValue={filters.businessKey ?? ''} placeholder="contains…" className={field} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Started by
          <input name="startedBy" defaultValue={filters.startedBy ?? ''} placeholder="e-mail" className={field} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Started from
          <input type="datetime-local" name="from" defaultValue={filters.from ?? ''} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-gray-600">
          Started before
          <input type="datetime-local" name="to" defaultValue={filters.to ?? ''} className={field} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">Apply</button>
          <Link href="/instances" className="rounded-md border border-gray-300 px-3 py-1.5 text-sm text-gray-700 hover:bg-gray-50">Reset</Link>
        </div>
      </form>
      <InstancesTable rows={page.rows} userKey={subject.id} canCancel={can(subject, 'instance:cancel', { type: 'instance' })} canRetry={can(subject, 'instance:retry', { type: 'instance' })} />
      <div className="flex items-center justify-between text-sm">
        {filters.cursor ? <Link href={withCursor(filters, null)} className="text-blue-700 hover:underline">« First page</Link> : <span />}
        {page.nextCursor ? (
          <Link href={withCursor(filters, page.nextCursor)} className="rounded-md border border-gray-300 px-3 py-1.5 text-gray-700 hover:bg-gray-50" data-testid="next-page">
            Next page »
          </Link>
        ) : (
          <span className="text-gray-500">End of the list</span>
        )}
      </div>
    </div>
  );
}
