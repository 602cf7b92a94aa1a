import 'server-only';
/**
 * The navigation and user menu of the signed-in person: only the sections `can()` lets them
 * open (NAV_ITEMS), their e-mail and roles, and sign-out. Nothing for nobody.
 */
import { MainNav } from '@/components/layout/main-nav';
import { NAV_ITEMS } from '@/components/layout/nav-items';
import { UserMenu } from '@/components/layout/user-menu';
import { can, resourceOf } from '@/lib/auth/can';
import { currentSubject } from '@/lib/auth/current-subject';
import { signOutAction } from './actions';

export async function SiteHeaderNav() {
  const subject = await currentSubject();
  if (!subject) return null;
  const items = NAV_ITEMS.filter((item) => can(subject, item.action, resourceOf(item.action))).map(({ href, label }) => ({ href, label }));
  return (
    <>
      <MainNav items={items} />
      <UserMenu email={subject.label} roles={subject.roles} signOut={signOutAction} />
    </>
  );
}
