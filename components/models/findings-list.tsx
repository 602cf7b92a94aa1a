'use client';
import type { Finding } from '@/lib/bpmn/findings';
import { SeverityBadge } from './finding-counts-badge';
import { formatPosition } from './format';

/**
 * The validation findings of a draft, errors first. A finding that names an element is a
 * button: choosing it calls `onSelect` with the element id (the page highlights it).
 */
export function FindingsList({
  findings,
  selectedElementId,
  onSelect,
}: {
  findings: Finding[];
  selectedElementId?: string;
  onSelect: (elementId: string) => void;
}) {
  if (findings.length === 0) {
    return (
      <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-600" data-testid="findings-none">
        No findings: the draft imports cleanly and the engine can run every element.
      </p>
    );
  }
  const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
  return (
    <ul className="divide-y divide-gray-100 overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="findings-list">
      {ordered.map((f, i) => {
        const position = formatPosition(f.line, f.column);
        const body = (
          <>
            <div className="flex flex-wrap items-center gap-2 text-xs">
              <SeverityBadge severity={f.severity} />
              <span className="text-gray-500">{f.level === 'import' ? 'import' : 'execution'}</span>
              {f.elementId && <span className="font-mono text-gray-800">{f.elementId}</span>}
              {position && <span className="text-gray-500">{position}</span>}
            </div>
            <p className="mt-1 text-sm break-words text-gray-900">{f.message}</p>
          </>
        );
        const elementId = f.elementId;
        return (
          <li key={`${f.code}-${f.elementId ?? ''}-${i}`} data-testid="finding" data-severity={f.severity} data-element-id={elementId}>
            {elementId ? (
              <button
                type="button"
                onClick={() => onSelect(elementId)}
                aria-pressed={selectedElementId === elementId}
                title="Show this element in the diagram"
                className={`block w-full px-4 py-3 text-left hover:bg-blue-50 focus:outline-none focus-visible:bg-blue-50 ${
                  selectedElementId === elementId ? 'bg-blue-50' : ''
                }`}
              >
                {body}
              </button>
            ) : (
              <div className="px-4 py-3">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
