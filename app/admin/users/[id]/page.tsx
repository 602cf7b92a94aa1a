import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ActionForm } from '@/components/admin/action-form';
import { CheckboxGroup, TextField } from '@/components/admin/fields';
import { formatWhen } from '@/components/admin/format';
import { PageHeader } from '@/components/ui/page-header';
import { NotFoundError } from '@/lib/api/errors';
import { listGroups } from '@/lib/auth/groups/groups';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/passwords';
import { ROLE_DESCRIPTIONS, ROLES } from '@/lib/auth/roles';
import { getUser } from '@/lib/auth/users/list-users';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../../_auth/guarded';
import { decodeParam } from '../../../models/decode-param';
import { resetPasswordAction, setUserAccessAction, setUserActiveAction, unlockUserAction } from '../../actions';

export const metadata: Metadata = { title: 'User' };

export default function UserPage({ params }: { params: Promise<{ id: string }> }) {
  return (
    <Guarded action="user:manage">
      <Suspense fallback={<p className="text-sm text-gray-500">Loading the user…</p>}>
        <UserView params={params} />
      </Suspense>
    </Guarded>
  );
}

async function UserView({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const db = getDb();
  let user;
  try {
    user = await getUser(db, decodeParam(id));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const groups = await listGroups(db);
  return (
    <div>
      <PageHeader
        eyebrow={<Link href="/admin/users">Users</Link>}
        title={<span data-testid="user-email">{user.email}</span>}
        description={
          <span>
            {user.name} · {user.active ? 'active' : 'deactivated'} · created {formatWhen(user.createdAt)} · last sign-in {formatWhen(user.lastSignInAt)}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-lg border border-gray-200 bg-white p-4" aria-labelledby="access-heading">
          <h2 id="access-heading" className="mb-3 text-sm font-semibold text-gray-900">
            Roles and groups
          </h2>
          <ActionForm action={setUserAccessAction.bind(null, user.id)} submitLabel="Save roles and groups" testId="user-access-form">
            <CheckboxGroup legend="Roles" name="roles" options={ROLES.map((role) => ({ value: role, label: role, hint: ROLE_DESCRIPTIONS[role] }))} checked={user.roles} />
            <CheckboxGroup legend="Groups" name="groups" options={groups.map((g) => ({ value: g.name, label: g.name }))} checked={user.groups} />
          </ActionForm>
        </section>
        <section className="rounded-lg border border-gray-200 bg-white p-4" aria-labelledby="password-heading">
          <h2 id="password-heading" className="mb-3 text-sm font-semibold text-gray-900">
            Reset password
          </h2>
          <ActionForm action={resetPasswordAction.bind(null, user.id)} submitLabel="Set new password" testId="reset-password-form">
            <TextField label="New password" name="password" type="password" required autoComplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters. Their sessions end.`} />
          </ActionForm>
        </section>
        <section className="rounded-lg border border-gray-200 bg-white p-4" aria-labelledby="status-heading">
          <h2 id="status-heading" className="mb-3 text-sm font-semibold text-gray-900">
            Access
          </h2>
          {user.lockedUntil && (
            <div className="mb-4">
              <p className="mb-2 text-sm text-amber-800">
                Locked after {user.failedSignIns} failed sign-ins until {formatWhen(user.lockedUntil)}.
              </p>
              <ActionForm action={unlockUserAction.bind(null, user.id)} submitLabel="Unlock now" tone="secondary" testId="unlock-form" />
            </div>
          )}
          {user.active ? (
            <ActionForm action={setUserActiveAction.bind(null, user.id, false)} submitLabel="Deactivate" tone="danger" testId="deactivate-form">
              <p className="text-sm text-gray-700">A deactivated user cannot sign in, and their sessions end at once. Their history stays.</p>
            </ActionForm>
          ) : (
            <ActionForm action={setUserActiveAction.bind(null, user.id, true)} submitLabel="Reactivate" tone="secondary" testId="reactivate-form" />
          )}
        </section>
      </div>
    </div>
  );
}
