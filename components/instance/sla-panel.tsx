/** The SLA breaches of the instance at the shown position (shown when its model sets targets). */
import type { InstanceSlaBreach } from '@/lib/instances/sla';
import { formatDuration, formatTime } from './format';

export function SlaPanel({ breaches, elementNames }: { breaches: readonly InstanceSlaBreach[]; elementNames: Readonly<Record<string, string>> }) {
  return (
    <section className="rounded-lg border border-gray-200 bg-white" aria-label="SLA" data-testid="sla-panel">
      <h2 className="flex items-center justify-between border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        SLA
        <span className={breaches.length > 0 ? 'rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700' : 'text-xs font-normal text-gray-500'} data-testid="sla-count">
          {breaches.length === 0 ? 'no breach' : `${breaches.length} ${breaches.length === 1 ? 'breach' : 'breaches'}`}
        </span>
      </h2>
      {breaches.length > 0 && (
        <ul className="divide-y divide-gray-100">
          {breaches.map((b) => (
            <li key={`${b.elementId ?? ''}-${b.at}`} className="px-4 py-2 text-xs" data-testid="sla-breach" data-element={b.elementId ?? ''}>
              <div className="font-medium text-gray-900">{b.elementId === null ? 'The whole instance' : (elementNames[b.elementId] ?? b.elementId)}</div>
              <div className="text-gray-600">
                took <span className="font-medium text-red-700">{formatDuration(b.durationMs)}</span> against a target of {formatDuration(b.targetMs)} · {formatTime(b.at)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
