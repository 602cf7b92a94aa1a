import 'server-only';
/** The audit report of a loaded instance (lib/instances/report.ts shapes it). */
import { replay } from '@/lib/engine/core';
import { decisionsOf, type InstanceReport } from '@/lib/instances/report';
import { shapeTimeline, variableHistory } from '@/lib/instances/timeline';
import type { LoadedInstance } from './load-instance';


export function elementNames(instance: LoadedInstance): Record<string, string> {
  const names: Record<string, string> = {};
  for (const v of instance.versions) for (const e of [...v.model.elements, ...v.model.flows]) if (e.name) names[e.id] = e.name;
  return names;
}

export function buildReport(instance: LoadedInstance, now: Date): InstanceReport {
  const entries = shapeTimeline(instance.events, { actors: instance.actors, elements: elementNames(instance) });
  const gateways = new Set<string>();
  const flowSources: Record<string, string> = {};
  for (const v of instance.versions) {
    for (const e of v.model.elements) if (e.type.endsWith('Gateway')) gateways.add(e.id);
    for (const f of v.model.flows) flowSources[f.id] = f.sourceRef;
  }
  const counts = new Map<string, number>();
  for (const e of instance.events) counts.set(e.actor ?? 'system', (counts.get(e.actor ?? 'system') ?? 0) + 1);
  const state = replay(instance.events.map((e) => e.event));
  return {
    reportVersion: 1,
    generatedAt: now.toISOString(),
    instance: {
      id: instance.id,
      processKey: instance.processKey,
      businessKey: instance.businessKey,
      status: instance.status,
      startedBy: instance.startedBy,
      startedAt: instance.startedAt,
      endedAt: instance.endedAt,
    },
    versions: instance.versions.map((v) => ({ id: v.id, number: v.number, processKey: v.processKey, publishedAt: v.publishedAt, checksum: v.checksum })),
    actors: [...counts].map(([actor, events]) => ({ actor, label: instance.actors[actor] ?? actor, events })),
    events: entries.map((entry, i) => ({ ...entry, payload: instance.events[i].event })),
    decisions: decisionsOf(entries, gateways, flowSources),
    variables: Object.fromEntries(Object.entries(state.variables.get(instance.id) ?? {})),
    variableHistory: variableHistory(entries),
    incidents: instance.incidents,
    operations: instance.operations,
  };
}
