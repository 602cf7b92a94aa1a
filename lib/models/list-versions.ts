import type { VersionList } from '@/lib/api/schemas';
import type { Db } from '@/lib/models/db';
import { toVersionSummary, VERSION_SUMMARY } from '@/lib/models/dto';
import { findModelOrThrow } from '@/lib/models/find-model';

/** The published versions of a model, newest first (summaries: no XML or model JSON). 404 when the model is unknown. */
export async function listVersions(input: { db: Db; idOrKey: string }): Promise<VersionList> {
  const { id } = await findModelOrThrow(input.db, input.idOrKey);
  const rows = await input.db.processVersion.findMany({ where: { modelId: id }, orderBy: { number: 'desc' }, select: VERSION_SUMMARY });
  return { items: rows.map(toVersionSummary) };
}
