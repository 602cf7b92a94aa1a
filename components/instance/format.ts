/** Small display helpers of the instance pages. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'UTC' }) + ' UTC';
}

export function formatClock(iso: string): string {
  const d = new Date(iso);
  return `${d.toISOString().slice(11, 23)}`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

const STATUS_STYLE: Record<string, string> = {
  active: 'bg-blue-50 text-blue-700 ring-blue-600/20',
  suspended: 'bg-amber-50 text-amber-800 ring-amber-600/30',
  completed: 'bg-green-50 text-green-700 ring-green-600/20',
  cancelled: 'bg-gray-100 text-gray-700 ring-gray-500/20',
  incident: 'bg-red-50 text-red-700 ring-red-600/20',
};

export function statusClass(status: string): string {
  return `inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status] ?? STATUS_STYLE.cancelled}`;
}

/** A duration for people: 850 ms, 42.0 s, 12.5 min, 3.2 h, 2.1 d. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}
