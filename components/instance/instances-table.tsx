'use client';
/**
 * The instances table: columns the user chooses (kept in localStorage per user), row selection,
 * and bulk cancel / bulk retry of incidents behind a confirmation that names the count.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useSyncExternalStore, useTransition } from 'react';
import { bulkCancelAction, bulkRetryAction, type ActionResult } from '@/app/instances/actions';
import { formatTime } from './format';
import { StatusBadge } from './status-badge';

export type InstanceListRow = {
  id: string;
  processKey: string;
  processName: string;
  version: number;
  businessKey: string | null;
  status: string;
  startedBy: string | null;
  startedAt: string;
  endedAt: string | null;
  updatedAt: string;
  openIncidents: number;
  lastSeq: number;
  activeElements: string[];
};

const COLUMNS = {
  process: 'Process',
  version: 'Version',
  businessKey: 'Business key',
  status: 'Status',
  active: 'Active elements',
  startedBy: 'Started by',
  startedAt: 'Started',
  endedAt: 'Ended',
  updatedAt: 'Last change',
  events: 'Events',
} as const;
type Column = keyof typeof COLUMNS;
const DEFAULT_COLUMNS: Column[] = ['process', 'version', 'businessKey', 'status', 'active', 'startedBy', 'startedAt'];

const COLUMNS_EVENT = 'baton-instance-columns';

function subscribeColumns(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(COLUMNS_EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(COLUMNS_EVENT, onChange);
  };
}

function parseColumns(saved: string | null): Column[] {
  if (saved === null) return DEFAULT_COLUMNS;
  try {
    const value = JSON.parse(saved) as unknown;
    return Array.isArray(value) ? value.filter((c): c is Column => typeof c === 'string' && c in COLUMNS) : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

function cell(row: InstanceListRow, column: Column) {
  switch (column) {
    case 'process':
      return <span title={row.processKey}>{row.processName}</span>;
    case 'version':
      return `v${row.version}`;
    case 'businessKey':
      return row.businessKey ?? <span className="text-gray-400">—</span>;
    case 'status':
      return <StatusBadge status={row.status} incidents={row.openIncidents} />;
    case 'active':
      return row.activeElements.length === 0 ? <span className="text-gray-400">—</span> : <span className="font-mono text-xs">{row.activeElements.join(', ')}</span>;
    case 'startedBy':
      return row.startedBy ?? <span className="text-gray-400">—</span>;
    case 'startedAt':
      return formatTime(row.startedAt);
    case 'endedAt':
      return row.endedAt ? formatTime(row.endedAt) : <span className="text-gray-400">—</span>;
    case 'updatedAt':
      return formatTime(row.updatedAt);
    case 'events':
      return row.lastSeq;
  }
}

export function InstancesTable({ rows, userKey, canCancel, canRetry }: { rows: InstanceListRow[]; userKey: string; canCancel: boolean; canRetry: boolean }) {
  const storageKey = `baton.instances.columns.${userKey}`;
  const saved = useSyncExternalStore(subscribeColumns, () => window.localStorage.getItem(storageKey), () => null);
  const columns = useMemo(() => parseColumns(saved), [saved]);
  const [chooser, setChooser] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState<'cancel' | 'retry' | null>(null);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();


  const toggleColumn = (column: Column) => {
    const next = columns.includes(column) ? columns.filter((c) => c !== column) : (Object.keys(COLUMNS) as Column[]).filter((c) => c === column || columns.includes(c));
    window.localStorage.setItem(storageKey, JSON.stringify(next));
    window.dispatchEvent(new Event(COLUMNS_EVENT));
  };
  const chosen = rows.filter((r) => selected.has(r.id));
  const running = chosen.filter((r) => r.status === 'active' || r.status === 'suspended');
  const withIncidents = chosen.filter((r) => r.openIncidents > 0);
  const count = confirm === 'cancel' ? running.length : withIncidents.reduce((n, r) => n + r.openIncidents, 0);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <div className="rounded-lg border border-gray-200 bg-white" data-testid="instances-table">
      <div className="flex flex-wrap items-center gap-2 border-b border-gray-200 px-4 py-2.5">
        <span className="text-sm text-gray-700" data-testid="selection-count">{selected.size === 0 ? `${rows.length} shown` : `${selected.size} selected`}</span>
        {canCancel && (
          <button type="button" className="rounded-md border border-gray-300 px-2.5 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50 disabled:opacity-40" disabled={running.length === 0} onClick={() => { setConfirm('cancel'); setResult(null); }} data-testid="bulk-cancel">
            Cancel selected…
          </button>
        )}
        {canRetry && (
          <button type="button" className="rounded-md border border-gray-300 px-2.5 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50 disabled:opacity-40" disabled={withIncidents.length === 0} onClick={() => { setConfirm('retry'); setResult(null); }} data-testid="bulk-retry">
            Retry incidents…
          </button>
        )}
        <div className="relative ml-auto">
          <button type="button" className="rounded-md border border-gray-300 px-2.5 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50" onClick={() => setChooser(!chooser)} aria-expanded={chooser} data-testid="columns-button">
            Columns
          </button>
          {chooser && (
            <div className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-gray-200 bg-white p-2 shadow-lg" data-testid="columns-menu">
              {(Object.keys(COLUMNS) as Column[]).map((c) => (
                <label key={c} className="flex items-center gap-2 py-0.5 text-xs text-gray-800">
                  <input type="checkbox" checked={columns.includes(c)} onChange={() => toggleColumn(c)} /> {COLUMNS[c]}
                </label>
              ))}
            </div>
          )}
        </div>
      </div>
      {confirm !== null && (
        <form
          role="alertdialog"
          aria-label="Confirm bulk operation"
          className="flex flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2.5"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const ids = (confirm === 'cancel' ? running : withIncidents).map((r) => r.id);
              const r = confirm === 'cancel' ? await bulkCancelAction({ instanceIds: ids, reason }) : await bulkRetryAction({ instanceIds: ids, reason });
              setResult(r);
              if (r.ok) {
                setConfirm(null);
                setSelected(new Set());
                setReason('');
                router.refresh();
              }
            });
          }}
          data-testid="bulk-confirm"
        >
          <span className="text-sm font-medium text-amber-900">
            {confirm === 'cancel' ? `Cancel ${count} instance${count === 1 ? '' : 's'}?` : `Retry ${count} incident${count === 1 ? '' : 's'} in ${withIncidents.length} instance${withIncidents.length === 1 ? '' : 's'}?`}
          </span>
          <input className="w-72 rounded-md border border-gray-300 px-2 py-1 text-xs" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Reason (recorded in the audit log)" aria-label="Reason" required minLength={3} />
          <button type="submit" className="rounded-md bg-red-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-red-700 disabled:opacity-50" disabled={pending}>
            {pending ? 'Working…' : confirm === 'cancel' ? `Cancel ${count}` : `Retry ${count}`}
          </button>
          <button type="button" className="rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs" onClick={() => setConfirm(null)}>
            Keep them
          </button>
        </form>
      )}
      {result && <p role="status" className={`px-4 py-2 text-xs ${result.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>{result.ok ? result.message : result.error}</p>}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-gray-50 text-left text-xs font-medium text-gray-500">
            <tr>
              <th className="w-8 px-4 py-2">
                <input type="checkbox" aria-label="Select all" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))} />
              </th>
              <th className="px-3 py-2">Instance</th>
              {columns.map((c) => <th key={c} className="px-3 py-2 whitespace-nowrap">{COLUMNS[c]}</th>)}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rows.map((row) => (
              <tr key={row.id} className="hover:bg-gray-50" data-testid="instance-row" data-instance-id={row.id}>
                <td className="px-4 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.id}`}
                    checked={selected.has(row.id)}
                    onChange={() => {
                      const next = new Set(selected);
                      if (next.has(row.id)) next.delete(row.id);
                      else next.add(row.id);
                      setSelected(next);
                    }}
                  />
                </td>
                <td className="px-3 py-2 font-mono text-xs">
                  <Link href={`/instances/${row.id}`} className="text-blue-700 hover:underline">{row.id}</Link>
                </td>
                {columns.map((c) => <td key={c} className="px-3 py-2 whitespace-nowrap text-gray-800">{cell(row, c)}</td>)}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length + 2} className="px-4 py-10 text-center text-sm text-gray-500">No instance matches these filters.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
