/**
 * One instance as an operator sees it: status, active elements (tokens), tokens waiting at joins,
 * variables by scope, open user tasks, jobs and incidents.
 *
 * Contract: read from the instance's snapshot (the state after its last event) and the outbox
 * rows; nothing is replayed. Null when no instance has this id.
 */
import type { JsonValue } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';
import { fromSnapshot, type StateSnapshot } from '@/lib/engine/core';

export type InstanceDetail = {
  id: string;
  processKey: string;
  versionId: string;
  version: number;
  businessKey: string | null;
  status: string;
  startedBy: string | null;
  startedAt: string;
  endedAt: string | null;
  lastSeq: number;
  parentInstanceId: string | null;
  elements: { key: string; elementId: string; elementType: string; scopeKey: string | null }[];
  waitingAtJoins: { scopeKey: string; gatewayId: string; flows: Record<string, number> }[];
  variables: { scopeKey: string; variables: Record<string, JsonValue> }[];
  tasks: { id: string; elementId: string; name: string; assignee: string | null; createdAt: string }[];
  jobs: { id: string; elementId: string; type: string; status: string; retriesLeft: number; attempt: number; dueAt: string; lastError: string | null }[];
  incidents: { id: string; elementId: string; kind: string; message: string; jobId: string | null; createdAt: string }[];
};

export async function getInstance(db: Db, id: string): Promise<InstanceDetail | null> {
  const row = await db.processInstance.findUnique({ where: { id }, include: { version: { select: { number: true } } } });
  if (row === null) return null;
  const state = fromSnapshot(JSON.parse(row.snapshot) as StateSnapshot);
  const [tasks, jobs, incidents] = await Promise.all([
    db.userTask.findMany({ where: { instanceId: id, status: 'created' }, orderBy: { createdAt: 'asc' } }),
    db.job.findMany({ where: { instanceId: id }, orderBy: { createdAt: 'asc' } }),
    db.incident.findMany({ where: { instanceId: id, status: 'open' }, orderBy: { createdAt: 'asc' } }),
  ]);
  return {
    id: row.id,
    processKey: row.processKey,
    versionId: row.versionId,
    version: row.version.number,
    businessKey: row.businessKey,
    status: row.status,
    startedBy: row.startedById,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    lastSeq: row.lastSeq,
    parentInstanceId: row.parentInstanceId,
    elements: [...state.elements.values()].map((e) => ({ key: e.key, elementId: e.elementId, elementType: e.elementType, scopeKey: e.scopeKey })),
    waitingAtJoins: [...state.joins].map(([key, flows]) => {
      const split = key.lastIndexOf(' ');
      return { scopeKey: key.slice(0, split), gatewayId: key.slice(split + 1), flows: { ...flows } };
    }),
    variables: [...state.variables].map(([scopeKey, variables]) => ({ scopeKey, variables: { ...variables } })),
    tasks: tasks.map((t) => ({ id: t.id, elementId: t.elementId, name: t.name, assignee: t.assignee, createdAt: t.createdAt.toISOString() })),
    jobs: jobs.map((j) => ({ id: j.id, elementId: j.elementId, type: j.type, status: j.status, retriesLeft: j.retriesLeft, attempt: j.attempt, dueAt: j.dueAt.toISOString(), lastError: j.lastError })),
    incidents: incidents.map((i) => ({ id: i.id, elementId: i.elementId, kind: i.kind, message: i.message, jobId: i.jobId, createdAt: i.createdAt.toISOString() })),
  };
}
