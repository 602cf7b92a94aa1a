/**
 * What changed between two versions of a model, element by element.
 *
 * Contract
 * - Elements are matched by id: flow elements, sequence flows, artifacts, processes, lanes, pools
 *   (participants), message flows and the document's messages/errors/escalations/signals.
 * - An element only in `after` is `added`, only in `before` is `removed`. One in both is `changed`
 *   when any of its properties differs (each listed by path, e.g. `assignment.assignee`,
 *   `eventDefinitions[0].timeDuration.body`) and `moved` when its DI in the first diagram differs
 *   (a shape's bounds, a flow's waypoints) — both may hold.
 * - Pure; order: `after`'s order, then what was removed in `before`'s order.
 */
import type { Bounds, BpmnModel, JsonValue, Point } from '../model';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'moved';
export type ElementKind = 'flowElement' | 'sequenceFlow' | 'artifact' | 'process' | 'lane' | 'participant' | 'messageFlow' | 'global';

export type PropertyChange = { path: string; before?: JsonValue; after?: JsonValue };

export type ElementDiff = {
  id: string;
  kind: ElementKind;
  /** The BPMN type (userTask, sequenceFlow, textAnnotation, lane...), of `after` when both have it. */
  type: string;
  name?: string;
  statuses: DiffStatus[];
  changes: PropertyChange[];
  /** Shape bounds before and after, when the shape moved or was resized. */
  bounds?: { before: Bounds; after: Bounds };
};

export type ModelDiff = {
  elements: ElementDiff[];
  counts: Record<DiffStatus, number>;
};

type Item = { kind: ElementKind; type: string; name?: string; value: JsonValue };

/** JSON of an element without the keys that are not its properties. */
function jsonOf(value: object): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function collect(model: BpmnModel): Map<string, Item> {
  const items = new Map<string, Item>();
  const add = (id: string, item: Item) => {
    if (!items.has(id)) items.set(id, item);
  };
  for (const e of model.elements) add(e.id, { kind: 'flowElement', type: e.type, name: e.name, value: jsonOf(e) });
  for (const f of model.flows) add(f.id, { kind: 'sequenceFlow', type: 'sequenceFlow', name: f.name, value: jsonOf(f) });
  for (const a of model.artifacts) add(a.id, { kind: 'artifact', type: a.type, name: a.type === 'textAnnotation' ? a.text : a.name, value: jsonOf(a) });
  for (const p of model.processes) {
    const { laneSets, ...rest } = p;
    add(p.id, { kind: 'process', type: 'process', name: p.name, value: jsonOf(rest) });
    const walk = (lanes: typeof laneSets[number]['lanes']) => {
      for (const lane of lanes) {
        const { childLanes, ...own } = lane;
        add(lane.id, { kind: 'lane', type: 'lane', name: lane.name, value: jsonOf(own) });
        walk(childLanes);
      }
    };
    for (const set of laneSets) walk(set.lanes);
  }
  for (const p of model.collaboration?.participants ?? []) add(p.id, { kind: 'participant', type: 'participant', name: p.name, value: jsonOf(p) });
  for (const m of model.collaboration?.messageFlows ?? []) add(m.id, { kind: 'messageFlow', type: 'messageFlow', name: m.name, value: jsonOf(m) });
  const globals = [
    ['message', model.globals.messages],
    ['error', model.globals.errors],
    ['escalation', model.globals.escalations],
    ['signal', model.globals.signals],
  ] as const;
  for (const [type, list] of globals) for (const g of list) add(g.id, { kind: 'global', type, name: g.name, value: jsonOf(g) });
  return items;
}

/** Flattens JSON into path → leaf value; arrays of plain values stay whole (a list of groups). */
function flatten(value: JsonValue, path: string, out: Map<string, JsonValue>): void {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      out.set(path, value);
      return;
    }
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
    if (value.length === 0) out.set(path, []);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 && path !== '') out.set(path, {});
    for (const key of keys) flatten(value[key], path === '' ? key : `${path}.${key}`, out);
    return;
  }
  out.set(path, value);
}

