import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { NotificationList } from '@/components/tasks/notification-list';
import { PageHeader } from '@/components/ui/page-header';
import type { Subject } from '@/lib/auth/subject';
import { getDb } from '@/lib/db/client';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { Guarded } from '../_auth/guarded';
import { markAllNotificationsReadAction, markNotificationReadAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };

export default function NotificationsPage() {
  return (
    <Guarded action="inbox:read">
      {(subject) => (
        <div className="max-w-3xl">
          <PageHeader title="Notifications" description="New tasks for you or your groups, assignments, reminders and escalations." />
          <Suspense fallback={<p className="text-sm text-gray-500">Loading notifications…</p>}>
            <Notifications subject={subject} />
          </Suspense>
        </div>
      )}
    </Guarded>
  );
}

async function Notifications({ subject }: { subject: Subject }) {
  await connection();
  const list = await listNotifications(getDb(), subject, { limit: 50 });
  return <NotificationList items={list.items} unread={list.unread} markRead={markNotificationReadAction} markAllRead={markAllNotificationsReadAction} />;
}
