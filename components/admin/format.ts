/** Dates on the admin pages: UTC, minutes, the same on server and client. */
export function formatWhen(date: Date | null | undefined): string {
  if (!date) return '—';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
