import 'server-only';
/**
 * How every page asks `can()`: the page's content is rendered only when the signed-in subject
 * may do `action`; otherwise a clear "not allowed" page (nothing of the page is loaded), or the
 * sign-in page for nobody. app/page-coverage.test.ts checks that every page uses it (or says
 * why it is public).
 *
 * It reads the session, so it brings its own <Suspense> (cacheComponents). Children may be a
 * function of the subject, to show or hide what finer actions allow (e.g. the publish form).
 */
import { redirect } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { NotAllowed } from '@/components/ui/not-allowed';
import { can, PERMISSIONS, resourceOf, type CoarseAction, type RoleAction } from '@/lib/auth/can';
import { currentSubject } from '@/lib/auth/current-subject';
import type { Subject } from '@/lib/auth/subject';

/** How a page's need reads in the "not allowed" text. */
const WHAT: Record<CoarseAction, string> = {
  'model:read': 'viewing process models',
  'model:validate': 'validating process models',
  'model:create': 'creating process models',
  'model:update': 'editing process models',
  'model:publish': 'publishing process models',
  'model:retention': "setting how long a version's instances are kept",
  'instance:read': 'viewing process instances',
  'instance:start': 'starting instances',
  'instance:cancel': 'cancelling instances',
  'instance:retry': 'retrying instances',
  'instance:modify': 'modifying instances',
  'instance:migrate': 'migrating instances',
  'dashboard:read': 'viewing the dashboard',
  'metrics:read': 'reading the Prometheus metrics',
  'audit-log:read': 'reading the audit log',
  'user:manage': 'managing users',
  'group:manage': 'managing groups',
  'api-token:manage': 'managing API tokens',
  'tool:manage': 'managing tools',
  'settings:manage': 'changing settings',
  'inbox:read': 'reading your task inbox',
  'self:read': 'viewing your account',
};

type Children = ReactNode | ((subject: Subject) => ReactNode);

export function Guarded({ action, children }: { action: CoarseAction; children: Children }) {
  return (
    <Suspense fallback={<p className="text-sm text-gray-500">Loading…</p>}>
      <Gate action={action}>{children}</Gate>
    </Suspense>
  );
}

async function Gate({ action, children }: { action: CoarseAction; children: Children }) {
  const subject = await currentSubject();
  if (!subject) redirect('/sign-in');
  if (!can(subject, action, resourceOf(action))) {
    const needs: readonly string[] = PERMISSIONS[action as RoleAction] ?? [];
    return <NotAllowed what={WHAT[action]} needs={needs} email={subject.label} roles={subject.roles} />;
  }
  return typeof children === 'function' ? children(subject) : children;
}
