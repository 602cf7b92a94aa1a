import { timingSafeEqual } from 'node:crypto';

/** True when the request carries BATON_METRICS_TOKEN (compared in constant time). */
export function hasScrapeToken(request: Request, expected = process.env.BATON_METRICS_TOKEN): boolean {
  if (!expected) return false;
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1].trim());
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
