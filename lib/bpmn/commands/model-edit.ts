/**
 * Small immutable helpers the commands share. Every helper keeps untouched items the same object
 * (see ./patch.ts: the inverse of an edit is computed by identity).
 */
import type { Bounds, BpmnModel, Diagram, Edge, FlowElement, Lane, Process, Shape } from '../model';
import { CommandError } from './types';

/** The diagram the modeler edits. */
export const EDITED_DIAGRAM = 0;

export function editedDiagram(model: BpmnModel): Diagram | undefined {
  return model.diagrams[EDITED_DIAGRAM];
}

/** Applies `fn` to the edited diagram, creating it (on the collaboration or first process) when missing. */
export function updateDiagram(model: BpmnModel, fn: (diagram: Diagram) => Diagram): BpmnModel {
  const existing = editedDiagram(model);
  const diagram: Diagram = existing ?? {
    id: 'BPMNDiagram_1',
    plane: { id: 'BPMNPlane_1', bpmnElement: model.collaboration?.id ?? model.processes[0]?.id },
    shapes: [],
    edges: [],
  };
  const next = fn(diagram);
  if (next === existing) return model;
  return { ...model, diagrams: existing ? model.diagrams.map((d, i) => (i === EDITED_DIAGRAM ? next : d)) : [next, ...model.diagrams] };
}

export function shapeOf(model: BpmnModel, id: string): Shape | undefined {
  return editedDiagram(model)?.shapes.find((s) => s.bpmnElement === id);
}

export function boundsOf(model: BpmnModel, id: string): Bounds | undefined {
  return shapeOf(model, id)?.bounds;
}

export function edgeOf(model: BpmnModel, id: string): Edge | undefined {
  return editedDiagram(model)?.edges.find((e) => e.bpmnElement === id);
}

/** Replaces the items whose key `fn` changes; the list stays the same object when none does. */
export function mapKeep<T>(items: T[], fn: (item: T) => T): T[] {
  let changed = false;
  const next = items.map((item) => {
    const updated = fn(item);
    if (updated !== item) changed = true;
    return updated;
  });
  return changed ? next : items;
}

/** The list without the items `drop` says; the same object when it drops none. */
export function filterKeep<T>(items: T[], drop: (item: T) => boolean): T[] {
  const next = items.filter((item) => !drop(item));
  return next.length === items.length ? items : next;
}

export function findElement(model: BpmnModel, id: string): FlowElement | undefined {
  return model.elements.find((e) => e.id === id);
}

export function requireElement(model: BpmnModel, id: string): FlowElement {
  const element = findElement(model, id);
  if (!element) throw new CommandError(`There is no flow element "${id}".`);
  return element;
}

/** Every id the document uses (elements, flows, artifacts, processes, lanes, pools, globals, DI). */
export function allIds(model: BpmnModel): Set<string> {
  const ids = new Set<string>([model.definitions.id]);
  for (const list of [model.elements, model.flows, model.artifacts, model.processes]) for (const item of list) ids.add(item.id);
  for (const { lane } of allLanes(model)) ids.add(lane.id);
  if (model.collaboration) {
    ids.add(model.collaboration.id);
    for (const p of model.collaboration.participants) ids.add(p.id);
    for (const m of model.collaboration.messageFlows) ids.add(m.id);
  }
  for (const list of [model.globals.messages, model.globals.errors, model.globals.escalations, model.globals.signals]) for (const g of list) ids.add(g.id);
  for (const d of model.diagrams) {
    if (d.id) ids.add(d.id);
    if (d.plane.id) ids.add(d.plane.id);
    for (const s of d.shapes) if (s.id) ids.add(s.id);
    for (const e of d.edges) if (e.id) ids.add(e.id);
  }
  return ids;
}

/** A fresh id like bpmn-js makes them (`Activity_0k3x9a1`), unused in the model and not in `taken`. */
export function newElementId(model: BpmnModel, prefix: string, taken: ReadonlySet<string> = new Set(), random: () => number = Math.random): string {
  const used = allIds(model);
  for (;;) {
    const suffix = Math.floor(random() * 36 ** 7).toString(36).padStart(7, '0');
    const id = `${prefix}_${suffix}`;
    if (!used.has(id) && !taken.has(id)) return id;
  }
}