export function propertyChanges(before: JsonValue, after: JsonValue): PropertyChange[] {
  const a = new Map<string, JsonValue>();
  const b = new Map<string, JsonValue>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const changes: PropertyChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    changes.push({ path, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}) });
  }
  return changes;
}

function shapes(model: BpmnModel): Map<string, Bounds> {
  return new Map((model.diagrams[0]?.shapes ?? []).map((s) => [s.bpmnElement, s.bounds]));
}

function edges(model: BpmnModel): Map<string, Point[]> {
  return new Map((model.diagrams[0]?.edges ?? []).map((e) => [e.bpmnElement, e.waypoints]));
}

function sameBounds(a: Bounds, b: Bounds): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

export function diffModels(before: BpmnModel, after: BpmnModel): ModelDiff {
  const a = collect(before);
  const b = collect(after);
  const shapesA = shapes(before);
  const shapesB = shapes(after);
  const edgesA = edges(before);
  const edgesB = edges(after);
  const out: ElementDiff[] = [];

  for (const [id, item] of b) {
    const old = a.get(id);
    if (!old) {
      out.push({ id, kind: item.kind, type: item.type, name: item.name, statuses: ['added'], changes: [] });
      continue;
    }
    const changes = propertyChanges(old.value, item.value);
    const statuses: DiffStatus[] = changes.length > 0 ? ['changed'] : [];
    const sa = shapesA.get(id);
    const sb = shapesB.get(id);
    let bounds: ElementDiff['bounds'];
    if (sa && sb && !sameBounds(sa, sb)) {
      statuses.push('moved');
      bounds = { before: sa, after: sb };
    }
    const ea = edgesA.get(id);
    const eb = edgesB.get(id);
    if (ea && eb && JSON.stringify(ea) !== JSON.stringify(eb)) statuses.push('moved');
    if (statuses.length > 0) out.push({ id, kind: item.kind, type: item.type, name: item.name ?? old.name, statuses, changes, ...(bounds ? { bounds } : {}) });
  }
  for (const [id, item] of a) {
    if (!b.has(id)) out.push({ id, kind: item.kind, type: item.type, name: item.name, statuses: ['removed'], changes: [] });
  }
  const counts: Record<DiffStatus, number> = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const d of out) for (const s of d.statuses) counts[s] += 1;
  return { elements: out, counts };
}

/**
 * One model to draw the diff on: `after`, plus what was removed (with its old DI), and the class
 * of each element (`diff-added`, `diff-removed`, `diff-changed`, `diff-moved`; changed wins over
 * moved).
 */
export function diffOverlay(before: BpmnModel, after: BpmnModel, diff: ModelDiff): { model: BpmnModel; classes: Map<string, string> } {
  const removed = new Set(diff.elements.filter((d) => d.statuses.includes('removed')).map((d) => d.id));
  const classes = new Map<string, string>();
  for (const d of diff.elements) {
    const status = d.statuses.includes('added') ? 'added' : d.statuses.includes('removed') ? 'removed' : d.statuses.includes('changed') ? 'changed' : 'moved';
    classes.set(d.id, `diff-${status}`);
  }
  if (removed.size === 0) return { model: after, classes };
  const oldDiagram = before.diagrams[0];
  const diagram = after.diagrams[0] ?? (oldDiagram ? { ...oldDiagram, shapes: [], edges: [] } : undefined);
  const model: BpmnModel = {
    ...after,
    elements: [...after.elements, ...before.elements.filter((e) => removed.has(e.id))],
    flows: [...after.flows, ...before.flows.filter((f) => removed.has(f.id))],
    artifacts: [...after.artifacts, ...before.artifacts.filter((x) => removed.has(x.id))],
    diagrams: diagram
      ? [
          {
            ...diagram,
            shapes: [...diagram.shapes, ...(oldDiagram?.shapes ?? []).filter((s) => removed.has(s.bpmnElement))],
            edges: [...diagram.edges, ...(oldDiagram?.edges ?? []).filter((e) => removed.has(e.bpmnElement))],
          },
          ...after.diagrams.slice(1),
        ]
      : [],
  };
  return { model, classes };
}
