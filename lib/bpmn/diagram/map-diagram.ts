/**
 * BpmnModel → the nodes and edges of one of its diagrams (see types.ts for the contract).
 *
 * Stacking (React Flow `zIndex`; edges and nodes interleave by it): pools, then lanes, then
 * expanded sub-processes by nesting depth, then groups, then every edge, then flow nodes and
 * data, then boundary events (over the activity they sit on), then external labels.
 */
import { isActivity, type BpmnModel, type Bounds, type FlowElement, type JsonValue, type Lane, type Point, type Shape } from '../model';
import { artifactVisual, flowElementVisual, shapeColors } from './element-visuals';
import {
  DEFAULT_LABEL_SIZE,
  defaultEdgeLabelBounds,
  defaultShapeLabelBounds,
  distanceToBounds,
  area,
  unionBounds,
  boundsOfPoints,
} from './geometry';
import type {
  DiagramChoice,
  DiagramEdge,
  DiagramNode,
  FlowEdgeData,
  LabelNodeData,
  MappedDiagram,
  ShapeNodeData,
} from './types';

export const Z = {
  pool: 0,
  lane: 1,
  /** Expanded sub-processes: container + nesting depth (capped below `group`). */
  container: 10,
  group: 40,
  edge: 50,
  flowNode: 100,
  boundaryEvent: 110,
  label: 200,
} as const;

/** Node kinds whose name is drawn outside the shape, at the DI label bounds. */
const EXTERNAL_LABEL_KINDS = new Set<ShapeNodeData['kind']>(['event', 'gateway', 'dataObject', 'dataStore', 'group']);

export function diagramChoices(model: BpmnModel): DiagramChoice[] {
  return model.diagrams.map((d, index) => ({
    index,
    label: d.name?.trim() || d.plane.bpmnElement || d.id || `Diagram ${index + 1}`,
  }));
}

export function mapDiagram(model: BpmnModel, options: { diagramIndex?: number } = {}): MappedDiagram {
  const diagrams = diagramChoices(model);
  const index = Math.min(Math.max(options.diagramIndex ?? 0, 0), model.diagrams.length - 1);
  const lookup = buildLookup(model);
  if (model.diagrams.length === 0) {
    return { nodes: [], edges: [], diagrams, diagramIndex: -1, shapeCount: 0, withoutDi: [...lookup.drawable], undrawable: [] };
  }
  const diagram = model.diagrams[index];

  const nodes: DiagramNode[] = [];
  const labels: DiagramNode<LabelNodeData>[] = [];
  const shapeBounds = new Map<string, Bounds>();
  const undrawable: string[] = [];

  for (const shape of diagram.shapes) {
    const id = shape.bpmnElement;
    if (shapeBounds.has(id)) {
      undrawable.push(id);
      continue;
    }
    const bounds = sane(shape.bounds);
    const placed = shapeNode(shape, lookup);
    shapeBounds.set(id, bounds);
    nodes.push({ id, type: placed.data.kind, position: { x: bounds.x, y: bounds.y }, width: bounds.width, height: bounds.height, zIndex: placed.zIndex, data: placed.data });
    const text = placed.data.name?.trim();
    if (text && EXTERNAL_LABEL_KINDS.has(placed.data.kind)) {
      const labelBounds = shape.label?.bounds ? sane(shape.label.bounds) : defaultShapeLabelBounds(bounds);
      labels.push(labelNode(id, text, labelBounds));
    }
  }

  const edges: DiagramEdge[] = [];
  const edgeIds = new Set<string>();
  for (const diEdge of diagram.edges) {
    const id = diEdge.bpmnElement;
    if (edgeIds.has(id) || diEdge.waypoints.length < 2 || nodes.length === 0) {
      undrawable.push(id);
      continue;
    }
    edgeIds.add(id);
    const { data, sourceRef, targetRef, name } = edgeData(id, diEdge.waypoints, diEdge.attrs, lookup);
    const waypoints = diEdge.waypoints;
    edges.push({
      id,
      type: 'bpmn',
      source: endpointNode(sourceRef, waypoints[0], shapeBounds),
      target: endpointNode(targetRef, waypoints[waypoints.length - 1], shapeBounds),
      zIndex: Z.edge,
      data,
    });
    const text = name?.trim();
    if (text) {
      const labelBounds = diEdge.label?.bounds ? sane(diEdge.label.bounds) : defaultEdgeLabelBounds(waypoints);
      labels.push(labelNode(id, text, labelBounds));
    }
  }

  const drawn = new Set([...shapeBounds.keys(), ...edgeIds]);
  const withoutDi = [...lookup.drawable].filter((id) => !drawn.has(id));
  const allBounds = [
    ...shapeBounds.values(),
    ...labels.map((l) => ({ x: l.position.x, y: l.position.y, width: l.width, height: l.height })),
    ...edges.map((e) => boundsOfPoints(e.data.waypoints)).filter((b): b is Bounds => b !== undefined),
  ];

  return {
    nodes: [...nodes, ...labels],
    edges,
    diagrams,
    diagramIndex: index,
    shapeCount: nodes.length,
    withoutDi,
    undrawable,
    bounds: unionBounds(allBounds),
  };
}

