/**
 * Auto-layout for models without positions (no DI): a left-to-right layered layout (ELK,
 * `elkjs`) of every process, sub-processes laid out inside and drawn expanded, boundary events
 * on the bottom border of their host, pools stacked top to bottom. Flows are routed with the
 * modeler's own orthogonal router, so they look like flows drawn by hand.
 *
 * Lanes: a process with lanes is laid out as a whole (so the flow still reads left to right),
 * then each lane's elements are moved, together, into a horizontal band of their own; the bands
 * are stacked in the lanes' order (child lanes inside their parent), every lane as wide as the
 * widest, and the pool sized to fit them. An element stays in the lane it belongs to (its
 * innermost lane); elements in no lane get a band below the lanes, inside the pool.
 *
 * Contract: `autoLayout(model)` returns the model with a new first diagram holding a shape for
 * every flow element, text annotation, pool and lane, and an edge for every sequence flow,
 * association and message flow; the model's semantics (lane membership included) are untouched.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Bounds, BpmnModel, Diagram, Edge, FlowElement, Lane, Point, Shape } from '../model';
import { center } from '../diagram/geometry';
import { routeOrthogonal } from '../diagram/route';
import { defaultSize, SIZES } from '../commands/element-factory';

const PAD = { top: 40, side: 30, bottom: 30 };
const POOL_HEADER = 30;
const POOL_GAP = 40;
/** A lane's name band on its left, and the space above and below its elements. */
const LANE_HEADER = 30;
const LANE_PAD = 30;
const LANE_MIN_HEIGHT = 120;

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
} as const;

type Placed = Map<string, Bounds>;

