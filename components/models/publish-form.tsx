'use client';
import { useActionState } from 'react';
import type { PublishState } from './action-states';

export type PublishAction = (previous: PublishState, formData: FormData) => Promise<PublishState>;

const INITIAL: PublishState = { status: 'idle' };

/** Publishes the draft as the next version, with a changelog message; disabled (and says why) while `blockedReason` is set. */
export function PublishForm({ action, nextVersion, blockedReason }: { action: PublishAction; nextVersion: number; blockedReason?: string }) {
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const blocked = blockedReason !== undefined;
  return (
    <form action={dispatch} className="space-y-3 rounded-lg border border-gray-200 bg-white p-4" data-testid="publish-form">
      <label htmlFor="publish-message" className="block text-sm font-medium text-gray-900">
        Changelog message
      </label>
      <textarea
        id="publish-message"
        name="message"
        rows={3}
        maxLength={2000}
        disabled={blocked || pending}
        placeholder="What changed in this version?"
        className="block w-full rounded-md border border-gray-300 px-3 py-2 text-sm shadow-xs focus:border-blue-600 focus:ring-1 focus:ring-blue-600 focus:outline-none disabled:bg-gray-50"
      />
      {blocked && (
        <p className="text-sm text-red-700" data-testid="publish-blocked">
          {blockedReason}
        </p>
      )}
      <button
        type="submit"
        disabled={blocked || pending}
        className="inline-flex items-center rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-gray-300 disabled:text-gray-600"
      >
        {pending ? 'Publishing…' : `Publish version ${nextVersion}`}
      </button>
      <div aria-live="polite">
        {state.status === 'published' && <p className="text-sm text-emerald-700">Published version {state.version}.</p>}
        {state.status === 'unchanged' && (
          <p className="text-sm text-gray-700">Nothing changed since version {state.version}, so no new version was created.</p>
        )}
        {state.status === 'error' && (
          <div role="alert" className="text-sm text-red-700">
            <p>{state.message}</p>
            {state.findings.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {state.findings
                  .filter((f) => f.severity === 'error')
                  .map((f, i) => (
                    <li key={`${f.code}-${i}`}>
                      {f.elementId && <span className="font-mono">{f.elementId}: </span>}
                      {f.message}
                    </li>
                  ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
