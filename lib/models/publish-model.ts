import { ConflictError, UnprocessableError } from '@/lib/api/errors';
import type { PublishResult } from '@/lib/api/schemas';
import { canPublish } from '@/lib/bpmn/validate';
import { exportBpmn } from '@/lib/bpmn/xml/export-bpmn';
import type { Actor } from '@/lib/models/actor';
import { userIdOf, writeModelAudit } from '@/lib/models/audit';
import { modelChecksum } from '@/lib/models/checksum';
import { isUniqueViolation, type Db } from '@/lib/models/db';
import { draftFindings } from '@/lib/models/draft-findings';
import { findModelOrThrow } from '@/lib/models/find-model';
import { mainProcess } from '@/lib/models/model-key';

/**
 * Publishes the draft of a model as a new immutable version.
 *
 * Contract
 * - A draft with error findings (either level) is refused: `UnprocessableError` 422
 *   `model.invalid` with `details.findings`. Nothing is written.
 * - The checksum is sha256 over the canonical JSON of the parsed draft (lib/models/checksum.ts).
 *   When it equals the latest version's, nothing is written and the answer is
 *   `{ created: false, version: N, reason: 'unchanged' }`.
 * - Otherwise version N+1 (the exported BPMN XML, the model JSON, checksum, message, publisher),
 *   the model's `latestVersion` and a `model.publish` audit row are written in one transaction.
 *   `compiled` stays null here; the engine fills it.
 * - Version numbers are kept unique by the (modelId, number) index, not by a lock: when a
 *   concurrent publish took the number first, the whole publish runs once more on fresh state
 *   (which may then find the content unchanged). A second loss is 409 `model.publish-conflict`.
 */
export async function publishModel(input: { db: Db; actor: Actor; idOrKey: string; message?: string }): Promise<PublishResult> {
  try {
    return await publishOnce(input);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  try {
    return await publishOnce(input);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new ConflictError('model.publish-conflict', 'Another publish of this model took the same version number twice in a row. Try again.', {});
  }
}

async function publishOnce(input: { db: Db; actor: Actor; idOrKey: string; message?: string }): Promise<PublishResult> {
  const { db, actor } = input;
  const row = await findModelOrThrow(db, input.idOrKey);
  const { model, findings } = draftFindings(row.draft);
  if (!model || !canPublish(findings)) {
    const errors = findings.filter((f) => f.severity === 'error');
    throw new UnprocessableError('model.invalid', `The draft of "${row.key}" cannot be published: ${errors.length} error(s), e.g. ${errors[0]?.message ?? 'see findings'}`, {
      findings,
    });
  }

  const checksum = modelChecksum(model);
  const latest = await db.processVersion.findFirst({ where: { modelId: row.id }, orderBy: { number: 'desc' }, select: { number: true, checksum: true } });
  if (latest?.checksum === checksum) return { created: false, version: latest.number, reason: 'unchanged' };

  const number = (latest?.number ?? 0) + 1;
  const bpmnXml = await exportBpmn(model);
  const message = input.message?.trim() || null;
  await db.$transaction(async (tx) => {
    await tx.processVersion.create({
      data: {
        modelId: row.id,
        number,
        processKey: mainProcess(model)?.id ?? model.definitions.id,
        bpmnXml,
        modelJson: JSON.stringify(model),
        checksum,
        message,
        publishedById: userIdOf(actor),
      },
    });
    // Only ever forward: a slower transaction of a lower number cannot move it back.
    await tx.processModel.updateMany({ where: { id: row.id, latestVersion: { lt: number } }, data: { latestVersion: number } });
    await writeModelAudit(tx, { actor, action: 'model.publish', modelId: row.id, details: { key: row.key, version: number, checksum, message } });
  });
  return { created: true, version: number, checksum };
}