/** The ids of the elements and artifacts nested (at any depth) in the given containers. */
export function descendantsOf(model: BpmnModel, containerIds: Iterable<string>): Set<string> {
  const found = new Set<string>();
  let frontier = new Set(containerIds);
  while (frontier.size > 0) {
    const next = new Set<string>();
    for (const item of [...model.elements, ...model.artifacts]) {
      if (frontier.has(item.parentId) && !found.has(item.id)) {
        found.add(item.id);
        next.add(item.id);
      }
    }
    frontier = next;
  }
  return found;
}

/** Boundary events attached to any of the hosts. */
export function boundaryEventsOf(model: BpmnModel, hostIds: ReadonlySet<string>): string[] {
  return model.elements.flatMap((e) => (e.type === 'boundaryEvent' && hostIds.has(e.attachedToRef) ? [e.id] : []));
}

/** The process an element (or a process id itself) belongs to, climbing through sub-processes. */
export function processOf(model: BpmnModel, id: string): string | undefined {
  const processes = new Set(model.processes.map((p) => p.id));
  let current = id;
  const seen = new Set<string>();
  while (!processes.has(current)) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    const item = findElement(model, current) ?? model.artifacts.find((a) => a.id === current);
    if (!item) return undefined;
    current = item.parentId;
  }
  return current;
}

export function allLanes(model: BpmnModel): { lane: Lane; processId: string }[] {
  const out: { lane: Lane; processId: string }[] = [];
  const walk = (lanes: Lane[], processId: string) => {
    for (const lane of lanes) {
      out.push({ lane, processId });
      walk(lane.childLanes, processId);
    }
  };
  for (const process of model.processes) for (const set of process.laneSets) walk(set.lanes, process.id);
  return out;
}

/** Applies `fn` to every lane of a process (depth first); the process stays the same object when no lane changes. */
export function mapLanesOf(process: Process, fn: (lane: Lane) => Lane): Process {
  const walk = (lanes: Lane[]): Lane[] =>
    mapKeep(lanes, (lane) => {
      const children = walk(lane.childLanes);
      const withChildren = children === lane.childLanes ? lane : { ...lane, childLanes: children };
      return fn(withChildren);
    });
  const laneSets = mapKeep(process.laneSets, (set) => {
    const lanes = walk(set.lanes);
    return lanes === set.lanes ? set : { ...set, lanes };
  });
  return laneSets === process.laneSets ? process : { ...process, laneSets };
}

/** Takes the ids out of every lane and, when `laneId` is given, puts them into that lane. */
export function setLaneMembership(model: BpmnModel, ids: readonly string[], laneId: string | null): BpmnModel {
  const set = new Set(ids);
  const processes = mapKeep(model.processes, (process) =>
    mapLanesOf(process, (lane) => {
      const kept = filterKeep(lane.flowNodeRefs, (ref) => set.has(ref) && lane.id !== laneId);
      const missing = lane.id === laneId ? ids.filter((id) => !kept.includes(id)) : [];
      if (kept === lane.flowNodeRefs && missing.length === 0) return lane;
      return { ...lane, flowNodeRefs: [...kept, ...missing] };
    }),
  );
  return processes === model.processes ? model : { ...model, processes };
}

/** Removes references to removed ids from lanes. */
export function dropLaneRefs(model: BpmnModel, removed: ReadonlySet<string>): BpmnModel {
  const processes = mapKeep(model.processes, (process) =>
    mapLanesOf(process, (lane) => {
      const refs = filterKeep(lane.flowNodeRefs, (ref) => removed.has(ref));
      return refs === lane.flowNodeRefs ? lane : { ...lane, flowNodeRefs: refs };
    }),
  );
  return processes === model.processes ? model : { ...model, processes };
}

/** True when the edited diagram draws the element expanded (a container). */
export function isExpanded(model: BpmnModel, id: string): boolean {
  return shapeOf(model, id)?.isExpanded === true;
}
