/**
 * The exact inverse of any edit, as a small patch by id.
 *
 * Contract
 * - `inversePatch(before, after)` returns ops that turn `after` back into `before`, deep-equal,
 *   order included. It compares by object identity: commands replace only what they change and
 *   keep every untouched element, flow or shape the same object (structural sharing), so a patch
 *   names only what changed — a move of one task is one shape and its flows, not the model.
 * - Lists are keyed by id (`bpmnElement` for DI). When a list cannot be diffed by key (duplicate
 *   keys, a changed order) the op carries the whole previous list instead: still exact.
 * - `applyPatch(model, ops)` applies such ops; it is the `patch` command.
 */
import type { Artifact, BpmnModel, Diagram, Edge, FlowElement, Process, SequenceFlow, Shape } from '../model';

type ListItem = { elements: FlowElement; flows: SequenceFlow; artifacts: Artifact; processes: Process; shapes: Shape; edges: Edge };
export type ListName = keyof ListItem;

type ListChange<L extends ListName> = {
  op: 'list';
  list: L;
  /** Index of the diagram, for `shapes` and `edges`. */
  diagram?: number;
  /** Ids to remove. */
  remove: string[];
  /** Items to put back, at these indexes of the resulting list (ascending). */
  insert: { index: number; item: ListItem[L] }[];
  /** Items to replace, matched by id. */
  replace: ListItem[L][];
};

type ListSet<L extends ListName> = { op: 'setList'; list: L; diagram?: number; items: ListItem[L][] };

type FieldSet =
  | { op: 'field'; field: 'definitions'; value: BpmnModel['definitions'] }
  | { op: 'field'; field: 'globals'; value: BpmnModel['globals'] }
  | { op: 'field'; field: 'collaboration'; value: BpmnModel['collaboration'] }
  | { op: 'field'; field: 'diagrams'; value: Diagram[] };

type AnyListChange = { [L in ListName]: ListChange<L> }[ListName];
type AnyListSet = { [L in ListName]: ListSet<L> }[ListName];
export type PatchOp = AnyListChange | AnyListSet | FieldSet;

function keyOf(item: ListItem[ListName]): string {
  return 'bpmnElement' in item ? item.bpmnElement : item.id;
}

/** Ops turning `after` back into `before` (empty when nothing changed). */
export function inversePatch(before: BpmnModel, after: BpmnModel): PatchOp[] {
  const ops: PatchOp[] = [];
  if (before.definitions !== after.definitions) ops.push({ op: 'field', field: 'definitions', value: before.definitions });
  if (before.globals !== after.globals) ops.push({ op: 'field', field: 'globals', value: before.globals });
  if (before.collaboration !== after.collaboration) ops.push({ op: 'field', field: 'collaboration', value: before.collaboration });
  for (const list of ['elements', 'flows', 'artifacts', 'processes'] as const) {
    const op = listInverse(list, before[list], after[list]);
    if (op) ops.push(op);
  }
  if (before.diagrams !== after.diagrams) {
    if (!sameDiagramFrames(before.diagrams, after.diagrams)) {
      ops.push({ op: 'field', field: 'diagrams', value: before.diagrams });
    } else {
      before.diagrams.forEach((diagram, index) => {
        const next = after.diagrams[index];
        if (diagram === next) return;
        const shapes = listInverse('shapes', diagram.shapes, next.shapes, index);
        const edges = listInverse('edges', diagram.edges, next.edges, index);
        if (shapes) ops.push(shapes);
        if (edges) ops.push(edges);
      });
    }
  }
  return ops;
}

/** True when the diagrams differ at most in their shapes and edges. */
function sameDiagramFrames(a: Diagram[], b: Diagram[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((d, i) => d === b[i] || (d.id === b[i].id && d.name === b[i].name && d.plane === b[i].plane && d.extras === b[i].extras));
}

function listInverse<L extends ListName>(list: L, before: ListItem[L][], after: ListItem[L][], diagram?: number): PatchOp | undefined {
  if (before === after) return undefined;
  const whole = { op: 'setList', list, items: before, ...(diagram === undefined ? {} : { diagram }) } as AnyListSet;
  const beforeIndex = new Map<string, number>();
  for (const [index, item] of before.entries()) {
    if (beforeIndex.has(keyOf(item))) return whole;
    beforeIndex.set(keyOf(item), index);
  }
  const afterItems = new Map<string, ListItem[L]>();
  for (const item of after) {
    if (afterItems.has(keyOf(item))) return whole;
    afterItems.set(keyOf(item), item);
  }
  const remove = after.map(keyOf).filter((key) => !beforeIndex.has(key));
  const insert = before.flatMap((item, index) => (afterItems.has(keyOf(item)) ? [] : [{ index, item }]));
  const replace = before.filter((item) => {
    const other = afterItems.get(keyOf(item));
    return other !== undefined && other !== item;
  });
  // The kept items must be in the same order on both sides, or inserting by index is not exact.
  const keptAfter = after.map(keyOf).filter((key) => beforeIndex.has(key));
  const keptBefore = before.map(keyOf).filter((key) => afterItems.has(key));
  if (keptAfter.some((key, i) => key !== keptBefore[i])) return whole;
  if (remove.length === 0 && insert.length === 0 && replace.length === 0) return undefined;
  return { op: 'list', list, remove, insert, replace, ...(diagram === undefined ? {} : { diagram }) } as AnyListChange;
}

export function applyPatch(model: BpmnModel, ops: readonly PatchOp[]): BpmnModel {
  let next = model;
  for (const op of ops) next = applyOp(next, op);
  return next;
}

function applyOp(model: BpmnModel, op: PatchOp): BpmnModel {
  if (op.op === 'field') {
    switch (op.field) {
      case 'definitions':
        return { ...model, definitions: op.value };
      case 'globals':
        return { ...model, globals: op.value };
      case 'collaboration': {
        if (op.value !== undefined) return { ...model, collaboration: op.value };
        const rest = { ...model };
        delete rest.collaboration;
        return rest;
      }
      case 'diagrams':
        return { ...model, diagrams: op.value };
    }
  }
  const change = (items: ListItem[ListName][]) => (op.op === 'setList' ? op.items : changeList(items, op));
  switch (op.list) {
    case 'elements':
      return { ...model, elements: change(model.elements) as FlowElement[] };
    case 'flows':
      return { ...model, flows: change(model.flows) as SequenceFlow[] };
    case 'artifacts':
      return { ...model, artifacts: change(model.artifacts) as Artifact[] };
    case 'processes':
      return { ...model, processes: change(model.processes) as Process[] };
    case 'shapes':
    case 'edges': {
      const index = op.diagram ?? 0;
      const diagram = model.diagrams[index];
      if (!diagram) return model;
      const updated: Diagram =
        op.list === 'shapes' ? { ...diagram, shapes: change(diagram.shapes) as Shape[] } : { ...diagram, edges: change(diagram.edges) as Edge[] };
      return { ...model, diagrams: model.diagrams.map((d, i) => (i === index ? updated : d)) };
    }
  }
}

function changeList(items: ListItem[ListName][], op: AnyListChange): ListItem[ListName][] {
  const remove = new Set(op.remove);
  const replace = new Map<string, ListItem[ListName]>(op.replace.map((item: ListItem[ListName]) => [keyOf(item), item]));
  const next = items.filter((item) => !remove.has(keyOf(item))).map((item) => replace.get(keyOf(item)) ?? item);
  for (const { index, item } of op.insert as { index: number; item: ListItem[ListName] }[]) next.splice(index, 0, item);
  return next;
}
