'use client';
/**
 * The in-app notifications (new task for me or my group, assignment, reminder, escalation),
 * newest first, each with its task link and a "Mark read" button; titles are text.
 */
import Link from 'next/link';
import { useActionState } from 'react';
import type { NotificationRow } from './types';
import { formatDateTime } from './format';

type State = { status: 'idle' } | { status: 'error'; message: string };
type Action = (previous: State, formData: FormData) => Promise<State>;

const KIND_STYLE: Record<string, { label: string; dot: string }> = {
  'task-created': { label: 'New task', dot: 'bg-blue-500' },
  'task-assigned': { label: 'Assigned', dot: 'bg-indigo-500' },
  'task-reminder': { label: 'Reminder', dot: 'bg-amber-500' },
  'task-escalated': { label: 'Escalated', dot: 'bg-red-500' },
};

export function NotificationList({ items, markRead, markAllRead, unread }: { items: NotificationRow[]; markRead: Action; markAllRead: Action; unread: number }) {
  const [allState, markAll, allPending] = useActionState(markAllRead, { status: 'idle' });
  if (items.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center" data-testid="notifications-empty">
        <p className="text-sm font-medium text-gray-900">No notifications.</p>
        <p className="mt-1 text-sm text-gray-600">New tasks for you or your groups, assignments and escalations appear here.</p>
      </div>
    );
  }
  return (
    <div className="rounded-lg border border-gray-200 bg-white">
      <div className="flex items-center justify-between border-b border-gray-100 px-4 py-3">
        <p className="text-sm text-gray-700" data-testid="notifications-unread">
          {unread === 0 ? 'All read' : `${unread} unread`}
        </p>
        {unread > 0 && (
          <form action={markAll}>
            <button type="submit" disabled={allPending} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50 disabled:opacity-50" data-testid="mark-all-read">
              Mark all read
            </button>
          </form>
        )}
      </div>
      {allState.status === 'error' && <p className="px-4 py-2 text-sm text-red-700">{allState.message}</p>}
      <ul className="divide-y divide-gray-100" data-testid="notification-list">
        {items.map((item) => (
          <NotificationItem key={item.id} item={item} markRead={markRead} />
        ))}
      </ul>
    </div>
  );
}

function NotificationItem({ item, markRead }: { item: NotificationRow; markRead: Action }) {
  const [state, action, pending] = useActionState(markRead, { status: 'idle' });
  const kind = KIND_STYLE[item.kind] ?? { label: item.kind, dot: 'bg-gray-400' };
  return (
    <li className={`flex items-start gap-3 px-4 py-3 ${item.read ? '' : 'bg-blue-50/40'}`} data-testid="notification" data-notification-id={item.id} data-read={item.read ? 'true' : 'false'} data-task-id={item.taskId ?? undefined}>
      <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${item.read ? 'bg-gray-200' : kind.dot}`} aria-hidden />
      <div className="min-w-0 flex-1">
        <p className={`text-sm ${item.read ? 'text-gray-700' : 'font-medium text-gray-900'}`}>
          {item.href ? (
            <Link href={item.href} className="hover:underline">
              {item.title}
            </Link>
          ) : (
            item.title
          )}
        </p>
        <p className="mt-0.5 text-xs text-gray-500">
          {kind.label} · {formatDateTime(item.createdAt)}
        </p>
        {state.status === 'error' && <p className="mt-1 text-xs text-red-700">{state.message}</p>}
      </div>
      {!item.read && (
        <form action={action}>
          <input type="hidden" name="id" value={item.id} />
          <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-xs text-gray-600 hover:bg-gray-100 hover:text-gray-900 disabled:opacity-50" data-testid="mark-read">
            Mark read
          </button>
        </form>
      )}
    </li>
  );
}
