/**
 * GET /instances/<id>/export?format=json|csv — the instance's audit report as a download, for
 * the signed-in person who may read instances (`instance:read` through can()); 401 signed out,
 * 403 without the role, 404 for an unknown instance, 400 for another format.
 */
import { connection } from 'next/server';
import { can } from '@/lib/auth/can';
import { currentSubject } from '@/lib/auth/current-subject';
import { getDb } from '@/lib/db/client';
import { reportToCsv } from '@/lib/instances/report';
import { buildReport } from '../../_data/build-report';
import { loadInstance } from '../../_data/load-instance';

function error(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  await connection();
  const subject = await currentSubject();
  if (subject === null) return error(401, 'auth.unauthenticated', 'Sign in to export instance reports.');
  if (!can(subject, 'instance:read', { type: 'instance' })) return error(403, 'auth.forbidden', 'Not allowed: instance:read needs the role admin, operator or auditor.');
  const format = new URL(request.url).searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') return error(400, 'request.invalid', `Invalid query: format must be json or csv, not "${format}"`);
  const { id } = await context.params;
  const instance = await loadInstance(getDb(), id);
  if (instance === null) return error(404, 'instance.not-found', `process instance ${id} does not exist`);
  const report = buildReport(instance, new Date());
  const name = `instance-${id}-report.${format}`;
  const headers = { 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${name}"` };
  if (format === 'csv') return new Response(reportToCsv(report), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  return new Response(JSON.stringify(report, null, 2), { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}
