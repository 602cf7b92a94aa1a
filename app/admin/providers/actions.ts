'use server';
/**
 * Server actions of the providers page: authorise (`settings:manage`), save through
 * lib/agents/providers.ts (the key is sealed there and never comes back), refresh.
 */
import { refresh } from 'next/cache';
import type { AdminActionState } from '@/components/admin/action-state';
import { AppError } from '@/lib/api/errors';
import { deleteProvider, saveProvider } from '@/lib/agents/providers';
import { requireAction } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === 'string' ? value.trim() : '';
};
const price = (value: string) => (value === '' ? null : Number(value));

function failed(error: unknown): AdminActionState {
  if (error instanceof AppError) return { status: 'error', message: error.message };
  console.error('A provider action failed', error);
  return { status: 'error', message: 'Something went wrong on our side; nothing was changed.' };
}

export async function saveProviderAction(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('settings:manage');
    const apiKey = text(formData, 'apiKey');
    const provider = await saveProvider({
      db: getDb(),
      actor,
      input: {
        name: text(formData, 'name'),
        kind: text(formData, 'kind'),
        baseUrl: text(formData, 'baseUrl') || null,
        defaultModel: text(formData, 'defaultModel'),
        ...(apiKey === '' ? (formData.get('clearKey') === 'on' ? { apiKey: '' } : {}) : { apiKey }),
        inputPricePerMTok: price(text(formData, 'inputPricePerMTok')),
        outputPricePerMTok: price(text(formData, 'outputPricePerMTok')),
      },
    });
    refresh();
    return { status: 'done', message: `Saved provider ${provider.name}.` };
  } catch (error) {
    return failed(error);
  }
}

export async function deleteProviderAction(name: string, _previous: AdminActionState, _formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('settings:manage');
    await deleteProvider({ db: getDb(), actor, name });
    refresh();
    return { status: 'done', message: `Deleted provider ${name}.` };
  } catch (error) {
    return failed(error);
  }
}
