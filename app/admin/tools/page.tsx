import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ActionForm } from '@/components/admin/action-form';
import { TextField } from '@/components/admin/fields';
import { PageHeader } from '@/components/ui/page-header';
import { listTools } from '@/lib/agents/tool-registry';
import type { ToolDefinition } from '@/lib/agents/tool-definition';
import { getDb } from '@/lib/db/client';
import { Guarded } from '../../_auth/guarded';
import { deleteToolAction, saveToolAction } from './actions';

export const metadata: Metadata = { title: 'Agent tools' };

const INPUT = 'mt-1 block w-full rounded-md border border-gray-300 px-3 py-1.5 text-sm shadow-xs focus:border-blue-600 focus:outline-none';

export default function ToolsPage() {
  return (
    <Guarded action="tool:manage">
      <PageHeader
        eyebrow={<Link href="/admin">Admin</Link>}
        title="Agent tools"
        description="What agent tasks may call, and the guardrails checked before every call: allowed roles, data scope (only these arguments and variables reach the tool), a token cap on results, and approval by a person."
      />
      <Suspense fallback={<p className="text-sm text-gray-500">Loading tools…</p>}>
        <Tools />
      </Suspense>
    </Guarded>
  );
}

function implementationOf(tool: ToolDefinition): string {
  const impl = tool.implementation;
  if (impl.kind === 'http') return `HTTP ${impl.method} ${impl.url}`;
  if (impl.kind === 'process') return `process ${impl.processKey} (waits for its result)`;
  return `human approval by ${impl.candidateGroups.join(', ')}`;
}

async function Tools() {
  await connection();
  const tools = await listTools(getDb());
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="tools-table">
          <thead className="bg-gray-50 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">Tool</th>
              <th scope="col" className="px-4 py-3">Implementation</th>
              <th scope="col" className="px-4 py-3">Guardrails</th>
              <th scope="col" className="px-4 py-3"></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {tools.map((tool) => (
              <tr key={tool.id} data-testid="tool-row">
                <td className="px-4 py-3 align-top">
                  <span className="font-mono font-medium text-gray-900">{tool.name}</span>
                  <span className="block text-xs text-gray-600">{tool.description}</span>
                </td>
                <td className="px-4 py-3 align-top text-gray-700">{implementationOf(tool)}</td>
                <td className="px-4 py-3 align-top text-xs text-gray-700">
                  <span className="block">roles: {tool.guardrails.allowedRoles.join(', ') || 'any'}</span>
                  <span className="block">data scope: {tool.guardrails.dataScope?.join(', ') ?? 'arguments as given'}</span>
                  {tool.guardrails.maxTokens !== undefined && <span className="block">max tokens: {tool.guardrails.maxTokens}</span>}
                  {tool.guardrails.needsApproval && <span className="block font-medium text-amber-700">needs approval ({tool.guardrails.approverGroups.join(', ') || 'compliance'})</span>}
                </td>
                <td className="px-4 py-3 align-top">
                  <ActionForm action={deleteToolAction.bind(null, tool.name)} submitLabel="Delete" tone="danger" testId="delete-tool-form" />
                </td>
              </tr>
            ))}
            {tools.length === 0 && (
              <tr>
                <td colSpan={4} className="px-4 py-6 text-center text-gray-500">
                  No tools yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="text-base font-semibold text-gray-900">Add or replace a tool</h2>
        <p className="mt-1 text-xs text-gray-500">Saving a name that exists replaces that tool.</p>
        <ActionForm action={saveToolAction} submitLabel="Save tool" testId="tool-form" className="mt-3 space-y-3">
          <TextField label="Name" name="name" required placeholder="customer_history" />
          <TextField label="Description (the model reads it)" name="description" required />
          <label className="block text-sm">
            <span className="font-medium text-gray-900">Input schema (JSON schema)</span>
            <textarea name="inputSchema" rows={4} className={`${INPUT} font-mono`} defaultValue={'{"type":"object","properties":{}}'} />
          </label>
          <label className="block text-sm">
            <span className="font-medium text-gray-900">Implementation</span>
            <select name="kind" className={INPUT} defaultValue="http">
              <option value="http">HTTP call</option>
              <option value="process">Call a published process</option>
              <option value="approval">Human approval (inbox task)</option>
            </select>
          </label>
          <TextField label="HTTP method" name="method" placeholder="POST" />
          <TextField label="HTTP URL (FEEL template over input)" name="url" placeholder="https://api.example.com/history" />
          <TextField label="Process key (process tools)" name="processKey" />
          <TextField label="Approver groups (approval tools)" name="candidateGroups" placeholder="compliance" />
          <TextField label="Allowed roles or groups (comma-separated; empty: any)" name="allowedRoles" placeholder="analyst" />
          <TextField label="Data scope (names the tool may receive; empty: the arguments)" name="dataScope" placeholder="customerId" />
          <TextField label="Max tokens of a result" name="maxTokens" type="number" />
          <label className="flex items-center gap-2 text-sm text-gray-900">
            <input type="checkbox" name="needsApproval" /> Needs approval (each call held as an inbox task)
          </label>
          <TextField label="Who approves held calls (groups)" name="approverGroups" placeholder="compliance" />
        </ActionForm>
      </section>
    </div>
  );
}
