/**
 * GET /dashboard/export?table=processes&from=2026-01-01&to=2026-01-31[&process=key&version=2]
 * The dashboard's tables as CSV downloads. Access: `dashboard:read` (session or API token),
 * checked through can() before the query is read; a bad query is 400 naming the field.
 */
import { connection } from 'next/server';
import { authenticate, authorize, type AccessRule } from '@/lib/api/authorize';
import { AppError, BadRequestError, errorResponse, UnauthorizedError } from '@/lib/api/errors';
import { routeDb } from '@/lib/api/route-db';
import { exportTable, ExportQuerySchema } from '@/lib/metrics/export-tables';

const accessRule = { action: 'dashboard:read' } as const satisfies AccessRule;

async function handle(request: Request): Promise<Response> {
  await connection();
  try {
    const db = routeDb();
    const authenticated = await authenticate(request, db);
    if (!authenticated) throw new UnauthorizedError();
    authorize(authenticated.subject, accessRule);
    const parsed = ExportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ in: 'query' as const, path: i.path.join('.'), message: i.message }));
      throw new BadRequestError('request.invalid', `Invalid query: ${issues.map((i) => `${i.path || 'query'}: ${i.message}`).join('; ')}`, { issues });
    }
    const { table, ...filter } = parsed.data;
    if (table === 'elements' && filter.process === undefined) {
      throw new BadRequestError('request.invalid', 'Invalid query: process: the elements table needs a process', { issues: [{ in: 'query', path: 'process', message: 'required for table=elements' }] });
    }
    const csv = await exportTable(db, table, filter, new Date());
    const name = `baton-${table}${filter.process ? `-${filter.process.replace(/[^A-Za-z0-9_-]/g, '_')}` : ''}-${filter.from}-to-${filter.to}.csv`;
    return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[dashboard] export failed:', error);
    return errorResponse(error);
  }
}

export const GET = Object.assign(handle, { accessRule });
