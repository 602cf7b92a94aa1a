import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ActionForm } from '@/components/admin/action-form';
import { CheckboxGroup, TextField } from '@/components/admin/fields';
import { formatWhen } from '@/components/admin/format';
import { PageHeader } from '@/components/ui/page-header';
import { listGroups } from '@/lib/auth/groups/groups';
import { ROLE_DESCRIPTIONS, ROLES } from '@/lib/auth/roles';
import { listApiTokens } from '@/lib/auth/tokens/list-api-tokens';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../_auth/guarded';
import { createApiTokenAction, revokeApiTokenAction } from '../actions';

export const metadata: Metadata = { title: 'API tokens' };

export default function TokensPage() {
  return (
    <Guarded action="api-token:manage">
      <PageHeader
        eyebrow={<Link href="/admin">Admin</Link>}
        title="API tokens"
        description="Credentials for machines (external workers, systems that send messages). A token acts with the roles and groups given here; its secret is shown once and stored only hashed."
      />
      <Suspense fallback={<p className="text-sm text-gray-500">Loading tokens…</p>}>
        <Tokens />
      </Suspense>
    </Guarded>
  );
}

async function Tokens() {
  await connection();
  const db = getDb();
  const [tokens, groups] = await Promise.all([listApiTokens(db), listGroups(db)]);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="tokens-table">
          <thead className="bg-gray-50 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">Token</th>
              <th scope="col" className="px-4 py-3">Acts as</th>
              <th scope="col" className="px-4 py-3">Created</th>
              <th scope="col" className="px-4 py-3">Last used</th>
              <th scope="col" className="px-4 py-3">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {tokens.map((token) => {
              return (
                <tr key={token.id} data-testid="token-row">
                  <td className="px-4 py-3 align-top">
                    <span className="font-medium text-gray-900">{token.name}</span>
                    <span className="block font-mono text-xs text-gray-500">{token.prefix}…</span>
                  </td>
                  <td className="px-4 py-3 align-top text-gray-700">
                    {token.roles.join(', ') || 'no role'}
                    <span className="block text-xs text-gray-500">{token.groups.length > 0 ? `groups ${token.groups.join(', ')}` : 'no groups'}</span>
                  </td>
                  <td className="px-4 py-3 align-top whitespace-nowrap text-gray-700">{formatWhen(token.createdAt)}</td>
                  <td className="px-4 py-3 align-top whitespace-nowrap text-gray-700">{formatWhen(token.lastUsedAt)}</td>
                  <td className="px-4 py-3 align-top">
                    {token.status === 'revoked' ? (
                      <span className="text-gray-500">revoked {formatWhen(token.revokedAt)}</span>
                    ) : token.status === 'expired' ? (
                      <span className="text-gray-500">expired</span>
                    ) : (
                      <>
                        <span className="text-emerald-700">live{token.expiresAt ? ` until ${formatWhen(token.expiresAt)}` : ''}</span>
                        <ActionForm action={revokeApiTokenAction.bind(null, token.id)} submitLabel="Revoke" tone="danger" className="mt-1" testId="revoke-token-form" />
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
            {tokens.length === 0 && (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-gray-500">
                  No tokens yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="create-token-heading" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="create-token-heading" className="mb-3 text-sm font-semibold text-gray-900">
          Create a token
        </h2>
        <ActionForm action={createApiTokenAction} submitLabel="Create token" testId="create-token-form">
          <TextField label="Name" name="name" required placeholder="e.g. invoice worker" />
          <CheckboxGroup legend="Roles" name="roles" options={ROLES.map((role) => ({ value: role, label: role, hint: ROLE_DESCRIPTIONS[role] }))} />
          <CheckboxGroup legend="Groups" name="groups" options={groups.map((g) => ({ value: g.name, label: g.name }))} />
          <TextField label="Expires after (days)" name="expiresInDays" type="number" hint="Empty: until revoked." />
        </ActionForm>
      </section>
    </div>
  );
}
