'use client';
/**
 * The visual diff of two versions: the newer one drawn with what was added (green), removed
 * (red, dashed, from the older version's positions), changed (amber) and moved (blue), and a list
 * of the elements with their changed properties. Choosing one in the list shows it on the canvas.
 */
import './modeler.css';
import { useMemo, useState } from 'react';
import type { BpmnModel, JsonValue } from '@/lib/bpmn/model';
import { diffModels, diffOverlay, type DiffStatus } from '@/lib/bpmn/diff/diff-models';
import { BpmnDiagram } from '@/components/diagram/bpmn-diagram';

const STATUS_STYLE: Record<DiffStatus, string> = {
  added: 'bg-green-100 text-green-800',
  removed: 'bg-red-100 text-red-800',
  changed: 'bg-amber-100 text-amber-800',
  moved: 'bg-blue-100 text-blue-800',
};

function show(value: JsonValue | undefined): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function DiffView({ before, after, beforeLabel, afterLabel }: { before: BpmnModel; after: BpmnModel; beforeLabel: string; afterLabel: string }) {
  const diff = useMemo(() => diffModels(before, after), [before, after]);
  const overlay = useMemo(() => diffOverlay(before, after, diff), [before, after, diff]);
  const [focused, setFocused] = useState<string | undefined>(undefined);
  return (
    <div className="space-y-4" data-testid="diff-view">
      <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="diff-counts">
        <span className="text-gray-600">
          {beforeLabel} → {afterLabel}:
        </span>
        {(Object.keys(diff.counts) as DiffStatus[]).map((s) => (
          <span key={s} className={`rounded px-2 py-0.5 font-medium ${STATUS_STYLE[s]}`} data-testid={`diff-count-${s}`}>
            {diff.counts[s]} {s}
          </span>
        ))}
      </div>
      <div className="bpmn-diff">
        <BpmnDiagram model={overlay.model} elementClasses={overlay.classes} highlightedElementId={focused} onElementClick={setFocused} height="min(60vh, 640px)" />
      </div>
      {diff.elements.length === 0 ? (
        <p className="rounded border border-gray-200 bg-white p-4 text-sm text-gray-600" data-testid="diff-none">
          The two versions are the same.
        </p>
      ) : (
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="diff-list">
          {diff.elements.map((d) => (
            <li key={d.id} data-testid="diff-item" data-element-id={d.id} data-statuses={d.statuses.join(' ')}>
              <button type="button" className={`block w-full px-4 py-2 text-left hover:bg-blue-50 ${focused === d.id ? 'bg-blue-50' : ''}`} onClick={() => setFocused(d.id)}>
                <div className="flex flex-wrap items-center gap-2 text-xs">
                  {d.statuses.map((s) => (
                    <span key={s} className={`rounded px-1.5 py-0.5 font-medium ${STATUS_STYLE[s]}`}>
                      {s}
                    </span>
                  ))}
                  <span className="text-gray-500">{d.type}</span>
                  <span className="font-mono text-gray-800">{d.id}</span>
                  {d.name && <span className="text-gray-900">{d.name}</span>}
                </div>
                {d.changes.length > 0 && (
                  <table className="mt-1 w-full text-xs">
                    <tbody>
                      {d.changes.map((c) => (
                        <tr key={c.path} data-testid="diff-property">
                          <td className="w-1/3 py-0.5 pr-2 font-mono text-gray-600">{c.path}</td>
                          <td className="py-0.5 pr-2 text-red-700 line-through decoration-red-300">{show(c.before)}</td>
                          <td className="py-0.5 text-green-800">{show(c.after)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {d.bounds && (
                  <p className="mt-1 text-xs text-gray-500">
                    from ({d.bounds.before.x}, {d.bounds.before.y}) {d.bounds.before.width}×{d.bounds.before.height} to ({d.bounds.after.x}, {d.bounds.after.y}) {d.bounds.after.width}×{d.bounds.after.height}
                  </p>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
