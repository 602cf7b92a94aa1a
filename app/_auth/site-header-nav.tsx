import 'server-only';
/**
 * The navigation and user menu of the signed-in person: only the sections `can()` lets them
 * open (NAV_ITEMS), their e-mail and roles, and sign-out. Nothing for nobody.
 */
import { MainNav } from '@/components/layout/main-nav';
import { NAV_ITEMS } from '@/components/layout/nav-items';
import { NotificationBell } from '@/components/layout/notification-bell';
import { UserMenu } from '@/components/layout/user-menu';
import { can, resourceOf } from '@/lib/auth/can';
import { currentSubject } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { signOutAction } from './actions';

export async function SiteHeaderNav() {
  const subject = await currentSubject();
  if (!subject) return null;
  // The bell's count: only what the person may see (their own and their groups' notifications).
  const unread = can(subject, 'inbox:read', resourceOf('inbox:read')) ? (await listNotifications(getDb(), subject, { limit: 1 })).unread : null;
  const items = NAV_ITEMS.filter((item) => can(subject, item.action, resourceOf(item.action))).map(({ href, label }) => ({ href, label }));
  return (
    <>
      <MainNav items={items} />
      <div className="ml-auto flex items-center gap-3">
        {unread !== null && <NotificationBell unread={unread} />}
        <UserMenu email={subject.label} roles={subject.roles} signOut={signOutAction} />
      </div>
    </>
  );
}
