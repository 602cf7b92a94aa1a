/**
 * Instance migration in the core: what `InstanceMigrated` does to the state (applied from
 * evolve.ts, the one place events change state) and what `MigrateInstance` checks in decide.
 *
 * Contract
 * - Keys never change: element instances, jobs, timers, tasks, subscriptions, incidents and
 *   calls keep their keys and only the element id they name is replaced through `mapping`
 *   (an element absent from the mapping keeps its id). Joins waiting at a gateway move with it.
 * - The process (root element instance) takes the target's process id.
 * - `unmappedElements` lists the element ids with something open that the mapping leaves out:
 *   decide refuses such a migration (MIGRATION_UNMAPPED).
 */
import type { EventOf } from './events';
import type { Draft } from './evolve';
import type { InstanceState } from './state';

type Mapping = Readonly<Record<string, string>>;

function mapId(mapping: Mapping, id: string): string {
  return Object.hasOwn(mapping, id) ? mapping[id] : id;
}

/** Element ids with an open element instance (other than the process itself), sorted. */
export function openElementIds(state: InstanceState): string[] {
  const ids = new Set<string>();
  for (const element of state.elements.values()) if (element.scopeKey !== null) ids.add(element.elementId);
  for (const key of state.joins.keys()) ids.add(key.slice(key.indexOf(' ') + 1));
  return [...ids].sort();
}

export function unmappedElements(state: InstanceState, mapping: Mapping): string[] {
  return openElementIds(state).filter((id) => !Object.hasOwn(mapping, id));
}

export function migrated(d: Draft, event: EventOf<'InstanceMigrated'>): void {
  const { mapping } = event;
  const root = d.root();
  root.processId = event.processId;
  for (const [key, element] of d.state.elements) {
    const elementId = element.scopeKey === null ? event.processId : mapId(mapping, element.elementId);
    if (elementId !== element.elementId) (d.entry('elements', key) as { elementId: string }).elementId = elementId;
  }
  for (const field of ['jobs', 'timers', 'userTasks', 'subscriptions', 'incidents', 'calls'] as const) {
    for (const [key, item] of d.state[field]) {
      const elementId = mapId(mapping, item.elementId);
      if (elementId !== item.elementId) (d.entry(field, key) as { elementId: string }).elementId = elementId;
    }
  }
  if (d.state.joins.size > 0) {
    const joins = d.map('joins');
    for (const [key, tokens] of [...joins]) {
      const space = key.indexOf(' ');
      const next = `${key.slice(0, space)} ${mapId(mapping, key.slice(space + 1))}`;
      if (next === key) continue;
      joins.delete(key);
      joins.set(next, tokens);
    }
  }
  if (d.state.compensable.size > 0) {
    const compensable = d.map('compensable');
    for (const [scopeKey, records] of [...compensable]) {
      compensable.set(scopeKey, records.map((r) => ({ ...r, elementId: mapId(mapping, r.elementId) })));
    }
  }
  if (d.state.compensations.size > 0) {
    const compensations = d.map('compensations');
    for (const [throwKey, items] of [...compensations]) {
      compensations.set(throwKey, items.map((i) => ({ ...i, handlerId: mapId(mapping, i.handlerId), activityId: mapId(mapping, i.activityId) })));
    }
  }
  if (d.state.completers.size > 0) {
    const completers = d.map('completers');
    for (const [elementId, users] of [...completers]) {
      const next = mapId(mapping, elementId);
      if (next === elementId) continue;
      completers.delete(elementId);
      completers.set(next, users);
    }
  }
}
