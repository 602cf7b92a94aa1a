/** Display formats shared by the models pages (server and client render the same text). */

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "21 Nov 2026, 10:02 UTC" from an ISO timestamp. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${DATE_TIME.format(date)} UTC`;
}

/** The first characters of a checksum, enough to tell versions apart. */
export function checksumPrefix(checksum: string): string {
  return checksum.slice(0, 12);
}

/** "line 4, column 7" (or less) for a finding's position; empty when unknown. */
export function formatPosition(line?: number, column?: number): string {
  if (!line) return '';
  return column ? `line ${line}, column ${column}` : `line ${line}`;
}
