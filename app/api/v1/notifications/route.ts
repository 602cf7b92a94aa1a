import { listNotifications as endpoint } from '@/lib/api/notification-endpoints';
import { json, route } from '@/lib/api/route';
import { listNotifications } from '@/lib/notifications/list-notifications';

// Every subject gets in (inbox:read); the list holds only what is addressed to the caller or their groups.
export const GET = route(endpoint, async ({ db, subject, query }) => {
  if (!subject) throw new Error('route() authenticates listNotifications');
  return json(200, await listNotifications(db, subject, query));
});
