import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ActionForm } from '@/components/admin/action-form';
import { TextField } from '@/components/admin/fields';
import { PageHeader } from '@/components/ui/page-header';
import { listGroups } from '@/lib/auth/groups/groups';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../_auth/guarded';
import { createGroupAction, deleteGroupAction } from '../actions';

export const metadata: Metadata = { title: 'Groups' };

export default function GroupsPage() {
  return (
    <Guarded action="group:manage">
      <PageHeader
        eyebrow={<Link href="/admin">Admin</Link>}
        title="Groups"
        description="Free-form groups: the candidate groups of human tasks and the roles tool guardrails name. Members are set on each user's page."
      />
      <Suspense fallback={<p className="text-sm text-gray-500">Loading groups…</p>}>
        <Groups />
      </Suspense>
    </Guarded>
  );
}

async function Groups() {
  await connection();
  const groups = await listGroups(getDb());
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="groups-list">
        {groups.map((group) => (
          <li key={group.id} className="flex items-start justify-between gap-4 p-4" data-testid="group-row">
            <div>
              <p className="font-mono text-sm font-medium text-gray-900">{group.name}</p>
              {group.description && <p className="text-sm text-gray-600">{group.description}</p>}
              <p className="mt-1 text-xs text-gray-500">{group.members.length > 0 ? group.members.map((m) => m.email).join(', ') : 'No members'}</p>
            </div>
            <ActionForm action={deleteGroupAction.bind(null, group.id)} submitLabel="Delete" tone="danger" className="shrink-0 text-right" />
          </li>
        ))}
      </ul>
      <section aria-labelledby="create-group-heading" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="create-group-heading" className="mb-3 text-sm font-semibold text-gray-900">
          Create a group
        </h2>
        <ActionForm action={createGroupAction} submitLabel="Create group" testId="create-group-form">
          <TextField label="Name" name="name" required placeholder="e.g. treasury" hint="Lower-case letters, digits, - and _, as models name candidate groups." />
          <TextField label="Description" name="description" />
        </ActionForm>
      </section>
    </div>
  );
}
