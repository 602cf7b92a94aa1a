import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ActionForm } from '@/components/admin/action-form';
import { TextField } from '@/components/admin/fields';
import { PageHeader } from '@/components/ui/page-header';
import { listProviders, PROVIDER_KIND_LABELS, PROVIDER_KINDS } from '@/lib/agents/providers';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../_auth/guarded';
import { deleteProviderAction, saveProviderAction } from './actions';

export const metadata: Metadata = { title: 'LLM providers' };

const INPUT = 'mt-1 block w-full rounded-md border border-gray-300 px-3 py-1.5 text-sm shadow-xs focus:border-blue-600 focus:outline-none';

export default function ProvidersPage() {
  return (
    <Guarded action="settings:manage">
      <PageHeader
        eyebrow={<Link href="/admin">Admin</Link>}
        title="LLM providers"
        description="The models agent tasks call, by name. Keys are stored encrypted (AES-256-GCM) and never shown again. The LLM stub answers from scripted conversations: it is for offline demos and tests, not a model."
      />
      <Suspense fallback={<p className="text-sm text-gray-500">Loading providers…</p>}>
        <Providers />
      </Suspense>
    </Guarded>
  );
}

async function Providers() {
  await connection();
  const providers = await listProviders(getDb());
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="providers-table">
          <thead className="bg-gray-50 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">Provider</th>
              <th scope="col" className="px-4 py-3">Kind</th>
              <th scope="col" className="px-4 py-3">Default model</th>
              <th scope="col" className="px-4 py-3">Key</th>
              <th scope="col" className="px-4 py-3">Price / 1M tokens</th>
              <th scope="col" className="px-4 py-3"></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {providers.map((p) => (
              <tr key={p.id} data-testid="provider-row">
                <td className="px-4 py-3 align-top">
                  <span className="font-mono font-medium text-gray-900">{p.name}</span>
                  {p.baseUrl && <span className="block font-mono text-xs text-gray-500">{p.baseUrl}</span>}
                </td>
                <td className="px-4 py-3 align-top text-gray-700">
                  {p.kind === 'stub' ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800" data-testid="stub-badge">{p.kindLabel}</span> : p.kindLabel}
                </td>
                <td className="px-4 py-3 align-top font-mono text-xs text-gray-700">{p.defaultModel}</td>
                <td className="px-4 py-3 align-top text-gray-700">{p.hasKey ? 'set (encrypted)' : 'none'}</td>
                <td className="px-4 py-3 align-top text-xs text-gray-700">{p.inputPricePerMTok !== null && p.outputPricePerMTok !== null ? `in ${p.inputPricePerMTok} · out ${p.outputPricePerMTok}` : 'not priced'}</td>
                <td className="px-4 py-3 align-top">
                  <ActionForm action={deleteProviderAction.bind(null, p.name)} submitLabel="Delete" tone="danger" />
                </td>
              </tr>
            ))}
            {providers.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-gray-500">
                  No providers yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="text-base font-semibold text-gray-900">Add or change a provider</h2>
        <p className="mt-1 text-xs text-gray-500">Saving a name that exists changes it; an empty key keeps the stored one.</p>
        <ActionForm action={saveProviderAction} submitLabel="Save provider" testId="provider-form" className="mt-3 space-y-3">
          <TextField label="Name (what tasks name)" name="name" required placeholder="openai" />
          <label className="block text-sm">
            <span className="font-medium text-gray-900">Kind</span>
            <select name="kind" className={INPUT} defaultValue="openai-compatible">
              {PROVIDER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {PROVIDER_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </label>
          <TextField label="Base URL" name="baseUrl" placeholder="http://127.0.0.1:11434/v1" />
          <TextField label="Default model" name="defaultModel" required placeholder="gpt-4o-mini" />
          <TextField label="API key" name="apiKey" type="password" autoComplete="off" hint="Stored encrypted; never shown again." />
          <label className="flex items-center gap-2 text-sm text-gray-900">
            <input type="checkbox" name="clearKey" /> Remove the stored key
          </label>
          <TextField label="Input price per 1M tokens" name="inputPricePerMTok" type="number" />
          <TextField label="Output price per 1M tokens" name="outputPricePerMTok" type="number" />
        </ActionForm>
      </section>
    </div>
  );
}