// ---------------------------------------------------------------------------------------
// Shapes

function shapeNode(shape: Shape, lookup: Lookup): { data: ShapeNodeData; zIndex: number } {
  const id = shape.bpmnElement;
  const colors = shapeColors(shape.attrs);
  const horizontal = shape.isHorizontal !== false;

  const participant = lookup.participants.get(id);
  if (participant) {
    return {
      data: { kind: 'pool', elementId: id, name: participant.name, horizontal, blackBox: !participant.processRef, colors },
      zIndex: Z.pool,
    };
  }
  const lane = lookup.lanes.get(id);
  if (lane) return { data: { kind: 'lane', elementId: id, name: lane.name, horizontal, colors }, zIndex: Z.lane };

  const element = lookup.elements.get(id);
  if (element) {
    const data = flowElementVisual(element, shape, { callsGlobalTask: callsGlobalTask(element, lookup) });
    if (data.kind === 'container') return { data, zIndex: Z.container + Math.min(nestingDepth(element, lookup), Z.group - Z.container - 1) };
    return { data, zIndex: element.type === 'boundaryEvent' ? Z.boundaryEvent : Z.flowNode };
  }

  const artifact = lookup.artifacts.get(id);
  if (artifact && artifact.type !== 'association') {
    const dataObject =
      artifact.type === 'dataObjectReference' && artifact.dataObjectRef ? lookup.dataObjects.get(artifact.dataObjectRef) : undefined;
    const data = artifactVisual(artifact, shape, {
      dataObjectName: dataObject?.name,
      collection: (artifact.type === 'dataObject' ? artifact.isCollection : dataObject?.isCollection) === true,
      groupLabel: artifact.type === 'group' && artifact.categoryValueRef ? lookup.extra.get(artifact.categoryValueRef)?.value : undefined,
    });
    return { data, zIndex: data.kind === 'group' ? Z.group : Z.flowNode };
  }

  const extra = lookup.extra.get(id);
  if (extra && (extra.type === 'DataInput' || extra.type === 'DataOutput')) {
    return {
      data: { kind: 'dataObject', elementId: id, name: extra.name, collection: extra.isCollection, io: extra.type === 'DataInput' ? 'input' : 'output', colors },
      zIndex: Z.flowNode,
    };
  }
  if (extra && extra.type === 'DataStore') {
    return { data: { kind: 'dataStore', elementId: id, name: extra.name, colors }, zIndex: Z.flowNode };
  }
  // A shape the model does not type is still drawn where DI puts it: an unfilled dashed box,
  // stacked with the groups so that it hides nothing.
  return { data: { kind: 'unknown', elementId: id, name: extra?.name, colors }, zIndex: Z.group };
}

/**
 * A label node at DI label bounds, at least as wide as bpmn-js lays labels out (90): DI bounds
 * are fitted to the font of the tool that wrote them, so narrower ones would wrap every word.
 */
