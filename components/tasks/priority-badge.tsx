import { priorityBand } from './format';

const STYLES = {
  high: 'bg-red-50 text-red-700 ring-red-600/20',
  medium: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  low: 'bg-gray-50 text-gray-600 ring-gray-500/20',
} as const;

/** The task's priority (0..100) with its band: high ≥ 75, medium ≥ 40, low below. */
export function PriorityBadge({ priority }: { priority: number }) {
  const band = priorityBand(priority);
  return (
    <span className={`inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[band]}`} title={`Priority ${priority} of 100`}>
      {band === 'high' ? 'High' : band === 'medium' ? 'Medium' : 'Low'}
      <span className="font-normal opacity-70">{priority}</span>
    </span>
  );
}

/** The red mark of an open task past its due date. */
export function OverdueBadge({ label = 'Overdue' }: { label?: string }) {
  return (
    <span className="inline-flex items-center rounded-md bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="overdue-badge">
      {label}
    </span>
  );
}
