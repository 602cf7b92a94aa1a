'use server';
/**
 * Server actions of the tool registry page: authorise (`tool:manage`), turn the form into a
 * tool (lib/agents/tool-definition.ts parses it), save through the registry (audited), refresh.
 */
import { refresh } from 'next/cache';
import type { AdminActionState } from '@/components/admin/action-state';
import { AppError } from '@/lib/api/errors';
import { createTool, deleteTool, updateTool } from '@/lib/agents/tool-registry';
import { requireAction } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === 'string' ? value.trim() : '';
};
const names = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

function failed(error: unknown): AdminActionState {
  if (error instanceof AppError) return { status: 'error', message: error.message };
  if (error instanceof SyntaxError) return { status: 'error', message: `input schema: not JSON (${error.message})` };
  console.error('A tool action failed', error);
  return { status: 'error', message: 'Something went wrong on our side; nothing was changed.' };
}

/** The form's fields as the registry's input (the registry parses and names what is wrong). */
function toolFromForm(formData: FormData) {
  const kind = text(formData, 'kind');
  const implementation =
    kind === 'process'
      ? { kind, processKey: text(formData, 'processKey') }
      : kind === 'approval'
        ? { kind, candidateGroups: names(text(formData, 'candidateGroups')) }
        : { kind: 'http', method: text(formData, 'method') || 'POST', url: text(formData, 'url') };
  const scope = text(formData, 'dataScope');
  const maxTokens = text(formData, 'maxTokens');
  return {
    name: text(formData, 'name'),
    description: text(formData, 'description'),
    inputSchema: JSON.parse(text(formData, 'inputSchema') || '{"type":"object"}') as unknown,
    implementation,
    guardrails: {
      allowedRoles: names(text(formData, 'allowedRoles')),
      ...(scope === '' ? {} : { dataScope: names(scope) }),
      ...(maxTokens === '' ? {} : { maxTokens: Number(maxTokens) }),
      needsApproval: formData.get('needsApproval') === 'on',
      approverGroups: names(text(formData, 'approverGroups')),
    },
    enabled: true,
  };
}

export async function saveToolAction(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('tool:manage');
    const db = getDb();
    const input = toolFromForm(formData);
    const exists = (await db.tool.findUnique({ where: { name: input.name } })) !== null;
    const tool = exists ? await updateTool({ db, actor, name: input.name, input }) : await createTool({ db, actor, input });
    refresh();
    return { status: 'done', message: `${exists ? 'Updated' : 'Created'} tool ${tool.name}.` };
  } catch (error) {
    return failed(error);
  }
}

export async function deleteToolAction(name: string, _previous: AdminActionState, _formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('tool:manage');
    await deleteTool({ db: getDb(), actor, name });
    refresh();
    return { status: 'done', message: `Deleted tool ${name}.` };
  } catch (error) {
    return failed(error);
  }
}
