import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { NAV_ITEMS } from '@/components/layout/nav-items';
import { can, resourceOf } from '@/lib/auth/can';
import { currentSubject } from '@/lib/auth/current-subject';

/** The home page is the first section the signed-in person may open: the models list, or the task inbox. */
export default function Home() {
  return (
    <Suspense fallback={<p className="text-sm text-gray-500">Loading…</p>}>
      <StartPage />
    </Suspense>
  );
}

async function StartPage(): Promise<never> {
  const subject = await currentSubject();
  if (!subject) redirect('/sign-in');
  const first = NAV_ITEMS.find((item) => can(subject, item.action, resourceOf(item.action)));
  redirect(first?.href ?? '/account');
}
