import { listAuditLog as listAuditLogEndpoint } from '@/lib/api/endpoints';
import { json, route } from '@/lib/api/route';
import { listAuditLog } from '@/lib/audit/list-audit-log';

export const GET = route(listAuditLogEndpoint, async ({ db, query }) => {
  const page = await listAuditLog(db, { ...query, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined });
  return json(200, { total: page.total, items: page.items.map((entry) => ({ ...entry, at: entry.at.toISOString() })) });
});
