import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { formatWhen } from '@/components/admin/format';
import { PageHeader } from '@/components/ui/page-header';
import { auditActions, AuditQuerySchema, listAuditLog } from '@/lib/audit/list-audit-log';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../_auth/guarded';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <Guarded action="audit-log:read">
      <PageHeader title="Audit log" description="Who did what, when, to what, from where. Append-only: nothing in Baton changes or removes an entry." />
      <Suspense fallback={<p className="text-sm text-gray-500">Loading the audit log…</p>}>
        <AuditLog searchParams={searchParams} />
      </Suspense>
    </Guarded>
  );
}

const FILTERS = ['actor', 'action', 'resourceType', 'resourceId', 'from', 'to'] as const;
const INPUT = 'mt-1 block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm';

async function AuditLog({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const raw = await searchParams;
  const given = Object.fromEntries(Object.entries(raw).flatMap(([key, value]) => (typeof value === 'string' && value.trim() !== '' ? [[key, value.trim()]] : [])));
  const parsed = AuditQuerySchema.safeParse(given);
  const query = parsed.success ? parsed.data : AuditQuerySchema.parse({});
  const db = getDb();
  const [page, actions] = await Promise.all([listAuditLog(db, query), auditActions(db)]);
  const pageLink = (offset: number) => `/audit?${new URLSearchParams({ ...Object.fromEntries(FILTERS.flatMap((f) => (typeof given[f] === 'string' ? [[f, given[f]]] : []))), offset: String(offset) })}`;

  return (
    <div className="space-y-4">
      <form method="get" className="grid gap-3 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-7" data-testid="audit-filters">
        <label className="text-sm">
          <span className="font-medium text-gray-900">Actor</span>
          <input name="actor" defaultValue={given.actor ?? ''} placeholder="e-mail or token" className={INPUT} />
        </label>
        <label className="text-sm">
          <span className="font-medium text-gray-900">Action</span>
          <select name="action" defaultValue={given.action ?? ''} className={INPUT}>
            <option value="">any</option>
            {[...new Set(actions.map((a) => `${a.split('.')[0]}.*`))].map((prefix) => (
              <option key={prefix} value={prefix}>
                {prefix}
              </option>
            ))}
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium text-gray-900">Resource</span>
          <select name="resourceType" defaultValue={given.resourceType ?? ''} className={INPUT}>
            <option value="">any</option>
            {['user', 'group', 'api-token', 'model', 'task', 'instance'].map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium text-gray-900">Resource id</span>
          <input name="resourceId" defaultValue={given.resourceId ?? ''} className={INPUT} />
        </label>
        <label className="text-sm">
          <span className="font-medium text-gray-900">From</span>
          <input name="from" type="date" defaultValue={given.from ?? ''} className={INPUT} />
        </label>
        <label className="text-sm">
          <span className="font-medium text-gray-900">To</span>
          <input name="to" type="date" defaultValue={given.to ?? ''} className={INPUT} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
            Filter
          </button>
          <Link href="/audit" className="px-2 py-1.5 text-sm text-gray-600 hover:underline">
            Clear
          </Link>
        </div>
      </form>
      {!parsed.success && (
        <p role="alert" className="text-sm text-red-700">
          Some filters could not be read and were ignored: {parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.
        </p>
      )}
      <p className="text-sm text-gray-600" data-testid="audit-count">
        {page.total} entr{page.total === 1 ? 'y' : 'ies'}
        {page.total > page.items.length ? `, showing ${query.offset + 1}–${query.offset + page.items.length}` : ''}
      </p>
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="audit-table">
          <thead className="bg-gray-50 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">When</th>
              <th scope="col" className="px-4 py-3">Who</th>
              <th scope="col" className="px-4 py-3">What</th>
              <th scope="col" className="px-4 py-3">To what</th>
              <th scope="col" className="px-4 py-3">From where</th>
              <th scope="col" className="px-4 py-3">Details</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {page.items.map((entry) => (
              <tr key={entry.id} data-testid="audit-row" className="align-top">
                <td className="px-4 py-2 whitespace-nowrap text-gray-700">{formatWhen(entry.at)}</td>
                <td className="px-4 py-2">
                  <span className="text-gray-900">{entry.actorLabel}</span>
                  <span className="block text-xs text-gray-500">{entry.actorType}</span>
                </td>
                <td className="px-4 py-2 font-mono text-xs text-gray-900">{entry.action}</td>
                <td className="px-4 py-2 text-xs text-gray-700">
                  {entry.resourceType}
                  {entry.resourceId && <span className="block font-mono text-gray-500">{entry.resourceId}</span>}
                </td>
                <td className="px-4 py-2 text-xs text-gray-700">
                  {entry.ip ?? '—'}
                  {entry.userAgent && <span className="block max-w-48 truncate text-gray-500" title={entry.userAgent}>{entry.userAgent}</span>}
                </td>
                <td className="px-4 py-2">
                  <code className="block max-w-md text-xs break-all whitespace-pre-wrap text-gray-700">{JSON.stringify(entry.details)}</code>
                </td>
              </tr>
            ))}
            {page.items.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-gray-500">
                  Nothing matches these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {query.offset > 0 && (
          <Link href={pageLink(Math.max(0, query.offset - query.limit))} className="text-blue-700 hover:underline">
            ← Newer
          </Link>
        )}
        {query.offset + page.items.length < page.total && (
          <Link href={pageLink(query.offset + query.limit)} className="text-blue-700 hover:underline">
            Older →
          </Link>
        )}
      </nav>
    </div>
  );
}
