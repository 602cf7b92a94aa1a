/**
 * The canvas's React Flow nodes and edges, derived from the mapped model (lib/bpmn/diagram) and
 * the editor's view state: selection, validation markers and the positions of shapes while they
 * are dragged or resized.
 *
 * Contract
 * - A node or edge whose inputs did not change is the same object as the last time (the caches
 *   below), so React Flow re-renders only what changed — a drag re-renders the dragged shapes
 *   and their flows, not the diagram.
 * - Every node carries its size as `measured` (from DI) and, when it has connection handles,
 *   where they are (`handles`). React Flow then never has to measure a node before it draws the
 *   node's edges: edges appear with the nodes on open, and a replaced node object (a type change,
 *   an undo) keeps its edges, where a node without `measured` would lose its handle bounds until
 *   a resize observer fired again.
 */
import { Position, type Node, type NodeHandle } from '@xyflow/react';
import type { Bounds } from '@/lib/bpmn/model';
import type { DiagramEdge, DiagramNode, DiagramNodeData } from '@/lib/bpmn/diagram/types';
import type { CanvasEdge } from './canvas-edge';

export type Severity = 'error' | 'warning';
export type CanvasNode = Node<DiagramNodeData>;

export type ViewState = {
  selection: ReadonlySet<string>;
  /** Element id → the most severe finding about it. */
  findings: ReadonlyMap<string, Severity>;
  /** Node id → bounds while a drag or resize is under way. */
  overrides: ReadonlyMap<string, Partial<Bounds>>;
  /** Element id → a class to add (the visual diff colours its elements through this). */
  classes?: ReadonlyMap<string, string>;
  readOnly?: boolean;
};

/** The last node made for an id, and the mapped data it was made from (a fast identity check). */
type NodeCache = Map<string, { node: CanvasNode; from: DiagramNodeData }>;
type EdgeCache = Map<string, { edge: CanvasEdge; from: DiagramEdge['data'] }>;

export function createCaches(): { nodes: NodeCache; edges: EdgeCache } {
  return { nodes: new Map(), edges: new Map() };
}

function classFor(elementId: string, view: ViewState): string | undefined {
  const parts: string[] = [];
  const severity = view.findings.get(elementId);
  if (severity) parts.push(`bpmn-finding-${severity}`);
  const extra = view.classes?.get(elementId);
  if (extra) parts.push(extra);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** The side length of a connection handle (modeler.css `.bpmn-handle`). */
export const HANDLE_SIZE = 9;

/** Node kinds that draw the four connection handles (canvas-nodes.tsx). */
const WITH_HANDLES = new Set<DiagramNodeData['kind']>(['activity', 'container', 'event', 'gateway', 'pool', 'textAnnotation', 'dataObject', 'dataStore']);

/** The four handles, centred on the middles of the sides, as canvas-nodes.tsx renders them. */
export function handlesFor(width: number, height: number): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  const at = (handleId: string, position: Position, x: number, y: number): NodeHandle => ({
    id: handleId,
    type: 'source',
    position,
    x: x - half,
    y: y - half,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  });
  return [
    at('t', Position.Top, width / 2, 0),
    at('r', Position.Right, width, height / 2),
    at('b', Position.Bottom, width / 2, height),
    at('l', Position.Left, 0, height / 2),
  ];
}

export function deriveNodes(mapped: DiagramNode[], view: ViewState, cache: NodeCache): CanvasNode[] {
  const seen = new Set<string>();
  const out = mapped.map((n) => {
    seen.add(n.id);
    const isLabel = n.data.kind === 'label';
    const override = view.overrides.get(n.id);
    const position = override && override.x !== undefined && override.y !== undefined ? { x: override.x, y: override.y } : n.position;
    const width = override?.width ?? n.width;
    const height = override?.height ?? n.height;
    const selected = !isLabel && view.selection.has(n.id);
    const className = isLabel ? undefined : classFor(n.data.elementId, view);
    // Labels are dragged on their own (a moveLabel); lanes move with their pool.
    const draggable = !view.readOnly && n.data.kind !== 'lane';
    const entry = cache.get(n.id);
    const previous = entry?.node;
    const data = previous && (entry.from === n.data || sameData(previous.data, n.data)) ? previous.data : n.data;
    if (
      previous &&
      previous.data === data &&
      previous.position.x === position.x &&
      previous.position.y === position.y &&
      previous.width === width &&
      previous.height === height &&
      (previous.selected ?? false) === selected &&
      previous.className === className &&
      previous.draggable === draggable &&
      previous.zIndex === n.zIndex
    ) {
      if (entry.from !== n.data) cache.set(n.id, { node: previous, from: n.data });
      return previous;
    }
    const node: CanvasNode = {
      id: n.id,
      type: n.type,
      position,
      width,
      height,
      measured: { width, height },
      ...(WITH_HANDLES.has(n.data.kind) ? { handles: handlesFor(width, height) } : {}),
      zIndex: n.zIndex,
      data,
      selected,
      draggable,
      selectable: !isLabel,
      connectable: !view.readOnly && !isLabel,
      ...(className ? { className } : {}),
    };
    cache.set(n.id, { node, from: n.data });
    return node;
  });
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return out;
}

/** Connections the canvas edits (reconnect, bend points); others are drawn as they are. */
const EDITABLE_EDGES = new Set<DiagramEdge['data']['kind']>(['sequenceFlow', 'messageFlow', 'association']);
/** Over every node (Z.label is 200). */
const SELECTED_EDGE_Z = 300;

export function deriveEdges(
  mapped: DiagramEdge[],
  view: ViewState,
  context: { bounds: ReadonlyMap<string, Bounds>; gateways: ReadonlySet<string> },
  cache: EdgeCache,
): CanvasEdge[] {
  const seen = new Set<string>();
  const out = mapped.map((e) => {
    seen.add(e.id);
    const selected = view.selection.has(e.id);
    const className = classFor(e.data.elementId, view);
    const sourceBounds = context.bounds.get(e.source);
    const targetBounds = context.bounds.get(e.target);
    const entry = cache.get(e.id);
    const previous = entry?.edge;
    const verticalStart = context.gateways.has(e.source);
    const editable = !view.readOnly && EDITABLE_EDGES.has(e.data.kind);
    // A selected connection is drawn over the shapes, so that the handles on its ends can be grabbed.
    const zIndex = selected && editable ? SELECTED_EDGE_Z : e.zIndex;
    if (
      entry &&
      previous?.data &&
      previous.source === e.source &&
      previous.target === e.target &&
      (previous.selected ?? false) === selected &&
      previous.className === className &&
      sameBounds(previous.data.sourceBounds, sourceBounds) &&
      sameBounds(previous.data.targetBounds, targetBounds) &&
      previous.data.verticalStart === verticalStart &&
      previous.data.editable === editable &&
      previous.zIndex === zIndex &&
      (entry.from === e.data || sameData(entry.from, e.data))
    ) {
      if (entry.from !== e.data) cache.set(e.id, { edge: previous, from: e.data });
      return previous;
    }
    const edge: CanvasEdge = {
      id: e.id,
      type: 'bpmn',
      source: e.source,
      target: e.target,
      zIndex,
      selected,
      data: { ...e.data, sourceBounds, targetBounds, verticalStart, editable },
      ...(className ? { className } : {}),
    };
    cache.set(e.id, { edge, from: e.data });
    return edge;
  });
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return out;
}

function sameBounds(a: Bounds | undefined, b: Bounds | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Node data are small plain objects: compare them as JSON. */
function sameData(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
