import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ActionForm } from '@/components/admin/action-form';
import { CheckboxGroup, TextField } from '@/components/admin/fields';
import { formatWhen } from '@/components/admin/format';
import { PageHeader } from '@/components/ui/page-header';
import { listGroups } from '@/lib/auth/groups/groups';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/passwords';
import { ROLE_DESCRIPTIONS, ROLES } from '@/lib/auth/roles';
import { listUsers } from '@/lib/auth/users/list-users';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../_auth/guarded';
import { createUserAction } from '../actions';

export const metadata: Metadata = { title: 'Users' };

export default function UsersPage() {
  return (
    <Guarded action="user:manage">
      <PageHeader eyebrow={<Link href="/admin">Admin</Link>} title="Users" description="People who sign in to Baton, their roles and groups." />
      <Suspense fallback={<p className="text-sm text-gray-500">Loading users…</p>}>
        <Users />
      </Suspense>
    </Guarded>
  );
}

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: role, hint: ROLE_DESCRIPTIONS[role] }));

async function Users() {
  await connection();
  const db = getDb();
  const [users, groups] = await Promise.all([listUsers(db), listGroups(db)]);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="users-table">
          <thead className="bg-gray-50 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">User</th>
              <th scope="col" className="px-4 py-3">Roles</th>
              <th scope="col" className="px-4 py-3">Groups</th>
              <th scope="col" className="px-4 py-3">Status</th>
              <th scope="col" className="px-4 py-3">Last sign-in</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {users.map((user) => (
              <tr key={user.id} data-testid="user-row">
                <td className="px-4 py-3 align-top">
                  <Link href={`/admin/users/${encodeURIComponent(user.id)}`} className="font-medium text-blue-700 hover:underline">
                    {user.email}
                  </Link>
                  <span className="block text-xs text-gray-500">{user.name}</span>
                </td>
                <td className="px-4 py-3 align-top">{user.roles.join(', ') || <span className="text-gray-400">none</span>}</td>
                <td className="px-4 py-3 align-top">{user.groups.join(', ') || <span className="text-gray-400">none</span>}</td>
                <td className="px-4 py-3 align-top whitespace-nowrap">
                  {!user.active ? <span className="text-red-700">deactivated</span> : user.lockedUntil ? <span className="text-amber-700">locked</span> : <span className="text-emerald-700">active</span>}
                  {!user.hasPassword && <span className="block text-xs text-gray-500">no password</span>}
                </td>
                <td className="px-4 py-3 align-top whitespace-nowrap text-gray-700">{formatWhen(user.lastSignInAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="create-user-heading" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="create-user-heading" className="mb-3 text-sm font-semibold text-gray-900">
          Create a user
        </h2>
        <ActionForm action={createUserAction} submitLabel="Create user" testId="create-user-form">
          <TextField label="E-mail" name="email" type="email" required autoComplete="off" />
          <TextField label="Name" name="name" required />
          <TextField label="First password" name="password" type="password" required autoComplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters. Baton sends no e-mail: hand it over yourself.`} />
          <CheckboxGroup legend="Roles" name="roles" options={ROLE_OPTIONS} />
          <CheckboxGroup legend="Groups" name="groups" options={groups.map((g) => ({ value: g.name, label: g.name }))} />
        </ActionForm>
      </section>
    </div>
  );
}
