import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../_auth/guarded';

export const metadata: Metadata = { title: 'Admin' };

export default function AdminPage() {
  return (
    <Guarded action="user:manage">
      <PageHeader title="Admin" description="Who may do what in Baton, and what happened." />
      <Suspense fallback={<p className="text-sm text-gray-500">Loading…</p>}>
        <Sections />
      </Suspense>
    </Guarded>
  );
}

async function Sections() {
  await connection();
  const db = getDb();
  const [users, groups, tokens] = await Promise.all([db.user.count(), db.group.count(), db.apiToken.count({ where: { revokedAt: null } })]);
  const sections = [
    { href: '/admin/users', title: 'Users', text: `${users} user${users === 1 ? '' : 's'}: create, deactivate, reset passwords, roles and groups.` },
    { href: '/admin/groups', title: 'Groups', text: `${groups} group${groups === 1 ? '' : 's'}: the candidate groups of human tasks.` },
    { href: '/admin/tokens', title: 'API tokens', text: `${tokens} live token${tokens === 1 ? '' : 's'} for workers and other machines.` },
    { href: '/admin/tools', title: 'Agent tools', text: 'Tools agent tasks may call, with their guardrails.' },
    { href: '/admin/providers', title: 'LLM providers', text: 'The models agent tasks call; keys stored encrypted.' },
    { href: '/audit', title: 'Audit log', text: 'Who did what, when, to what, from where.' },
  ];
  return (
    <ul className="grid gap-4 sm:grid-cols-2" data-testid="admin-sections">
      {sections.map((s) => (
        <li key={s.href}>
          <Link href={s.href} className="block rounded-lg border border-gray-200 bg-white p-4 hover:border-blue-300">
            <span className="font-medium text-blue-700">{s.title}</span>
            <span className="mt-1 block text-sm text-gray-600">{s.text}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
