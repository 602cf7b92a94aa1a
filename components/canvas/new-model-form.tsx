'use client';
/** The form of /models/new: name and optional key; the action creates the model and opens the modeler. */
import { useActionState } from 'react';
import type { CreateModelState } from './action-results';

export function NewModelForm({ action }: { action: (previous: CreateModelState, formData: FormData) => Promise<CreateModelState> }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="space-y-4 rounded-lg border border-gray-200 bg-white p-5" data-testid="new-model-form">
      <label className="block space-y-1">
        <span className="text-sm font-medium text-gray-800">Name</span>
        <input name="name" required maxLength={200} className="w-full rounded border border-gray-300 px-3 py-1.5 text-sm" placeholder="Expense approval" data-testid="new-model-name" />
      </label>
      <label className="block space-y-1">
        <span className="text-sm font-medium text-gray-800">Key (optional)</span>
        <input name="key" maxLength={64} className="w-full rounded border border-gray-300 px-3 py-1.5 font-mono text-sm" placeholder="expense-approval" data-testid="new-model-key" />
        <span className="block text-xs text-gray-500">Instances and call activities address the process by its key; by default it is made from the name.</span>
      </label>
      {state.status === 'error' && (
        <p className="text-sm text-red-700" role="alert" data-testid="new-model-error">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded bg-blue-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:bg-gray-300" data-testid="new-model-submit">
        {pending ? 'Creating…' : 'Create and open the modeler'}
      </button>
    </form>
  );
}