export async function autoLayout(model: BpmnModel): Promise<BpmnModel> {
  const elk = new ELK();
  const placed: Placed = new Map();
  const expanded = new Set<string>();
  const children = new Map<string, FlowElement[]>();
  for (const e of model.elements) {
    if (e.type === 'boundaryEvent') continue;
    const list = children.get(e.parentId) ?? [];
    list.push(e);
    children.set(e.parentId, list);
  }

  /** Lays out one container's contents; positions are relative to its top left. */
  async function layoutContainer(containerId: string): Promise<{ width: number; height: number; relative: Placed }> {
    const nodes = children.get(containerId) ?? [];
    const sizes = new Map<string, { width: number; height: number; inner?: Placed }>();
    for (const node of nodes) {
      if ((children.get(node.id)?.length ?? 0) > 0) {
        const inner = await layoutContainer(node.id);
        expanded.add(node.id);
        sizes.set(node.id, { width: inner.width, height: inner.height, inner: inner.relative });
      } else {
        sizes.set(node.id, defaultSize(node.type));
      }
    }
    const ids = new Set(nodes.map((n) => n.id));
    const hostOf = (id: string) => {
      const e = model.elements.find((x) => x.id === id);
      return e?.type === 'boundaryEvent' ? e.attachedToRef : id;
    };
    const graph: ElkNode = {
      id: `layout:${containerId}`,
      layoutOptions: OPTIONS,
      children: nodes.map((n) => ({ id: n.id, width: sizes.get(n.id)?.width ?? 100, height: sizes.get(n.id)?.height ?? 80 })),
      edges: model.flows
        .map((f) => ({ id: f.id, source: hostOf(f.sourceRef), target: hostOf(f.targetRef) }))
        .filter((f) => ids.has(f.source) && ids.has(f.target) && f.source !== f.target)
        .map((f) => ({ id: f.id, sources: [f.source], targets: [f.target] })),
    };
    const result = await elk.layout(graph);
    const relative: Placed = new Map();
    let width = 0;
    let height = 0;
    for (const child of result.children ?? []) {
      const size = sizes.get(child.id);
      const b = { x: Math.round((child.x ?? 0) + PAD.side), y: Math.round((child.y ?? 0) + PAD.top), width: size?.width ?? 100, height: size?.height ?? 80 };
      relative.set(child.id, b);
      for (const [innerId, ib] of size?.inner ?? []) relative.set(innerId, { ...ib, x: ib.x + b.x, y: ib.y + b.y });
      width = Math.max(width, b.x + b.width);
      height = Math.max(height, b.y + b.height);
    }
    return { width: Math.max(width + PAD.side, SIZES.container.width / 2), height: Math.max(height + PAD.bottom, SIZES.container.height / 2), relative };
  }

  /** A process's contents, with its lanes stacked when it has any (positions relative to its top left). */
  async function layoutProcess(processId: string): Promise<{ width: number; height: number; relative: Placed; lanes: Placed }> {
    const laid = await layoutContainer(processId);
    const process = model.processes.find((p) => p.id === processId);
    const topLanes = (process?.laneSets ?? []).flatMap((set) => set.lanes);
    if (topLanes.length === 0) return { ...laid, lanes: new Map() };
    return stackLanes(topLanes, children.get(processId) ?? [], laid.relative, model);
  }

  const shapes: Shape[] = [];
  const participants = model.collaboration?.participants ?? [];
  let y = 0;
  const placeLanes = (lanes: Placed, dx: number, dy: number) => {
    for (const [id, b] of lanes) {
      const moved = { ...b, x: b.x + dx, y: b.y + dy };
      placed.set(id, moved);
      shapes.push(shape(id, moved, { isHorizontal: true }));
    }
  };
  if (participants.length > 0) {
    for (const participant of participants) {
      if (!participant.processRef) {
        shapes.push(shape(participant.id, { x: 0, y, width: SIZES.pool.width, height: 100 }, { isHorizontal: true }));
        y += 100 + POOL_GAP;
        continue;
      }
      const laid = await layoutProcess(participant.processRef);
      const pool = { x: 0, y, width: Math.max(laid.width + POOL_HEADER, SIZES.pool.width), height: laid.lanes.size > 0 ? laid.height : Math.max(laid.height, 150) };
      shapes.push(shape(participant.id, pool, { isHorizontal: true }));
      // Lanes fill the pool's width.
      const widened = new Map([...laid.lanes].map(([id, b]) => [id, { ...b, width: pool.width - POOL_HEADER - b.x }]));
      placeLanes(widened, POOL_HEADER, y);
      for (const [id, b] of laid.relative) placed.set(id, { ...b, x: b.x + POOL_HEADER, y: b.y + y });
      y += pool.height + POOL_GAP;
    }
  } else {
    for (const process of model.processes) {
      const laid = await layoutProcess(process.id);
      placeLanes(laid.lanes, 0, y);
      for (const [id, b] of laid.relative) placed.set(id, { ...b, y: b.y + y });
      y += laid.height + POOL_GAP;
    }
  }

  // Boundary events: spread along the bottom border of their host.
  const byHost = new Map<string, string[]>();
  for (const e of model.elements) if (e.type === 'boundaryEvent') byHost.set(e.attachedToRef, [...(byHost.get(e.attachedToRef) ?? []), e.id]);
  for (const [hostId, events] of byHost) {
    const host = placed.get(hostId);
    if (!host) continue;
    events.forEach((id, i) => {
      const cx = host.x + (host.width * (i + 1)) / (events.length + 1);
      placed.set(id, { x: Math.round(cx - 18), y: Math.round(host.y + host.height - 18), width: 36, height: 36 });
    });
  }

  for (const e of model.elements) {
    const b = placed.get(e.id);
    if (!b) continue;
    const extra: Partial<Shape> = {};
    if (e.type === 'exclusiveGateway') extra.isMarkerVisible = true;
    if (e.type === 'subProcess' || e.type === 'transaction' || e.type === 'adHocSubProcess' || e.type === 'callActivity') extra.isExpanded = expanded.has(e.id);
    shapes.push(shape(e.id, b, extra));
  }

  // Text annotations: above the element they are associated with, else above the first shape.
  for (const a of model.artifacts) {
    if (a.type !== 'textAnnotation') continue;
    const association = model.artifacts.find((x) => x.type === 'association' && (x.sourceRef === a.id || x.targetRef === a.id));
    const other = association?.type === 'association' ? (association.sourceRef === a.id ? association.targetRef : association.sourceRef) : undefined;
    const anchor = (other !== undefined ? placed.get(other) : undefined) ?? { x: PAD.side, y: PAD.top, width: 0, height: 0 };
    const b = { x: anchor.x, y: anchor.y - 70, width: SIZES.textAnnotation.width, height: SIZES.textAnnotation.height };
    placed.set(a.id, b);
    shapes.push(shape(a.id, b));
  }
  for (const s of shapes) if (!placed.has(s.bpmnElement)) placed.set(s.bpmnElement, s.bounds);

  const edges: Edge[] = [];
  const gateways = new Set(model.elements.filter((e) => e.type.endsWith('Gateway')).map((e) => e.id));
  const connect = (id: string, sourceRef: string, targetRef: string) => {
    const s = placed.get(sourceRef);
    const t = placed.get(targetRef);
    if (s && t) edges.push({ id: `${id}_di`, bpmnElement: id, waypoints: route(s, t, gateways.has(sourceRef)), attrs: {} });
  };
  for (const f of model.flows) connect(f.id, f.sourceRef, f.targetRef);
  for (const a of model.artifacts) if (a.type === 'association') connect(a.id, a.sourceRef, a.targetRef);
  for (const m of model.collaboration?.messageFlows ?? []) connect(m.id, m.sourceRef, m.targetRef);

  const diagram: Diagram = {
    id: model.diagrams[0]?.id ?? 'BPMNDiagram_1',
    plane: { id: model.diagrams[0]?.plane.id ?? 'BPMNPlane_1', bpmnElement: model.collaboration?.id ?? model.processes[0]?.id },
    shapes,
    edges,
  };
  return { ...model, diagrams: [diagram, ...model.diagrams.slice(1)] };
}

