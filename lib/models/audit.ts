/**
 * Audit rows of model operations. Every mutation in lib/models writes exactly one, inside the
 * transaction of the change it records, so the log never misses a change nor lists one that
 * was rolled back. The row itself is written by lib/audit/write-audit.ts, as every audit row is.
 */
import { writeAudit } from '@/lib/audit/write-audit';
import type { JsonValue } from '@/lib/bpmn/model';
import type { Actor } from '@/lib/models/actor';
import type { Tx } from '@/lib/models/db';

export type ModelAuditAction = 'model.create' | 'model.update-draft' | 'model.publish';

export async function writeModelAudit(
  tx: Tx,
  entry: { actor: Actor; action: ModelAuditAction; modelId: string; details: { [key: string]: JsonValue } },
): Promise<void> {
  await writeAudit(tx, { actor: entry.actor, action: entry.action, resource: { type: 'model', id: entry.modelId }, details: entry.details });
}

/** The user id to store in createdById/updatedById/publishedById: only people, tokens are in the audit row. */
export function userIdOf(actor: Actor): string | null {
  return actor.type === 'user' ? (actor.id ?? null) : null;
}
