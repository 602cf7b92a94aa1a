/**
 * GET /api/metrics — Prometheus exposition (text format 0.0.4), lib/metrics/prometheus.ts.
 *
 * Access (checked before anything is read): `Authorization: Bearer <BATON_METRICS_TOKEN>` when
 * that variable is set (a scrape token that is no user's), or any caller `can()` allows
 * `metrics:read` — an API token or session with the admin or auditor role. 401 without valid
 * credentials, 403 for others.
 */
import { connection } from 'next/server';
import { authenticate, authorize, type AccessRule } from '@/lib/api/authorize';
import { AppError, errorResponse, UnauthorizedError } from '@/lib/api/errors';
import { routeDb } from '@/lib/api/route-db';
import { prometheusText } from '@/lib/metrics/prometheus';
import { hasScrapeToken } from '@/lib/metrics/scrape-token';

const accessRule = { action: 'metrics:read' } as const satisfies AccessRule;

async function handle(request: Request): Promise<Response> {
  await connection();
  try {
    const db = routeDb();
    if (!hasScrapeToken(request)) {
      const authenticated = await authenticate(request, db);
      if (!authenticated) throw new UnauthorizedError('Send an API token of an admin or auditor, or the BATON_METRICS_TOKEN, as a Bearer token.');
      authorize(authenticated.subject, accessRule);
    }
    const { contentType, text } = await prometheusText(db, new Date());
    return new Response(text, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[metrics] scrape failed:', error);
    return errorResponse(error);
  }
}

export const GET = Object.assign(handle, { accessRule });
