'use client';
/**
 * Shown when a save was refused because someone saved the draft in between (409): nothing was
 * overwritten. The person chooses: load their version (my unsaved edits are dropped — download
 * them first if wanted), or save mine over theirs.
 */
import { useState } from 'react';
import type { BpmnModel } from '@/lib/bpmn/model';
import { Dialog } from './dialog';
import { download } from './download';

export function ConflictDialog({
  message,
  model,
  modelKey,
  onReload,
  onOverwrite,
}: {
  message: string;
  model: BpmnModel;
  modelKey: string;
  onReload: () => Promise<void>;
  onOverwrite: () => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title="Someone else saved this model" testId="conflict-dialog">
      <p className="text-sm text-gray-700">
        Your latest changes were <strong>not saved</strong>: the draft was changed elsewhere (another tab or person) since you loaded it.
      </p>
      <p className="text-xs text-gray-500">{message}</p>
      <div className="flex flex-wrap justify-end gap-2 pt-2">
        <button
          type="button"
          className="rounded border border-gray-300 px-3 py-1 text-sm hover:bg-gray-50"
          onClick={async () => {
            const { exportBpmn } = await import('@/lib/bpmn/xml/export-bpmn');
            download(`${modelKey}-my-changes.bpmn`, await exportBpmn(model), 'application/xml');
          }}
          data-testid="conflict-download"
        >
          Download my version
        </button>
        <button
          type="button"
          disabled={busy}
          className="rounded border border-gray-300 px-3 py-1 text-sm hover:bg-gray-50"
          data-testid="conflict-reload"
          onClick={async () => {
            setBusy(true);
            await onReload();
            setBusy(false);
          }}
        >
          Load their version
        </button>
        <button type="button" className="rounded bg-red-600 px-3 py-1 text-sm font-medium text-white hover:bg-red-700" data-testid="conflict-overwrite" onClick={onOverwrite}>
          Keep mine (overwrite theirs)
        </button>
      </div>
    </Dialog>
  );
}
