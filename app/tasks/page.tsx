import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { InboxFilters } from '@/components/tasks/inbox-filters';
import { InboxLive } from '@/components/tasks/inbox-live';
import { hasFilters, parseInboxParams, toSearch, type InboxView } from '@/components/tasks/inbox-params';
import { InboxTable } from '@/components/tasks/inbox-table';
import { InboxTabs } from '@/components/tasks/inbox-tabs';
import { PageHeader } from '@/components/ui/page-header';
import type { Subject } from '@/lib/auth/subject';
import { getDb } from '@/lib/db/client';
import { listTaskProcessKeys, listTasks, mayViewAllTasks } from '@/lib/tasks';
import { Guarded } from '../_auth/guarded';
import { inboxSignature } from './_data/inbox-changes';

export const metadata: Metadata = { title: 'Tasks' };

const PAGE_SIZE = 25;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function TasksPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <Guarded action="inbox:read">
      {(subject) => (
        <div>
          <PageHeader
            title="Tasks"
            description="The human tasks of running processes that are yours or your groups’ to do."
          />
          <Suspense fallback={<p className="text-sm text-gray-500">Loading tasks…</p>}>
            <Inbox subject={subject} searchParams={searchParams} />
          </Suspense>
        </div>
      )}
    </Guarded>
  );
}

const EMPTY_TEXT: Record<InboxView, string> = {
  mine: 'Tasks you claim or that are assigned to you appear here.',
  groups: 'Unassigned tasks of your groups appear here, as soon as a process reaches them.',
  all: 'No task you may see matches.',
};

async function Inbox({ subject, searchParams }: { subject: Subject; searchParams: SearchParams }) {
  await connection();
  const mayAll = mayViewAllTasks(subject);
  const params = parseInboxParams(await searchParams);
  if (params.view === 'all' && !mayAll) params.view = 'groups';
  const views: InboxView[] = mayAll ? ['mine', 'groups', 'all'] : ['mine', 'groups'];
  const db = getDb();
  const now = new Date();
  // The signature first: a change while the list is read makes the live stream refresh once more.
  const since = await inboxSignature(db);
  const [page, processes] = await Promise.all([listTasks({ db, subject }, { ...params, limit: PAGE_SIZE }), listTaskProcessKeys(db, subject)]);
  const counts = page.counts;
  const search = toSearch({ ...params, cursor: undefined });

  return (
    <>
      <InboxTabs params={params} counts={counts} views={views} aside={<InboxLive since={since} />} />
      <InboxFilters key={search} params={params} processes={processes} />
      <InboxTable rows={page.items} now={now} emptyText={hasFilters(params) ? 'No task matches these filters.' : EMPTY_TEXT[params.view]} />
      <div className="mt-3 flex items-center justify-between text-sm text-gray-600" data-testid="inbox-pager">
        <span>
          {page.items.length === 0 ? '' : `${page.items.length} task${page.items.length === 1 ? '' : 's'} on this page`}
        </span>
        <span className="flex items-center gap-2">
          {params.cursor && (
            <Link href={`/tasks?${search}`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 hover:bg-gray-50">
              First page
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`/tasks?${toSearch({ ...params, cursor: page.nextCursor })}`} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 hover:bg-gray-50" data-testid="next-page">
              Next page →
            </Link>
          )}
        </span>
      </div>
    </>
  );
}