function labelNode(elementId: string, text: string, bounds: Bounds): DiagramNode<LabelNodeData> {
  const width = Math.max(bounds.width, DEFAULT_LABEL_SIZE.width);
  return {
    id: `label:${elementId}`,
    type: 'label',
    position: { x: bounds.x + bounds.width / 2 - width / 2, y: bounds.y },
    width,
    height: bounds.height,
    zIndex: Z.label,
    data: { kind: 'label', elementId, text },
  };
}

/** How many sub-processes (or other containers) enclose the element. */
function nestingDepth(element: FlowElement, lookup: Lookup): number {
  let depth = 0;
  let parent = lookup.elements.get(element.parentId);
  const seen = new Set<string>();
  while (parent && !seen.has(parent.id)) {
    seen.add(parent.id);
    depth += 1;
    parent = lookup.elements.get(parent.parentId);
  }
  return depth;
}

function callsGlobalTask(element: FlowElement, lookup: Lookup): boolean {
  if (element.type !== 'callActivity' || !element.calledElement) return false;
  const called = lookup.extra.get(element.calledElement);
  return called !== undefined && called.type.startsWith('Global');
}

// ---------------------------------------------------------------------------------------
// Edges

function edgeData(
  id: string,
  waypoints: Point[],
  attrs: Record<string, string>,
  lookup: Lookup,
): { data: FlowEdgeData; sourceRef?: string; targetRef?: string; name?: string } {
  const flow = lookup.flows.get(id);
  if (flow) {
    const source = lookup.elements.get(flow.sourceRef);
    const sourceIsActivity = source !== undefined && isActivity(source);
    const sourceDefault = source && 'default' in source ? source.default : undefined;
    return {
      data: {
        kind: 'sequenceFlow',
        elementId: id,
        waypoints,
        conditional: flow.condition !== undefined && sourceIsActivity,
        isDefault: sourceDefault === id,
      },
      sourceRef: flow.sourceRef,
      targetRef: flow.targetRef,
      name: flow.name,
    };
  }
  const messageFlow = lookup.messageFlows.get(id);
  if (messageFlow) {
    const visible = attrs.messageVisibleKind;
    const message = visible === 'initiating' ? 'initiating' : visible === 'non_initiating' ? 'nonInitiating' : undefined;
    return {
      data: { kind: 'messageFlow', elementId: id, waypoints, ...(message ? { message } : {}) },
      sourceRef: messageFlow.sourceRef,
      targetRef: messageFlow.targetRef,
      name: messageFlow.name,
    };
  }
  const artifact = lookup.artifacts.get(id);
  if (artifact && artifact.type === 'association') {
    return {
      data: { kind: 'association', elementId: id, waypoints, direction: artifact.associationDirection ?? 'None' },
      sourceRef: artifact.sourceRef,
      targetRef: artifact.targetRef,
      name: artifact.name,
    };
  }
  const extra = lookup.extra.get(id);
  if (extra && (extra.type === 'DataInputAssociation' || extra.type === 'DataOutputAssociation')) {
    return { data: { kind: 'dataAssociation', elementId: id, waypoints }, sourceRef: extra.sourceRef, targetRef: extra.targetRef };
  }
  return { data: { kind: 'unknown', elementId: id, waypoints } };
}

/**
 * The node an edge end attaches to: the referenced element when it is drawn, otherwise the
 * drawn shape nearest the end waypoint (the smallest, when several contain it). React Flow
 * needs both ends on nodes; the drawing itself only follows the waypoints.
 */
function endpointNode(ref: string | undefined, point: Point, shapes: Map<string, Bounds>): string {
  if (ref && shapes.has(ref)) return ref;
  let best: { id: string; distance: number; area: number } | undefined;
  for (const [id, b] of shapes) {
    const candidate = { id, distance: distanceToBounds(b, point), area: area(b) };
    if (!best || candidate.distance < best.distance || (candidate.distance === best.distance && candidate.area < best.area)) {
      best = candidate;
    }
  }
  // `shapes` is never empty here: mapDiagram draws no edge without a node.
  return best ? best.id : '';
}

// ---------------------------------------------------------------------------------------
// Lookups

/** An element the typed model keeps only as generic JSON (`extras`, `globals.other`). */
type ExtraElement = {
  /** The BPMN type without prefix, e.g. `DataInput`, `DataOutputAssociation`, `GlobalTask`. */
  type: string;
  name?: string;
  value?: string;
  isCollection: boolean;
  sourceRef?: string;
  targetRef?: string;
};

