/**
 * Where a request came from, for the audit log: the client address (first `x-forwarded-for`
 * hop, else `x-real-ip`) and the user agent. Informational only — never used to decide access.
 */
import type { Origin } from '@/lib/auth/subject';

export function originOfHeaders(headers: Headers | undefined | null): Origin {
  if (!headers) return {};
  const ip = headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip')?.trim() || undefined;
  const userAgent = headers.get('user-agent') || undefined;
  return { ...(ip ? { ip: ip.slice(0, 100) } : {}), ...(userAgent ? { userAgent: userAgent.slice(0, 500) } : {}) };
}
