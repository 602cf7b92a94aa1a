'use client';
import { useActionState, type ReactNode } from 'react';
import type { AdminAction, AdminActionState } from './action-state';

const INITIAL: AdminActionState = { status: 'idle' };

/**
 * A form posting to an admin server action, showing what it answered: a confirmation, the
 * error, or a new API token's secret (once; it is not stored anywhere readable).
 */
export function ActionForm({
  action,
  submitLabel,
  children,
  testId,
  tone = 'primary',
  className = 'space-y-3',
}: {
  action: AdminAction;
  submitLabel: string;
  children?: ReactNode;
  testId?: string;
  tone?: 'primary' | 'secondary' | 'danger';
  className?: string;
}) {
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const button =
    tone === 'danger'
      ? 'border border-red-300 bg-white text-red-700 hover:bg-red-50'
      : tone === 'secondary'
        ? 'border border-gray-300 bg-white text-gray-800 hover:bg-gray-50'
        : 'bg-blue-700 text-white hover:bg-blue-800';
  return (
    <form action={dispatch} className={className} data-testid={testId}>
      {children}
      <div>
        <button type="submit" disabled={pending} className={`rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-60 ${button}`}>
          {pending ? 'Working…' : submitLabel}
        </button>
      </div>
      <div aria-live="polite">
        {state.status === 'done' && <p className="text-sm text-emerald-700">{state.message}</p>}
        {state.status === 'error' && (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        )}
        {state.status === 'token-created' && (
          <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm" data-testid="token-secret-box">
            <p className="font-medium text-gray-900">Token “{state.name}” created. Copy it now: it is shown only this once.</p>
            <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-gray-900" data-testid="token-secret">
              {state.secret}
            </code>
            <p className="mt-2 text-gray-700">
              Send it as <span className="font-mono">Authorization: Bearer …</span> to <span className="font-mono">/api/v1</span>.
            </p>
          </div>
        )}
      </div>
    </form>
  );
}
