/**
 * Browsing the audit log, newest first, with filters. Read-only; callers authorise first
 * (`audit-log:read`: admins and auditors).
 *
 * Contract: every filter is optional and an absent one filters nothing — the where clause is
 * built from the filters given, never from `undefined` values. `actor` matches part of the
 * actor's label (an e-mail, a token name), `action` matches an action exactly or, ending in
 * `.`/`*`, every action of a resource (`user.*`).
 */
import { z } from 'zod';
import { JsonValueSchema, type JsonValue } from '@/lib/bpmn/model';
import type { Prisma } from '@/lib/db/generated/sqlite/client';
import type { Db } from '@/lib/db/client';

/** A time bound: a Date, an ISO timestamp, or a day (`2026-03-02`, UTC; as `to`, the whole day counts). */
function timeBound(end: boolean) {
  return z.union([z.date(), z.string().trim()]).transform((value, ctx) => {
    if (value instanceof Date) return value;
    const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const date = new Date(dayOnly ? `${value}T00:00:00.000Z` : value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'a date (2026-03-02) or an ISO timestamp' });
      return z.NEVER;
    }
    return dayOnly && end ? new Date(date.getTime() + 86_400_000 - 1) : date;
  });
}

export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(320).optional(),
  action: z.string().trim().max(100).optional(),
  resourceType: z.string().trim().max(50).optional(),
  resourceId: z.string().trim().max(200).optional(),
  from: timeBound(false).optional(),
  to: timeBound(true).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.output<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.date(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), JsonValueSchema),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const DetailsSchema = z.record(z.string(), JsonValueSchema);

function parseDetails(json: string): { [key: string]: JsonValue } {
  try {
    const parsed = DetailsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : { unparsed: json };
  } catch {
    return { unparsed: json };
  }
}

export function auditWhere(query: Omit<AuditQuery, 'limit' | 'offset'>): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput[] = [];
  if (query.actor) where.push({ actorLabel: { contains: query.actor } });
  if (query.action) {
    const prefix = /[.*]$/.test(query.action) ? query.action.replace(/\*$/, '').replace(/\.?$/, '.') : null;
    where.push(prefix ? { action: { startsWith: prefix } } : { action: query.action });
  }
  if (query.resourceType) where.push({ resourceType: query.resourceType });
  if (query.resourceId) where.push({ resourceId: query.resourceId });
  if (query.from) where.push({ at: { gte: query.from } });
  if (query.to) where.push({ at: { lte: query.to } });
  return where.length > 0 ? { AND: where } : {};
}

export async function listAuditLog(db: Db, query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  const where = auditWhere(query);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: query.limit, skip: query.offset }),
    db.auditLog.count({ where }),
  ]);
  return { items: rows.map((row) => ({ ...row, details: parseDetails(row.details) })), total };
}

/** The distinct actions in the log, for a filter's choices. */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } });
  return rows.map((r) => r.action);
}
