'use client';
/**
 * "Import .bpmn": a file picker that sends the chosen file to the import action at once. On
 * success the action redirects to the new model; otherwise this shows why, with lines and
 * element ids, and — when the key is taken — offers the existing model or another key.
 */
import Link from 'next/link';
import { startTransition, useActionState, useRef, useState } from 'react';
import type { ImportState } from './action-states';
import { SeverityBadge } from './finding-counts-badge';
import { formatPosition } from './format';

export type ImportAction = (previous: ImportState, formData: FormData) => Promise<ImportState>;

const INITIAL: ImportState = { status: 'idle' };

export function ImportBpmn({ action }: { action: ImportAction }) {
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState('');

  function send(chosen: File, chosenKey: string) {
    const formData = new FormData();
    formData.set('file', chosen);
    if (chosenKey.trim() !== '') formData.set('key', chosenKey.trim());
    startTransition(() => dispatch(formData));
  }

  return (
    <div className="flex w-full max-w-xl flex-col items-end gap-3">
      <input
        ref={inputRef}
        type="file"
        accept=".bpmn,.xml,application/xml,text/xml"
        className="sr-only"
        aria-label="BPMN file to import"
        data-testid="import-bpmn-input"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          event.target.value = '';
          if (!chosen) return;
          setFile(chosen);
          setKey('');
          send(chosen, '');
        }}
      />
      <button
        type="button"
        onClick={() => inputRef.current?.click()}
        disabled={pending}
        className="inline-flex items-center gap-2 rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-wait disabled:opacity-70"
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
          <path d="M8 10.5V2.5M4.5 6 8 2.5 11.5 6M2.5 10.5v2a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1v-2" />
        </svg>
        {pending ? `Importing ${file?.name ?? ''}…` : 'Import .bpmn'}
      </button>

      {state.status === 'error' && !pending && (
        <div role="alert" className="w-full rounded-lg border border-red-200 bg-red-50 p-4 text-sm" data-testid="import-error">
          <p className="font-medium text-red-800">
            {state.fileName ? `${state.fileName} was not imported.` : 'Nothing was imported.'}
          </p>
          <p className="mt-1 break-words text-red-800">{state.message}</p>
          {state.findings.length > 0 && (
            <ul className="mt-3 space-y-2" data-testid="import-findings">
              {state.findings.map((f, i) => (
                <li key={`${f.code}-${i}`} className="rounded border border-red-100 bg-white p-2">
                  <div className="flex flex-wrap items-center gap-2 text-xs text-gray-600">
                    <SeverityBadge severity={f.severity} />
                    {formatPosition(f.line, f.column) && <span className="font-medium text-gray-800">{formatPosition(f.line, f.column)}</span>}
                    {f.elementId && <span className="font-mono text-gray-800">{f.elementId}</span>}
                    <span className="font-mono text-gray-400">{f.code}</span>
                  </div>
                  <p className="mt-1 break-words text-gray-900">{f.message}</p>
                </li>
              ))}
            </ul>
          )}
          {state.keyTaken && (
            <div className="mt-3 space-y-2 text-gray-800">
              {state.keyTaken.modelId && (
                <p>
                  <Link href={`/models/${encodeURIComponent(state.keyTaken.modelId)}`} className="font-medium text-blue-700 underline" data-testid="open-existing-model">
                    Open the existing model
                  </Link>{' '}
                  or import this file as another model:
                </p>
              )}
              {file && (
                <form
                  className="flex flex-wrap items-center gap-2"
                  onSubmit={(event) => {
                    event.preventDefault();
                    send(file, key);
                  }}
                >
                  <label className="sr-only" htmlFor="import-key">
                    Key of the new model
                  </label>
                  <input
                    id="import-key"
                    value={key}
                    onChange={(event) => setKey(event.target.value)}
                    placeholder={`${state.keyTaken.key}-2`}
                    className="min-w-0 flex-1 rounded-md border border-gray-300 bg-white px-2 py-1.5 font-mono text-sm"
                    data-testid="import-key"
                    required
                  />
                  <button type="submit" className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-gray-50">
                    Import with this key
                  </button>
                </form>
              )}
            </div>
          )}
          <p className="mt-3 text-xs text-red-700">Nothing was saved.</p>
        </div>
      )}
    </div>
  );
}
