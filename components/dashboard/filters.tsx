/** The dashboard's filter bar: a GET form (the filter lives in the URL), with quick ranges. */
import Link from 'next/link';
import { query } from './format';

export type FilterValues = { from: string; to: string; process?: string; version?: number };
type ProcessOption = { key: string; name: string; versions: number[] };

const INPUT = 'mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900';

export function DashboardFilters({ action, values, processes, today }: { action: string; values: FilterValues; processes: ProcessOption[]; today: string }) {
  const selected = processes.find((p) => p.key === values.process);
  const quick = (days: number) => {
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    return `${action}?${query({ from, to: today, process: values.process, version: values.version })}`;
  };
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-gray-200 bg-white p-3 shadow-xs print:hidden" data-testid="dashboard-filters">
      <label className="text-xs font-medium text-gray-700">
        From
        <input type="date" name="from" defaultValue={values.from} className={INPUT} />
      </label>
      <label className="text-xs font-medium text-gray-700">
        To
        <input type="date" name="to" defaultValue={values.to} className={INPUT} />
      </label>
      <label className="min-w-56 text-xs font-medium text-gray-700">
        Process
        <select name="process" defaultValue={values.process ?? ''} className={INPUT} data-testid="filter-process">
          <option value="">All processes</option>
          {processes.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-gray-700">
        Version
        <select name="version" defaultValue={values.version ?? ''} className={INPUT} disabled={!selected}>
          <option value="">All versions</option>
          {selected?.versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
        Apply
      </button>
      <div className="ml-auto flex items-center gap-1 text-xs">
        {[7, 30, 90].map((days) => (
          <Link key={days} href={quick(days)} className="rounded-md border border-gray-200 px-2 py-1 text-gray-700 hover:bg-gray-50">
            {days} days
          </Link>
        ))}
      </div>
    </form>
  );
}
