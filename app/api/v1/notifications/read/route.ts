import { markNotificationsRead as endpoint } from '@/lib/api/notification-endpoints';
import { json, route } from '@/lib/api/route';
import { markNotificationsRead } from '@/lib/notifications/list-notifications';

// Every subject gets in (inbox:read); only the caller's own notifications can be marked.
export const POST = route(endpoint, async ({ db, subject, body }) => {
  if (!subject) throw new Error('route() authenticates markNotificationsRead');
  return json(200, await markNotificationsRead(db, subject, body));
});
