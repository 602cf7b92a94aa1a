import Link from 'next/link';
import { formatDateTime, formatDue } from './format';
import { OverdueBadge, PriorityBadge } from './priority-badge';
import type { InboxRow } from './types';

/** The inbox's rows; an overdue open task has a red edge and badge. Values are rendered as text. */
export function InboxTable({ rows, now, emptyText }: { rows: InboxRow[]; now: Date; emptyText: string }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center" data-testid="inbox-empty">
        <p className="text-sm font-medium text-gray-900">No tasks here.</p>
        <p className="mt-1 text-sm text-gray-600">{emptyText}</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="inbox-table">
        <thead className="bg-gray-50 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">Task</th>
            <th scope="col" className="px-4 py-3">Process</th>
            <th scope="col" className="px-4 py-3">Assignee</th>
            <th scope="col" className="px-4 py-3">Priority</th>
            <th scope="col" className="px-4 py-3">Due</th>
            <th scope="col" className="px-4 py-3">Follow-up</th>
            <th scope="col" className="px-4 py-3">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((row) => (
            <tr
              key={row.id}
              className={`hover:bg-gray-50 ${row.overdue ? 'bg-red-50/40 shadow-[inset_3px_0_0_0_rgb(220_38_38)]' : ''}`}
              data-testid="task-row"
              data-task-id={row.id}
              data-overdue={row.overdue ? 'true' : undefined}
            >
              <td className="px-4 py-3 align-top">
                <Link href={`/tasks/${encodeURIComponent(row.id)}`} className="font-medium text-blue-700 hover:underline" data-testid="task-link">
                  {row.name}
                </Link>
                <span className="mt-0.5 block font-mono text-xs text-gray-500" title="Instance">
                  {row.instanceId}
                </span>
              </td>
              <td className="px-4 py-3 align-top font-mono text-xs text-gray-700">{row.processKey}</td>
              <td className="px-4 py-3 align-top">
                {row.assigneeLabel ? (
                  <span className="text-gray-900">{row.assigneeLabel}</span>
                ) : (
                  <span className="text-gray-500">
                    Unassigned
                    {row.candidateGroups.length > 0 && <span className="block text-xs">{row.candidateGroups.join(', ')}</span>}
                  </span>
                )}
              </td>
              <td className="px-4 py-3 align-top">
                <PriorityBadge priority={row.priority} />
              </td>
              <td className="px-4 py-3 align-top whitespace-nowrap">
                {row.dueAt ? (
                  <>
                    <span className={row.overdue ? 'font-medium text-red-700' : 'text-gray-900'}>{formatDateTime(row.dueAt)}</span>
                    <span className="mt-0.5 flex items-center gap-1.5 text-xs text-gray-500">
                      {row.overdue && <OverdueBadge />}
                      {row.status === 'created' && formatDue(row.dueAt, now)}
                    </span>
                  </>
                ) : (
                  <span className="text-gray-400">—</span>
                )}
              </td>
              <td className="px-4 py-3 align-top whitespace-nowrap text-gray-700">{row.followUpAt ? formatDateTime(row.followUpAt) : <span className="text-gray-400">—</span>}</td>
              <td className="px-4 py-3 align-top whitespace-nowrap text-gray-700">{formatDateTime(row.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
