/**
 * Lists incidents, newest first: open ones by default, optionally of one instance.
 * Filters apply only when given (never a Prisma filter on `undefined`).
 */
import type { Db } from '@/lib/db/client';

export type IncidentSummary = {
  id: string;
  instanceId: string;
  elementId: string;
  elementInstanceId: string | null;
  jobId: string | null;
  kind: string;
  message: string;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
};

export async function listIncidents(db: Db, input: { status?: 'open' | 'resolved'; instanceId?: string; limit: number }): Promise<IncidentSummary[]> {
  const rows = await db.incident.findMany({
    where: { status: input.status ?? 'open', ...(input.instanceId === undefined ? {} : { instanceId: input.instanceId }) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit,
  });
  return rows.map((row) => ({
    id: row.id,
    instanceId: row.instanceId,
    elementId: row.elementId,
    elementInstanceId: row.elementInstanceId,
    jobId: row.jobId,
    kind: row.kind,
    message: row.message,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  }));
}
