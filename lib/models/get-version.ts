import { NotFoundError } from '@/lib/api/errors';
import type { VersionDetail } from '@/lib/api/schemas';
import { BpmnModelSchema } from '@/lib/bpmn/model';
import type { Db } from '@/lib/models/db';
import { toVersionSummary } from '@/lib/models/dto';
import { findModelOrThrow } from '@/lib/models/find-model';

/**
 * Version `number` of a model: its JSON detail and the BPMN XML exported when it was published
 * (byte for byte; versions are immutable). 404 `model.not-found` or `version.not-found`.
 */
export async function getVersion(input: { db: Db; idOrKey: string; number: number }): Promise<{ version: VersionDetail; bpmnXml: string }> {
  const model = await findModelOrThrow(input.db, input.idOrKey);
  const row = await input.db.processVersion.findUnique({ where: { modelId_number: { modelId: model.id, number: input.number } } });
  if (!row) {
    throw new NotFoundError('version.not-found', `Model "${model.key}" has no version ${input.number}${model.latestVersion ? ` (latest: ${model.latestVersion})` : ' (none published yet)'}.`, {
      key: model.key,
      number: input.number,
      latestVersion: model.latestVersion,
    });
  }
  return {
    version: { ...toVersionSummary(row), modelId: model.id, modelKey: model.key, model: BpmnModelSchema.parse(JSON.parse(row.modelJson)) },
    bpmnXml: row.bpmnXml,
  };
}
