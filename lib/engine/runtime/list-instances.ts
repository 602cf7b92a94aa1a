/**
 * Lists process instances with filters and cursor pagination (newest first).
 *
 * Contract
 * - Filters are applied only when given (never a Prisma filter on `undefined`): process key
 *   (the model key), version number (with a process key), status, business key, started by,
 *   started in [startedAfter, startedBefore), has open incidents.
 * - Order: startedAt descending, then id descending. `cursor` is the opaque `nextCursor` of the
 *   previous page; a page has at most `limit` items and a `nextCursor` when there may be more.
 */
import { z } from 'zod';
import type { Db } from '@/lib/db/client';

export type InstanceFilter = {
  processKey?: string;
  version?: number;
  status?: string;
  businessKey?: string;
  startedBy?: string;
  startedAfter?: Date;
  startedBefore?: Date;
  hasIncident?: boolean;
  cursor?: string;
  limit: number;
};

export type InstanceSummary = {
  id: string;
  processKey: string;
  versionId: string;
  version: number;
  businessKey: string | null;
  status: string;
  startedBy: string | null;
  startedAt: string;
  endedAt: string | null;
  openIncidents: number;
  lastSeq: number;
  parentInstanceId: string | null;
};

const CursorSchema = z.object({ startedAt: z.string(), id: z.string() });

function encodeCursor(value: z.infer<typeof CursorSchema>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export class InvalidCursorError extends Error {}

function decodeCursor(cursor: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError('the cursor is not one this API gave out');
  }
}

type Where = NonNullable<Parameters<Db['processInstance']['findMany']>[0]>['where'];

export async function listInstances(db: Db, filter: InstanceFilter): Promise<{ items: InstanceSummary[]; nextCursor: string | null }> {
  const and: NonNullable<Where>[] = [];
  if (filter.processKey !== undefined) and.push({ processKey: filter.processKey });
  if (filter.version !== undefined) and.push({ version: { number: filter.version } });
  if (filter.status !== undefined) and.push({ status: filter.status });
  if (filter.businessKey !== undefined) and.push({ businessKey: filter.businessKey });
  if (filter.startedBy !== undefined) and.push({ startedById: filter.startedBy });
  if (filter.startedAfter !== undefined) and.push({ startedAt: { gte: filter.startedAfter } });
  if (filter.startedBefore !== undefined) and.push({ startedAt: { lt: filter.startedBefore } });
  if (filter.hasIncident === true) and.push({ openIncidents: { gt: 0 } });
  if (filter.hasIncident === false) and.push({ openIncidents: 0 });
  if (filter.cursor !== undefined) {
    const cursor = decodeCursor(filter.cursor);
    const at = new Date(cursor.startedAt);
    and.push({ OR: [{ startedAt: { lt: at } }, { startedAt: at, id: { lt: cursor.id } }] });
  }
  const rows = await db.processInstance.findMany({
    where: { AND: and },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: filter.limit + 1,
    select: {
      id: true,
      processKey: true,
      versionId: true,
      businessKey: true,
      status: true,
      startedById: true,
      startedAt: true,
      endedAt: true,
      openIncidents: true,
      lastSeq: true,
      parentInstanceId: true,
      version: { select: { number: true } },
    },
  });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      processKey: row.processKey,
      versionId: row.versionId,
      version: row.version.number,
      businessKey: row.businessKey,
      status: row.status,
      startedBy: row.startedById,
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      openIncidents: row.openIncidents,
      lastSeq: row.lastSeq,
      parentInstanceId: row.parentInstanceId,
    })),
    nextCursor: rows.length > filter.limit && last !== undefined ? encodeCursor({ startedAt: last.startedAt.toISOString(), id: last.id }) : null,
  };
}
