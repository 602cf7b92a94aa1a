import type { ValidationResult } from '@/lib/api/schemas';
import { canPublish } from '@/lib/bpmn/validate';
import type { Db } from '@/lib/models/db';
import { checkModel, draftFindings } from '@/lib/models/draft-findings';
import { findModelOrThrow } from '@/lib/models/find-model';
import { tryReadModelSource, type ModelSource } from '@/lib/models/read-model-source';

/**
 * The findings of a model, saving nothing: of `source` when it has XML or a model, else of the
 * saved draft. XML that cannot be imported is no error here: its import findings are the answer
 * (and `canPublish` is false). 404 when the model is unknown.
 */
export async function validateModel(input: { db: Db; idOrKey: string; source: ModelSource }): Promise<ValidationResult> {
  const row = await findModelOrThrow(input.db, input.idOrKey);
  const findings = input.source.xml === undefined && input.source.model === undefined ? draftFindings(row.draft).findings : await sourceFindings(input.source);
  return { findings, canPublish: canPublish(findings) };
}

async function sourceFindings(source: ModelSource) {
  const result = await tryReadModelSource(source);
  return result.ok ? checkModel(result.model, result.warnings) : result.findings;
}
