import { statusClass } from './format';

export function StatusBadge({ status, incidents = 0 }: { status: string; incidents?: number }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className={statusClass(status)} data-testid="instance-status">
        {status}
      </span>
      {incidents > 0 && <span className={statusClass('incident')}>{incidents} incident{incidents === 1 ? '' : 's'}</span>}
    </span>
  );
}
