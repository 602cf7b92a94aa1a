import 'server-only';
/**
 * The instances list of /instances: filters from the URL, newest first, cursor pages. Like the
 * runtime's listInstances (lib/engine/runtime/list-instances.ts), plus the filter "element
 * currently active" (the instance's state snapshot names the element) and display labels.
 */
import { z } from 'zod';
import type { Db } from '@/lib/db/client';

export const InstanceFiltersSchema = z.object({
  process: z.string().trim().min(1).optional().catch(undefined),
  version: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(['active', 'suspended', 'completed', 'cancelled']).optional().catch(undefined),
  businessKey: z.string().trim().min(1).optional().catch(undefined),
  startedBy: z.string().trim().min(1).optional().catch(undefined),
  from: z.string().trim().min(1).optional().catch(undefined),
  to: z.string().trim().min(1).optional().catch(undefined),
  incident: z.enum(['yes', 'no']).optional().catch(undefined),
  element: z.string().trim().min(1).optional().catch(undefined),
  cursor: z.string().min(1).optional().catch(undefined),
});
export type InstanceFilters = z.infer<typeof InstanceFiltersSchema>;

export function parseFilters(params: Record<string, string | string[] | undefined>): InstanceFilters {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ''));
  return InstanceFiltersSchema.parse(flat);
}

export type InstanceRow = {
  id: string;
  processKey: string;
  processName: string;
  version: number;
  versionId: string;
  businessKey: string | null;
  status: string;
  startedBy: string | null;
  startedAt: string;
  endedAt: string | null;
  updatedAt: string;
  openIncidents: number;
  lastSeq: number;
  activeElements: string[];
};

const CursorSchema = z.object({ startedAt: z.string(), id: z.string() });

function date(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

type Where = NonNullable<Parameters<Db['processInstance']['findMany']>[0]>['where'];

export async function listInstancesPage(db: Db, filters: InstanceFilters, limit = 25): Promise<{ rows: InstanceRow[]; nextCursor: string | null }> {
  const and: NonNullable<Where>[] = [];
  if (filters.process !== undefined) and.push({ processKey: filters.process });
  if (filters.version !== undefined) and.push({ version: { number: filters.version } });
  if (filters.status !== undefined) and.push({ status: filters.status });
  if (filters.businessKey !== undefined) and.push({ businessKey: { contains: filters.businessKey } });
  if (filters.startedBy !== undefined) {
    const users = await db.user.findMany({ where: { email: { contains: filters.startedBy } }, select: { id: true } });
    and.push({ startedById: { in: [filters.startedBy, ...users.map((u) => u.id)] } });
  }
  const from = date(filters.from);
  const to = date(filters.to);
  if (from !== undefined) and.push({ startedAt: { gte: from } });
  if (to !== undefined) and.push({ startedAt: { lt: to } });
  if (filters.incident === 'yes') and.push({ openIncidents: { gt: 0 } });
  if (filters.incident === 'no') and.push({ openIncidents: 0 });
  if (filters.element !== undefined) and.push({ status: { in: ['active', 'suspended'] }, snapshot: { contains: `"elementId":${JSON.stringify(filters.element)}` } });
  if (filters.cursor !== undefined) {
    try {
      const cursor = CursorSchema.parse(JSON.parse(Buffer.from(filters.cursor, 'base64url').toString('utf8')));
      const at = new Date(cursor.startedAt);
      and.push({ OR: [{ startedAt: { lt: at } }, { startedAt: at, id: { lt: cursor.id } }] });
    } catch {
      // a cursor this page did not give out: start from the first page
    }
  }
  const rows = await db.processInstance.findMany({
    where: { AND: and },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: {
      id: true,
      processKey: true,
      versionId: true,
      businessKey: true,
      status: true,
      startedById: true,
      startedAt: true,
      endedAt: true,
      updatedAt: true,
      openIncidents: true,
      lastSeq: true,
      snapshot: true,
      version: { select: { number: true, model: { select: { name: true } } } },
    },
  });
  const page = rows.slice(0, limit);
  const userIds = [...new Set(page.map((r) => r.startedById).filter((id): id is string => id !== null))];
  const users = userIds.length === 0 ? [] : await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const last = page.at(-1);
  return {
    rows: page.map((row) => ({
      id: row.id,
      processKey: row.processKey,
      processName: row.version.model.name,
      version: row.version.number,
      versionId: row.versionId,
      businessKey: row.businessKey,
      status: row.status,
      startedBy: row.startedById === null ? null : (emails.get(row.startedById) ?? row.startedById),
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
      openIncidents: row.openIncidents,
      lastSeq: row.lastSeq,
      activeElements: activeElementsOf(row.snapshot),
    })),
    nextCursor:
      rows.length > limit && last !== undefined ? Buffer.from(JSON.stringify({ startedAt: last.startedAt.toISOString(), id: last.id }), 'utf8').toString('base64url') : null,
  };
}

function activeElementsOf(snapshot: string): string[] {
  try {
    const parsed = JSON.parse(snapshot) as { elements?: [string, { elementId: string; scopeKey: string | null; elementType: string }][] };
    const ids = (parsed.elements ?? []).filter(([, e]) => e.scopeKey !== null && e.elementType !== 'multiInstanceBody').map(([, e]) => e.elementId);
    return [...new Set(ids)];
  } catch {
    return [];
  }
}

/** Process keys and version numbers that have instances, for the filter selects. */
export async function filterOptions(db: Db): Promise<{ processes: { key: string; name: string; versions: number[] }[] }> {
  const models = await db.processModel.findMany({ select: { key: true, name: true, versions: { select: { number: true }, orderBy: { number: 'desc' } } }, orderBy: { name: 'asc' } });
  return { processes: models.filter((m) => m.versions.length > 0).map((m) => ({ key: m.key, name: m.name, versions: m.versions.map((v) => v.number) })) };
}
