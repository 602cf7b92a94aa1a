/** Display formats of the task pages (server and client render the same text). */
export { formatDateTime } from '@/components/models/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 min", "5 h", "2 d": a span of time, rounded to what people read. */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return `${Math.max(1, Math.round(abs / MINUTE))} min`;
  if (abs < 2 * DAY) return `${Math.round(abs / HOUR)} h`;
  return `${Math.round(abs / DAY)} d`;
}

/** "overdue by 2 h" or "in 3 d", relative to `now`. */
export function formatDue(dueAt: string, now: Date): string {
  const ms = new Date(dueAt).getTime() - now.getTime();
  return ms < 0 ? `overdue by ${formatSpan(ms)}` : `in ${formatSpan(ms)}`;
}

/** "5 min ago". */
export function formatAgo(at: string, now: Date): string {
  return `${formatSpan(now.getTime() - new Date(at).getTime())} ago`;
}

export function priorityBand(priority: number): 'high' | 'medium' | 'low' {
  return priority >= 75 ? 'high' : priority >= 40 ? 'medium' : 'low';
}
