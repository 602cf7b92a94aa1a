import 'server-only';
/**
 * The BPMN model of a published version, for the task page's diagram (getTaskView names the
 * version; the diagram needs its model), and e-mail labels for the people the history names.
 * Null when the version is gone or its model does not parse: the page then shows no diagram.
 */
import { BpmnModelSchema, type BpmnModel } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';

export async function loadVersionModel(db: Db, versionId: string): Promise<{ model: BpmnModel; name: string } | null> {
  const row = await db.processVersion.findUnique({ where: { id: versionId }, select: { modelJson: true, model: { select: { name: true } } } });
  if (!row) return null;
  try {
    const parsed = BpmnModelSchema.safeParse(JSON.parse(row.modelJson));
    return parsed.success ? { model: parsed.data, name: row.model.name } : null;
  } catch {
    return null;
  }
}

/** "person:<userId>" → the user's e-mail; "system" and unknown actors → null or as they are. */
export async function actorLabels(db: Db, actors: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(actors.filter((a): a is string => a?.startsWith('person:') === true).map((a) => a.slice('person:'.length)))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [`person:${u.id}`, u.email]));
}