type Lookup = {
  elements: Map<string, FlowElement>;
  flows: Map<string, BpmnModel['flows'][number]>;
  artifacts: Map<string, BpmnModel['artifacts'][number]>;
  dataObjects: Map<string, Extract<BpmnModel['artifacts'][number], { type: 'dataObject' }>>;
  participants: Map<string, NonNullable<BpmnModel['collaboration']>['participants'][number]>;
  messageFlows: Map<string, NonNullable<BpmnModel['collaboration']>['messageFlows'][number]>;
  lanes: Map<string, Lane>;
  extra: Map<string, ExtraElement>;
  /** Ids of everything a diagram can draw (for counting what has no DI). */
  drawable: Set<string>;
};

function buildLookup(model: BpmnModel): Lookup {
  const elements = new Map(model.elements.map((e) => [e.id, e]));
  const flows = new Map(model.flows.map((f) => [f.id, f]));
  const artifacts = new Map(model.artifacts.map((a) => [a.id, a]));
  const dataObjects = new Map(
    model.artifacts.flatMap((a) => (a.type === 'dataObject' ? [[a.id, a] as const] : [])),
  );
  const participants = new Map((model.collaboration?.participants ?? []).map((p) => [p.id, p]));
  const messageFlows = new Map((model.collaboration?.messageFlows ?? []).map((m) => [m.id, m]));
  const lanes = new Map<string, Lane>();
  const addLanes = (list: Lane[]) => {
    for (const lane of list) {
      lanes.set(lane.id, lane);
      addLanes(lane.childLanes);
    }
  };
  for (const process of model.processes) for (const set of process.laneSets) addLanes(set.lanes);

  const extra = new Map<string, ExtraElement>();
  const scan = (value: JsonValue | undefined) => collectExtraElements(value, extra);
  for (const e of model.elements) scan(e.extras);
  for (const p of model.processes) scan(p.extras);
  for (const a of model.artifacts) scan(a.extras);
  for (const f of model.flows) scan(f.extras);
  if (model.collaboration) scan(model.collaboration.extras);
  for (const o of model.globals.other) scan(o);

  const drawable = new Set<string>([
    ...elements.keys(),
    ...flows.keys(),
    // A data object is drawn through its references, never itself.
    ...model.artifacts.filter((a) => a.type !== 'dataObject').map((a) => a.id),
    ...participants.keys(),
    ...messageFlows.keys(),
    ...lanes.keys(),
  ]);
  return { elements, flows, artifacts, dataObjects, participants, messageFlows, lanes, extra, drawable };
}

/**
 * Finds elements with an id inside generic JSON (as bpmn-moddle writes it: `$type` such as
 * `bpmn:DataInput`, references as ids or as objects with an id).
 */
function collectExtraElements(value: JsonValue | undefined, into: Map<string, ExtraElement>): void {
  if (value === null || value === undefined || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectExtraElements(v, into);
    return;
  }
  const id = value.id;
  const rawType = typeof value.$type === 'string' ? value.$type : typeof value.type === 'string' ? value.type : undefined;
  if (typeof id === 'string' && rawType && !into.has(id)) {
    into.set(id, {
      type: rawType.includes(':') ? rawType.slice(rawType.indexOf(':') + 1) : rawType,
      name: typeof value.name === 'string' ? value.name : undefined,
      value: typeof value.value === 'string' ? value.value : undefined,
      isCollection: value.isCollection === true || value.isCollection === 'true',
      sourceRef: refId(value.sourceRef),
      targetRef: refId(value.targetRef),
    });
  }
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'sourceRef' && key !== 'targetRef') collectExtraElements(v, into);
  }
}

function refId(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return refId(value[0]);
  if (value && typeof value === 'object' && typeof value.id === 'string') return value.id;
  return undefined;
}

/** DI sometimes has zero or negative sizes; React Flow needs at least one pixel. */
function sane(b: Bounds): Bounds {
  return { x: b.x, y: b.y, width: Math.max(1, b.width), height: Math.max(1, b.height) };
}
