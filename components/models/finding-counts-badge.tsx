/** Error and warning counts of a draft as small badges; a calm "No findings" when there are none. */
export function FindingCountsBadge({ errors, warnings }: { errors: number; warnings: number }) {
  if (errors === 0 && warnings === 0) {
    return <span className="inline-flex items-center whitespace-nowrap rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200 ring-inset">No findings</span>;
  }
  return (
    <span className="inline-flex items-center gap-1" data-testid="finding-counts">
      {errors > 0 && (
        <span className="inline-flex items-center whitespace-nowrap rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset">
          {errors} {errors === 1 ? 'error' : 'errors'}
        </span>
      )}
      {warnings > 0 && (
        <span className="inline-flex items-center whitespace-nowrap rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">
          {warnings} {warnings === 1 ? 'warning' : 'warnings'}
        </span>
      )}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: 'error' | 'warning' }) {
  return severity === 'error' ? (
    <span className="inline-flex items-center rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset">error</span>
  ) : (
    <span className="inline-flex items-center rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">warning</span>
  );
}
