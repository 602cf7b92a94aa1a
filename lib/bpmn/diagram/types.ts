/**
 * What the read-only diagram (and later the modeler canvas) draws, derived from a BpmnModel's
 * diagram interchange (DI). Framework-free: the shapes below are structurally what React Flow
 * takes as nodes and edges, so components hand them over as they are.
 *
 * Contract
 * - Every position is absolute, in DI coordinates (no React Flow `parentId`): containers
 *   (pools, lanes, expanded sub-processes, groups) are drawn under their contents through
 *   `zIndex` alone (see Z in map-diagram.ts).
 * - Node ids are BPMN element ids; external labels are separate nodes with id `label:<id>`.
 * - Edge waypoints are the DI waypoints; edges are never routed by React Flow.
 */
import type { Bounds, EventDefinitionKind, Point } from '../model';

/** Colours from DI extension attributes (bpmn.io `bioc:` or the OMG colour extension). */
export type ShapeColors = { fill?: string; stroke?: string };

type NodeDataBase = {
  /** The BPMN element id this node draws. */
  elementId: string;
  name?: string;
  colors?: ShapeColors;
};

export type TaskKind =
  | 'task'
  | 'user'
  | 'service'
  | 'script'
  | 'send'
  | 'receive'
  | 'manual'
  | 'businessRule'
  | 'agent'
  | 'callActivity'
  | 'subProcess'
  | 'transaction'
  | 'adHocSubProcess';

export type LoopMarker = 'none' | 'standard' | 'parallel' | 'sequential';

/** Markers drawn at the bottom centre of an activity, in this order. */
export type ActivityMarkers = {
  loop: LoopMarker;
  compensation: boolean;
  /** The `+` of a collapsed sub-process or of a call activity that calls a process. */
  collapsed: boolean;
  adHoc: boolean;
};

/** A task, a call activity or a collapsed sub-process: a rounded rectangle with its name inside. */
export type ActivityNodeData = NodeDataBase & {
  kind: 'activity';
  taskKind: TaskKind;
  markers: ActivityMarkers;
  /** Thick border (call activity). */
  thickBorder: boolean;
  /** Double border (transaction). */
  doubleBorder: boolean;
  /** Dotted border (event sub-process). */
  dottedBorder: boolean;
};

export type ContainerVariant = 'subProcess' | 'eventSubProcess' | 'transaction' | 'adHocSubProcess' | 'callActivity';

/** An expanded sub-process (or expanded call activity): a container with its name at the top left. */
export type ContainerNodeData = NodeDataBase & {
  kind: 'container';
  variant: ContainerVariant;
  markers: ActivityMarkers;
};

export type EventPosition = 'start' | 'intermediate' | 'boundary' | 'end';
/** The definition drawn inside an event; `multiple` when it has more than one. */
export type EventSymbol = EventDefinitionKind | 'none' | 'multiple';

export type EventNodeData = NodeDataBase & {
  kind: 'event';
  position: EventPosition;
  symbol: EventSymbol;
  /** Throwing events (end, intermediate throw) draw their symbol filled. */
  throwing: boolean;
  /** Non-interrupting start or boundary events are drawn dashed. */
  interrupting: boolean;
};

export type GatewayKind = 'exclusive' | 'inclusive' | 'parallel' | 'complex' | 'eventBased';

export type GatewayNodeData = NodeDataBase & {
  kind: 'gateway';
  gatewayKind: GatewayKind;
  /** Exclusive gateways show their X only when DI says so (`isMarkerVisible`). */
  showMarker: boolean;
  /** Event-based gateways that start a process (`instantiate`), parallel or exclusive. */
  instantiate?: 'exclusive' | 'parallel';
};

export type PoolNodeData = NodeDataBase & {
  kind: 'pool';
  horizontal: boolean;
  /** A black-box pool (no process): just a box with its name in the middle. */
  blackBox: boolean;
};

export type LaneNodeData = NodeDataBase & { kind: 'lane'; horizontal: boolean };

export type TextAnnotationNodeData = NodeDataBase & { kind: 'textAnnotation'; text: string };

export type DataObjectNodeData = NodeDataBase & {
  kind: 'dataObject';
  collection: boolean;
  /** Data inputs and outputs of a process are drawn as data objects with an arrow. */
  io: 'none' | 'input' | 'output';
};

export type DataStoreNodeData = NodeDataBase & { kind: 'dataStore' };

export type GroupNodeData = NodeDataBase & { kind: 'group' };

/** A DI shape whose element the model does not type: drawn as a dashed box, never dropped. */
export type UnknownNodeData = NodeDataBase & { kind: 'unknown' };

/** The external label of an event, gateway, data element or flow, at its DI label bounds. */
export type LabelNodeData = {
  kind: 'label';
  /** The element the label belongs to. */
  elementId: string;
  text: string;
};

export type ShapeNodeData =
  | ActivityNodeData
  | ContainerNodeData
  | EventNodeData
  | GatewayNodeData
  | PoolNodeData
  | LaneNodeData
  | TextAnnotationNodeData
  | DataObjectNodeData
  | DataStoreNodeData
  | GroupNodeData
  | UnknownNodeData;

export type DiagramNodeData = ShapeNodeData | LabelNodeData;
export type DiagramNodeKind = DiagramNodeData['kind'];

/** A node as React Flow takes it: `type` equals `data.kind`. */
export type DiagramNode<D extends DiagramNodeData = DiagramNodeData> = {
  id: string;
  type: D['kind'];
  position: Point;
  width: number;
  height: number;
  zIndex: number;
  data: D;
  selected?: boolean;
  draggable?: boolean;
  connectable?: boolean;
};

export type FlowEdgeData =
  | {
      kind: 'sequenceFlow';
      elementId: string;
      waypoints: Point[];
      /** A conditional flow out of an activity: diamond at the source. */
      conditional: boolean;
      /** The default flow of its source: slash near the source. */
      isDefault: boolean;
    }
  | {
      kind: 'messageFlow';
      elementId: string;
      waypoints: Point[];
      /** DI `messageVisibleKind`: an envelope on the flow, blank (initiating) or shaded. */
      message?: 'initiating' | 'nonInitiating';
    }
  | { kind: 'association'; elementId: string; waypoints: Point[]; direction: 'None' | 'One' | 'Both' }
  | { kind: 'dataAssociation'; elementId: string; waypoints: Point[] }
  /** A DI edge whose element the model does not type. */
  | { kind: 'unknown'; elementId: string; waypoints: Point[] };

export type FlowEdgeKind = FlowEdgeData['kind'];

/** An edge as React Flow takes it; every edge has the one custom type `bpmn`. */
export type DiagramEdge = {
  id: string;
  type: 'bpmn';
  source: string;
  target: string;
  zIndex: number;
  data: FlowEdgeData;
  selected?: boolean;
};

export type DiagramChoice = { index: number; label: string };

export type MappedDiagram = {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Every diagram of the model, for a selector. */
  diagrams: DiagramChoice[];
  /** The index of the diagram drawn (-1 when the model has none). */
  diagramIndex: number;
  /** The number of DI shapes drawn (labels not counted). */
  shapeCount: number;
  /** Drawable model elements that have no DI in this diagram, so are not shown. */
  withoutDi: string[];
  /** DI entries that could not be drawn (an edge with fewer than two waypoints...). */
  undrawable: string[];
  /** The bounds of everything drawn, labels included (undefined when nothing is). */
  bounds?: Bounds;
};
