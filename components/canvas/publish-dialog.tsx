'use client';
/**
 * Publishing from the modeler: a changelog message, blocked with the findings while the draft
 * has errors (the server refuses too). The draft is saved first, then published.
 */
import Link from 'next/link';
import { useState } from 'react';
import type { Finding } from '@/lib/bpmn/findings';
import { FindingsList } from '@/components/models/findings-list';
import type { PublishDraftResult } from './action-results';
import { Dialog } from './dialog';

export function PublishDialog({
  findings,
  nextVersion,
  onClose,
  onPublish,
  onSelectFinding,
  versions,
  modelId,
}: {
  findings: Finding[];
  nextVersion: number;
  onClose: () => void;
  onPublish: (message: string) => Promise<PublishDraftResult>;
  onSelectFinding: (elementId: string) => void;
  versions: { number: number; message: string | null; publishedAt: string }[];
  modelId: string;
}) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PublishDraftResult | null>(null);
  const errors = findings.filter((f) => f.severity === 'error');
  const blocked = errors.length > 0;
  return (
    <Dialog title={`Publish version ${nextVersion}`} onClose={onClose} testId="publish-dialog" wide>
      {result?.status === 'published' || result?.status === 'unchanged' ? (
        <>
          <p className="text-sm text-gray-800" data-testid="publish-result">
            {result.status === 'published' ? `Published version ${result.version}.` : `Nothing changed since version ${result.version}; no new version was made.`}
          </p>
          <div className="flex justify-end gap-2">
            {versions.length > 0 && result.status === 'published' && (
              <Link className="rounded border border-gray-300 px-3 py-1 text-sm hover:bg-gray-50" href={`/models/${encodeURIComponent(modelId)}/diff?from=${result.version - 1}&to=${result.version}`} data-testid="publish-diff-link">
                Compare with version {result.version - 1}
              </Link>
            )}
            <button type="button" className="rounded bg-blue-600 px-3 py-1 text-sm text-white" onClick={() => (window.location.href = window.location.pathname)}>
              Done
            </button>
          </div>
        </>
      ) : (
        <>
          {blocked ? (
            <div className="space-y-2" data-testid="publish-blocked">
              <p className="text-sm text-red-800">
                The draft has {errors.length === 1 ? 'an error' : `${errors.length} errors`} the engine cannot run with. Fix {errors.length === 1 ? 'it' : 'them'} to publish:
              </p>
              <div className="max-h-64 overflow-y-auto">
                <FindingsList findings={errors} onSelect={onSelectFinding} />
              </div>
            </div>
          ) : (
            <label className="block space-y-1">
              <span className="text-xs font-medium text-gray-700">What changed (changelog)</span>
              <textarea className="w-full rounded border border-gray-300 p-2 text-sm" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} data-testid="publish-message" maxLength={2000} />
            </label>
          )}
          {result?.status === 'error' && (
            <div className="space-y-1 text-sm text-red-800" role="alert" data-testid="publish-error">
              <p>{result.message}</p>
              {result.findings.length > 0 && <FindingsList findings={result.findings} onSelect={onSelectFinding} />}
            </div>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className="rounded border border-gray-300 px-3 py-1 text-sm hover:bg-gray-50" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              disabled={blocked || busy}
              className="rounded bg-blue-600 px-3 py-1 text-sm font-medium text-white hover:bg-blue-700 disabled:bg-gray-300"
              data-testid="publish-confirm"
              onClick={async () => {
                setBusy(true);
                setResult(await onPublish(message));
                setBusy(false);
              }}
            >
              {busy ? 'Publishing…' : 'Publish'}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
