import type { ModelDetail } from '@/lib/api/schemas';
import type { Db } from '@/lib/models/db';
import { draftFindings } from '@/lib/models/draft-findings';
import { toModelDetail, VERSION_SUMMARY } from '@/lib/models/dto';
import { findModelOrThrow } from '@/lib/models/find-model';

/** The model named by id or key: draft, lock, version summaries (newest first) and the draft's findings. 404 when unknown. */
export async function getModel(input: { db: Db; idOrKey: string }): Promise<ModelDetail> {
  const row = await findModelOrThrow(input.db, input.idOrKey);
  const versions = await input.db.processVersion.findMany({ where: { modelId: row.id }, orderBy: { number: 'desc' }, select: VERSION_SUMMARY });
  const { model, findings } = draftFindings(row.draft);
  return toModelDetail(row, model, versions, findings);
}
