'use client';
/**
 * The version history from the modeler: open a version read-only, compare two versions on the
 * canvas, or restore one as the draft (one undo step; autosave saves it).
 */
import Link from 'next/link';
import { useState } from 'react';
import { Dialog } from './dialog';

export type VersionRow = { number: number; message: string | null; publishedAt: string };

export function VersionsDialog({
  modelId,
  versions,
  onRestore,
  onClose,
}: {
  modelId: string;
  versions: VersionRow[];
  onRestore: (number: number) => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState<number | null>(null);
  const base = `/models/${encodeURIComponent(modelId)}`;
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  return (
    <Dialog title="Versions" onClose={onClose} testId="versions-dialog" wide>
      {sorted.length === 0 ? (
        <p className="text-sm text-gray-600">Nothing is published yet.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-gray-500">
              <th className="py-1">Version</th>
              <th className="py-1">Changelog</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody>
            {sorted.map((v) => (
              <tr key={v.number} className="border-t border-gray-100 align-top" data-testid="version-row" data-version={v.number}>
                <td className="py-1.5 pr-2 font-mono">v{v.number}</td>
                <td className="py-1.5 pr-2 text-gray-700">
                  {v.message ?? <span className="text-gray-400">—</span>}
                  <div className="text-xs text-gray-400">{new Date(v.publishedAt).toLocaleString()}</div>
                </td>
                <td className="py-1.5 text-right whitespace-nowrap">
                  <Link className="mr-2 text-blue-700 hover:underline" href={`${base}/versions/${v.number}`} data-testid="version-open">
                    Open
                  </Link>
                  {v.number > 1 && (
                    <Link className="mr-2 text-blue-700 hover:underline" href={`${base}/diff?from=${v.number - 1}&to=${v.number}`} data-testid="version-diff">
                      Diff with v{v.number - 1}
                    </Link>
                  )}
                  <button
                    type="button"
                    className="text-blue-700 hover:underline disabled:text-gray-400"
                    disabled={busy !== null}
                    data-testid="version-restore"
                    onClick={async () => {
                      setBusy(v.number);
                      await onRestore(v.number);
                      setBusy(null);
                      onClose();
                    }}
                  >
                    {busy === v.number ? 'Restoring…' : 'Restore as draft'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="flex justify-end">
        <button type="button" className="rounded border border-gray-300 px-3 py-1 text-sm hover:bg-gray-50" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
