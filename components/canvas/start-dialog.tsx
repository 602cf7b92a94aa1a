'use client';
/**
 * Starting an instance of a published version from the modeler, with variables written as JSON
 * (checked as you type: a JSON object). The instance viewer is not built yet, so the result
 * links to the instance in the API.
 */
import { useState } from 'react';
import { z } from 'zod';
import { JsonValueSchema } from '@/lib/bpmn/model';
import type { StartInstanceResult } from './action-results';
import { Dialog } from './dialog';

const VariablesText = z.string().transform((text, ctx) => {
  if (text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `Not JSON: ${error instanceof Error ? error.message : 'invalid'}` });
    return z.NEVER;
  }
  const parsed = z.record(z.string(), JsonValueSchema).safeParse(raw);
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: 'The variables are a JSON object, e.g. {"amount": 120}' });
    return z.NEVER;
  }
  return parsed.data;
});

export function StartDialog({
  versions,
  onStart,
  onClose,
}: {
  versions: number[];
  onStart: (version: number, variablesJson: string) => Promise<StartInstanceResult>;
  onClose: () => void;
}) {
  const [version, setVersion] = useState(Math.max(...versions));
  const [text, setText] = useState('{\n  \n}');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StartInstanceResult | null>(null);
  const parsed = VariablesText.safeParse(text);
  const error = parsed.success ? undefined : parsed.error.issues[0]?.message;
  return (
    <Dialog title="Start an instance" onClose={onClose} testId="start-dialog">
      {result?.status === 'started' ? (
        <div className="space-y-2 text-sm" data-testid="start-result">
          <p>
            Started instance <span className="font-mono">{result.instanceId}</span> of version {result.version} ({result.instanceStatus}).
          </p>
          <p className="text-xs text-gray-500">The instance viewer is not built yet; the API shows the instance as it runs.</p>
          <div className="flex justify-end gap-2">
            <a className="rounded bg-blue-600 px-3 py-1 text-white" href={`/api/v1/instances/${encodeURIComponent(result.instanceId)}`} data-testid="start-instance-link">
              Open the instance
            </a>
            <button type="button" className="rounded border border-gray-300 px-3 py-1 hover:bg-gray-50" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      ) : (
        <>
          <label className="block space-y-1 text-sm">
            <span className="text-xs font-medium text-gray-700">Version</span>
            <select className="block rounded border border-gray-300 px-2 py-1" value={version} onChange={(e) => setVersion(Number(e.target.value))} data-testid="start-version">
              {[...versions].sort((a, b) => b - a).map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
            </select>
          </label>
          <label className="block space-y-1">
            <span className="text-xs font-medium text-gray-700">Variables (JSON object)</span>
            <textarea
              className={`w-full rounded border p-2 font-mono text-xs ${error ? 'border-red-500 bg-red-50' : 'border-gray-300'}`}
              rows={8}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="start-variables"
              aria-invalid={error ? true : undefined}
            />
            {error && (
              <span className="text-xs text-red-700" role="alert" data-testid="start-variables-error">
                {error}
              </span>
            )}
          </label>
          {result?.status === 'error' && (
            <p className="text-sm text-red-800" role="alert" data-testid="start-error">
              {result.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className="rounded border border-gray-300 px-3 py-1 text-sm hover:bg-gray-50" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              disabled={busy || error !== undefined}
              className="rounded bg-blue-600 px-3 py-1 text-sm font-medium text-white hover:bg-blue-700 disabled:bg-gray-300"
              data-testid="start-confirm"
              onClick={async () => {
                setBusy(true);
                setResult(await onStart(version, text));
                setBusy(false);
              }}
            >
              {busy ? 'Starting…' : 'Start'}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