/**
 * Moves the elements of a laid-out process into one band per lane (see the contract above).
 * `relative` holds every element (sub-process contents too); `topLevel` the process's own ones.
 */
function stackLanes(
  topLanes: Lane[],
  topLevel: FlowElement[],
  relative: Placed,
  model: BpmnModel,
): { width: number; height: number; relative: Placed; lanes: Placed } {
  // Each top-level element's innermost lane (a parent lane lists its child lanes' elements too).
  const laneOf = new Map<string, string>();
  const claim = (lanes: Lane[]) => {
    for (const lane of lanes) {
      for (const ref of lane.flowNodeRefs) laneOf.set(ref, lane.id);
      claim(lane.childLanes);
    }
  };
  claim(topLanes);
  const members = new Map<string | null, FlowElement[]>();
  for (const e of topLevel) {
    const key = laneOf.get(e.id) ?? null;
    members.set(key, [...(members.get(key) ?? []), e]);
  }
  // What moves with a top-level element: its contents and the boundary events on it and them.
  const inner = new Map<string, string[]>();
  for (const e of model.elements) {
    let top: FlowElement | undefined = e;
    const seen = new Set<string>();
    while (top && !topLevel.includes(top) && !seen.has(top.id)) {
      seen.add(top.id);
      const parentId: string = top.type === 'boundaryEvent' ? top.attachedToRef : top.parentId;
      top = model.elements.find((x) => x.id === parentId);
    }
    if (top && top !== e) inner.set(top.id, [...(inner.get(top.id) ?? []), e.id]);
  }

  const out: Placed = new Map();
  const lanes: Placed = new Map();
  let right = 0;
  /** Puts one band of elements at `top`, shifted right by `dx`; returns its height. */
  const band = (elements: FlowElement[], top: number, dx: number): number => {
    const boxes = elements.map((e) => relative.get(e.id)).filter((b): b is Bounds => b !== undefined);
    if (boxes.length === 0) return LANE_MIN_HEIGHT;
    const minY = Math.min(...boxes.map((b) => b.y));
    const maxY = Math.max(...boxes.map((b) => b.y + b.height));
    // Boundary events hang 18 below their host's bottom border.
    const height = Math.max(LANE_MIN_HEIGHT, maxY - minY + 2 * LANE_PAD + 18);
    const dy = top + Math.round((height - (maxY - minY)) / 2) - minY;
    for (const e of elements) {
      for (const id of [e.id, ...(inner.get(e.id) ?? [])]) {
        const b = relative.get(id);
        if (!b) continue;
        const moved = { ...b, x: b.x + dx, y: b.y + dy };
        out.set(id, moved);
        right = Math.max(right, moved.x + moved.width);
      }
    }
    return height;
  };
  /** Lays the lanes out from `top`, their left edge at `x`; returns the height they take. */
  const stack = (list: Lane[], top: number, x: number): number => {
    let y = top;
    for (const lane of list) {
      const height = lane.childLanes.length > 0 ? stack(lane.childLanes, y, x + LANE_HEADER) : band(members.get(lane.id) ?? [], y, x + LANE_HEADER);
      lanes.set(lane.id, { x, y, width: 0, height });
      y += height;
    }
    return y - top;
  };
  let height = stack(topLanes, 0, 0);
  const loose = members.get(null) ?? [];
  if (loose.length > 0) height += band(loose, height, LANE_HEADER);
  const width = right + PAD.side;
  // Every lane reaches the right border.
  for (const [id, b] of lanes) lanes.set(id, { ...b, width: width - b.x });
  return { width, height, relative: out, lanes };
}

function shape(id: string, bounds: Bounds, extra: Partial<Shape> = {}): Shape {
  return { id: `${id}_di`, bpmnElement: id, bounds, attrs: {}, ...extra };
}

function route(s: Bounds, t: Bounds, fromGateway: boolean): Point[] {
  const points = routeOrthogonal(s, t, { verticalStart: fromGateway });
  return points.length >= 2 ? points : [center(s), center(t)];
}

export { needsLayout } from './needs-layout';
