import Link from 'next/link';
import { toSearch, VIEW_LABELS, type InboxParams, type InboxView } from './inbox-params';
import type { InboxCounts } from './types';

/** The inbox views with their open-task counts; switching view keeps the filters and drops the page. */
export function InboxTabs({ params, counts, views, aside }: { params: InboxParams; counts: InboxCounts; views: readonly InboxView[]; aside?: React.ReactNode }) {
  return (
    <nav aria-label="Inbox views" className="mb-4 flex gap-1 border-b border-gray-200" data-testid="inbox-views">
      {views.map((view) => {
        const current = params.view === view;
        const count = counts[view];
        const search = toSearch({ ...params, view, cursor: undefined });
        return (
          <Link
            key={view}
            href={`/tasks?${search}`}
            aria-current={current ? 'page' : undefined}
            data-testid={`view-${view}`}
            className={`-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm transition-colors ${
              current ? 'border-blue-600 font-medium text-gray-900' : 'border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900'
            }`}
          >
            {VIEW_LABELS[view]}
            {count !== null && (
              <span
                className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${current ? 'bg-blue-100 text-blue-800' : 'bg-gray-100 text-gray-700'}`}
                data-testid={`view-count-${view}`}
              >
                {count}
              </span>
            )}
          </Link>
        );
      })}
      {aside && <span className="ml-auto self-center pb-1">{aside}</span>}
    </nav>
  );
}
