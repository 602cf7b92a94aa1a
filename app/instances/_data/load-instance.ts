import 'server-only';
/**
 * Everything the instance page, the audit report and the printable page read about one
 * instance: the row, every version it ran on (models for the diagram), its whole log with
 * actors, the labels of the people and tokens who acted, and its incidents.
 */
import { BpmnModelSchema, type BpmnModel } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';
import type { StoredEvent } from '@/lib/engine/runtime/list-instance-events';
import { listInstanceEvents } from '@/lib/engine/runtime/list-instance-events';

export type VersionInfo = { id: string; number: number; processKey: string; modelId: string; modelName: string; publishedAt: string; checksum: string; model: BpmnModel };

export type LoadedInstance = {
  id: string;
  processKey: string;
  businessKey: string | null;
  status: string;
  startedBy: string | null;
  startedAt: string;
  endedAt: string | null;
  lastSeq: number;
  versionId: string;
  /** The versions the instance ran on, the first one first (more than one after a migration). */
  versions: VersionInfo[];
  /** Other versions of the same process, newest first (migration targets). */
  otherVersions: { id: string; number: number }[];
  events: StoredEvent[];
  actors: Record<string, string>;
  incidents: { id: string; elementId: string; kind: string; message: string; status: string; createdAt: string; resolvedAt: string | null }[];
  /** Operator operations on it from the audit log: who, what, why, when. */
  operations: { at: string; actor: string; action: string; reason: string | null; details: string }[];
};

async function versionInfo(db: Db, id: string): Promise<VersionInfo | null> {
  const v = await db.processVersion.findUnique({
    where: { id },
    select: { id: true, number: true, processKey: true, modelId: true, publishedAt: true, checksum: true, modelJson: true, model: { select: { name: true } } },
  });
  if (v === null) return null;
  return {
    id: v.id,
    number: v.number,
    processKey: v.processKey,
    modelId: v.modelId,
    modelName: v.model.name,
    publishedAt: v.publishedAt.toISOString(),
    checksum: v.checksum,
    model: BpmnModelSchema.parse(JSON.parse(v.modelJson)),
  };
}

export async function loadInstance(db: Db, id: string): Promise<LoadedInstance | null> {
  const row = await db.processInstance.findUnique({ where: { id } });
  if (row === null) return null;
  const events: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = await listInstanceEvents(db, { instanceId: id, after, limit: 1000 });
    events.push(...page.items);
    if (page.items.length < 1000) break;
    after = page.nextAfter;
  }
  const versionIds: string[] = [];
  for (const item of events) if (item.event.type === 'InstanceMigrated') versionIds.push(item.event.sourceVersionId);
  versionIds.push(row.versionId);
  const versions: VersionInfo[] = [];
  for (const versionId of [...new Set(versionIds)]) {
    const info = await versionInfo(db, versionId);
    if (info !== null) versions.push(info);
  }
  const current = versions.at(-1);
  const otherVersions =
    current === undefined
      ? []
      : (await db.processVersion.findMany({ where: { modelId: current.modelId, id: { not: current.id } }, orderBy: { number: 'desc' }, select: { id: true, number: true } }));

  const actorKeys = new Set(events.map((e) => e.actor).filter((a): a is string => a !== null));
  if (row.startedById !== null) actorKeys.add(`person:${row.startedById}`);
  for (const e of events) if (e.event.type === 'UserTaskCompleted' && e.event.completedBy) actorKeys.add(`person:${e.event.completedBy}`);
  const userIds = [...actorKeys].filter((a) => a.startsWith('person:')).map((a) => a.slice(7));
  const tokenIds = [...actorKeys].filter((a) => a.startsWith('token:')).map((a) => a.slice(6));
  const users = userIds.length === 0 ? [] : await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const tokens = tokenIds.length === 0 ? [] : await db.apiToken.findMany({ where: { id: { in: tokenIds } }, select: { id: true, name: true } });
  const actors: Record<string, string> = {};
  for (const u of users) actors[`person:${u.id}`] = u.email;
  for (const t of tokens) actors[`token:${t.id}`] = `API token “${t.name}”`;

  const incidents = await db.incident.findMany({ where: { instanceId: id }, orderBy: { createdAt: 'asc' } });
  const audit = await db.auditLog.findMany({ where: { resourceType: 'instance', resourceId: id }, orderBy: { id: 'asc' } });
  return {
    id: row.id,
    processKey: row.processKey,
    businessKey: row.businessKey,
    status: row.status,
    startedBy: row.startedById === null ? null : (actors[`person:${row.startedById}`] ?? row.startedById),
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    lastSeq: row.lastSeq,
    versionId: row.versionId,
    versions,
    otherVersions,
    events,
    actors,
    incidents: incidents.map((i) => ({
      id: i.id,
      elementId: i.elementId,
      kind: i.kind,
      message: i.message,
      status: i.status,
      createdAt: i.createdAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
    })),
    operations: audit.map((a) => {
      const details = JSON.parse(a.details) as Record<string, unknown>;
      return { at: a.at.toISOString(), actor: a.actorLabel, action: a.action, reason: typeof details.reason === 'string' ? details.reason : null, details: a.details };
    }),
  };
}
