'use client';
/**
 * Claim, unclaim, assign and delegate: each a small form posting to its server action, which
 * checks again what the buttons suggest (the buttons only reflect what the server said).
 */
import { useActionState } from 'react';
import type { TaskAction, TaskActionState } from './action-states';

const button = 'rounded-md px-3 py-1.5 text-sm font-medium shadow-xs disabled:cursor-not-allowed disabled:opacity-50';

function Message({ state, testId }: { state: TaskActionState; testId: string }) {
  if (state.status === 'idle') return null;
  return (
    <p role={state.status === 'error' ? 'alert' : 'status'} className={`mt-2 text-sm ${state.status === 'error' ? 'text-red-700' : 'text-emerald-700'}`} data-testid={testId}>
      {state.message}
    </p>
  );
}

export function ClaimButton({ taskId, action, label = 'Claim', primary = true }: { taskId: string; action: TaskAction; label?: string; primary?: boolean }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="inline-flex flex-col items-end">
      <input type="hidden" name="taskId" value={taskId} />
      <button
        type="submit"
        disabled={pending}
        className={`${button} ${primary ? 'bg-blue-600 text-white hover:bg-blue-700' : 'border border-gray-300 bg-white text-gray-800 hover:bg-gray-50'}`}
        data-testid={`${label.toLowerCase()}-task`}
      >
        {pending ? `${label}…` : label}
      </button>
      <Message state={state} testId={`${label.toLowerCase()}-message`} />
    </form>
  );
}

/** Hand the task to a person: `assign` (a decision of whoever may assign) or `delegate` (the assignee passes it on). */
export function HandOverForm({ taskId, action, kind }: { taskId: string; action: TaskAction; kind: 'assign' | 'delegate' }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} data-testid={`${kind}-form`}>
      <input type="hidden" name="taskId" value={taskId} />
      <label htmlFor={`${kind}-to`} className="mb-1 block text-xs font-medium text-gray-600">
        {kind === 'assign' ? 'Assign to' : 'Delegate to'}
      </label>
      <div className="flex gap-2">
        <input
          id={`${kind}-to`}
          name="to"
          type="text"
          required
          autoComplete="off"
          placeholder={kind === 'assign' ? 'a candidate’s e-mail' : 'anyone’s e-mail'}
          className="min-w-0 flex-1 rounded-md border border-gray-300 bg-white px-2.5 py-1.5 text-sm focus:border-blue-500 focus:ring-1 focus:ring-blue-500 focus:outline-none"
        />
        <button type="submit" disabled={pending} className={`${button} border border-gray-300 bg-white text-gray-800 hover:bg-gray-50`}>
          {kind === 'assign' ? 'Assign' : 'Delegate'}
        </button>
      </div>
      <Message state={state} testId={`${kind}-message`} />
    </form>
  );
}
