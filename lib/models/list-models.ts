import type { ModelList } from '@/lib/api/schemas';
import type { Db } from '@/lib/models/db';
import { countFindings, draftFindings } from '@/lib/models/draft-findings';
import { toVersionSummary, VERSION_SUMMARY } from '@/lib/models/dto';

/**
 * Models that are not archived, most recently updated first, with their latest version and the
 * counts of their draft's findings (both levels). `total` counts all, for paging.
 */
export async function listModels(input: { db: Db; limit: number; offset: number }): Promise<ModelList> {
  const { db } = input;
  const where = { archivedAt: null };
  const [rows, total] = await Promise.all([
    db.processModel.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      skip: input.offset,
      take: input.limit,
      include: { versions: { orderBy: { number: 'desc' }, take: 1, select: VERSION_SUMMARY } },
    }),
    db.processModel.count({ where }),
  ]);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      key: row.key,
      name: row.name,
      description: row.description,
      lock: row.lock,
      latestVersion: row.versions[0] ? toVersionSummary(row.versions[0]) : null,
      findingCounts: countFindings(draftFindings(row.draft).findings),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    })),
  };
}
