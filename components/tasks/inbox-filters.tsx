'use client';
/**
 * The inbox's filter bar. Its state is the URL: every change navigates to `/tasks?...` (and
 * drops the page cursor), so a reload or a shared link shows the same list. Selects, dates and
 * the overdue switch apply at once; text fields on Enter or "Apply".
 */
import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { DEFAULT_PARAMS, defaultDir, INBOX_SORTS, SORT_LABELS, toSearch, type InboxParams, type InboxSort } from './inbox-params';

const input = 'rounded-md border border-gray-300 bg-white px-2.5 py-1.5 text-sm text-gray-900 shadow-xs focus:border-blue-500 focus:ring-1 focus:ring-blue-500 focus:outline-none';
const label = 'flex flex-col gap-1 text-xs font-medium text-gray-600';

export function InboxFilters({ params, processes }: { params: InboxParams; processes: string[] }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);

  function read(): Partial<InboxParams> {
    const data = new FormData(form.current ?? undefined);
    const value = (key: string) => {
      const v = data.get(key);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    const sort = (value('sort') ?? DEFAULT_PARAMS.sort) as InboxSort;
    return {
      view: params.view,
      q: value('q'),
      process: value('process'),
      name: value('name'),
      priority: value('priority') as InboxParams['priority'],
      dueAfter: value('dueAfter'),
      dueBefore: value('dueBefore'),
      overdue: data.get('overdue') === '1' ? true : undefined,
      status: (value('status') ?? 'open') as InboxParams['status'],
      sort,
      dir: (value('dir') ?? defaultDir(sort)) as 'asc' | 'desc',
    };
  }
  const apply = (next: Partial<InboxParams> = read()) => router.push(`/tasks?${toSearch(next)}`);

  return (
    <form
      ref={form}
      role="search"
      aria-label="Filter tasks"
      data-testid="inbox-filters"
      className="mb-4 rounded-lg border border-gray-200 bg-white p-3"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <label className={`${label} min-w-56 flex-1`}>
          Search
          <input name="q" type="search" defaultValue={params.q ?? ''} placeholder="Task, process or instance id" className={input} />
        </label>
        <label className={label}>
          Process
          <select name="process" defaultValue={params.process ?? ''} onChange={() => apply()} className={input}>
            <option value="">All processes</option>
            {[...new Set([...processes, ...(params.process ? [params.process] : [])])].map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          Task name
          <input name="name" defaultValue={params.name ?? ''} placeholder="contains…" className={`${input} w-36`} />
        </label>
        <label className={label}>
          Priority
          <select name="priority" defaultValue={params.priority ?? ''} onChange={() => apply()} className={input}>
            <option value="">Any</option>
            <option value="high">High (75+)</option>
            <option value="medium">Medium (40–74)</option>
            <option value="low">Low (&lt; 40)</option>
          </select>
        </label>
        <label className={label}>
          Due after
          <input name="dueAfter" type="date" defaultValue={params.dueAfter ?? ''} onChange={() => apply()} className={input} />
        </label>
        <label className={label}>
          Due before
          <input name="dueBefore" type="date" defaultValue={params.dueBefore ?? ''} onChange={() => apply()} className={input} />
        </label>
        <label className={label}>
          Status
          <select name="status" defaultValue={params.status} onChange={() => apply()} className={input}>
            <option value="open">Open</option>
            <option value="completed">Completed</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </label>
        <label className="flex items-center gap-2 self-center pt-4 text-sm text-gray-700">
          <input name="overdue" type="checkbox" value="1" defaultChecked={params.overdue === true} onChange={() => apply()} className="h-4 w-4 rounded border-gray-300 text-red-600" />
          Overdue only
        </label>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 border-t border-gray-100 pt-3">
        <div className="flex items-center gap-2 text-xs text-gray-600">
          <label htmlFor="inbox-sort" className="font-medium">
            Sort by
          </label>
          <select
            id="inbox-sort"
            name="sort"
            defaultValue={params.sort}
            onChange={(event) => {
              const sort = event.target.value as InboxSort;
              apply({ ...read(), sort, dir: defaultDir(sort) });
            }}
            className={input}
          >
            {INBOX_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
          <select name="dir" aria-label="Sort direction" defaultValue={params.dir} onChange={() => apply()} className={input}>
            <option value="asc">{params.sort === 'created' ? 'Oldest first' : params.sort === 'priority' ? 'Lowest first' : 'Soonest first'}</option>
            <option value="desc">{params.sort === 'created' ? 'Newest first' : params.sort === 'priority' ? 'Highest first' : 'Latest first'}</option>
          </select>
        </div>
        <div className="flex items-center gap-2">
          <button type="button" onClick={() => apply({ view: params.view })} className="rounded-md px-3 py-1.5 text-sm text-gray-600 hover:bg-gray-50 hover:text-gray-900">
            Reset
          </button>
          <button type="submit" className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
            Apply
          </button>
        </div>
      </div>
    </form>
  );
}
