/**
 * How each BPMN element looks: the pure classification of a model element (plus its DI shape)
 * into the node data of types.ts. One switch per family; exhaustive over the model's unions.
 */
import type { Artifact, FlowElement, Shape } from '../model';
import type {
  ActivityMarkers,
  ActivityNodeData,
  ContainerNodeData,
  EventNodeData,
  GatewayNodeData,
  LoopMarker,
  ShapeColors,
  ShapeNodeData,
  TaskKind,
} from './types';

const BIOC_NS = 'http://bpmn.io/schema/bpmn/biocolor/1.0';
const OMG_COLOR_NS = 'http://www.omg.org/spec/BPMN/non-normative/color/1.0';

/** Hex, rgb()/rgba()/hsl() or a colour keyword; anything else is ignored. */
const SAFE_COLOR = /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([\d\s.,%]+\)|[a-z]{3,20})$/i;

/** Fill and stroke colours from DI extension attributes, when they look like colours. */
export function shapeColors(attrs: Record<string, string>): ShapeColors | undefined {
  const fill = attrs[`{${BIOC_NS}}fill`] ?? attrs[`{${OMG_COLOR_NS}}background-color`];
  const stroke = attrs[`{${BIOC_NS}}stroke`] ?? attrs[`{${OMG_COLOR_NS}}border-color`];
  const colors: ShapeColors = {};
  if (fill && SAFE_COLOR.test(fill.trim())) colors.fill = fill.trim();
  if (stroke && SAFE_COLOR.test(stroke.trim())) colors.stroke = stroke.trim();
  return colors.fill || colors.stroke ? colors : undefined;
}

/** What the element references that is outside the typed model (see map-diagram.ts). */
export type ElementContext = {
  /** True when a call activity calls a global task of this document (no `+` marker). */
  callsGlobalTask: boolean;
};

/** The node data of a flow element drawn with the given DI shape. */
export function flowElementVisual(el: FlowElement, shape: Shape, context: ElementContext): ShapeNodeData {
  const base = { elementId: el.id, name: el.name, colors: shapeColors(shape.attrs) };
  switch (el.type) {
    case 'startEvent':
      return eventVisual(base, 'start', el.eventDefinitions, { throwing: false, interrupting: el.isInterrupting });
    case 'endEvent':
      return eventVisual(base, 'end', el.eventDefinitions, { throwing: true, interrupting: true });
    case 'intermediateCatchEvent':
      return eventVisual(base, 'intermediate', el.eventDefinitions, { throwing: false, interrupting: true });
    case 'intermediateThrowEvent':
      return eventVisual(base, 'intermediate', el.eventDefinitions, { throwing: true, interrupting: true });
    case 'boundaryEvent':
      return eventVisual(base, 'boundary', el.eventDefinitions, { throwing: false, interrupting: el.cancelActivity });
    case 'exclusiveGateway':
      return gatewayVisual(base, 'exclusive', { showMarker: shape.isMarkerVisible === true });
    case 'inclusiveGateway':
      return gatewayVisual(base, 'inclusive', { showMarker: true });
    case 'parallelGateway':
      return gatewayVisual(base, 'parallel', { showMarker: true });
    case 'complexGateway':
      return gatewayVisual(base, 'complex', { showMarker: true });
    case 'eventBasedGateway':
      return gatewayVisual(base, 'eventBased', {
        showMarker: true,
        instantiate: el.instantiate ? (el.eventGatewayType === 'Parallel' ? 'parallel' : 'exclusive') : undefined,
      });
    case 'task':
      return taskVisual(base, el, 'task');
    case 'userTask':
      return taskVisual(base, el, 'user');
    case 'manualTask':
      return taskVisual(base, el, 'manual');
    case 'scriptTask':
      return taskVisual(base, el, 'script');
    case 'serviceTask':
      return taskVisual(base, el, el.agent ? 'agent' : 'service');
    case 'sendTask':
      return taskVisual(base, el, 'send');
    case 'receiveTask':
      return taskVisual(base, el, 'receive');
    case 'businessRuleTask':
      return taskVisual(base, el, 'businessRule');
    case 'callActivity':
      if (shape.isExpanded === true) return containerVisual(base, el, 'callActivity');
      return {
        ...taskVisual(base, el, 'callActivity'),
        markers: { ...activityMarkers(el), collapsed: !context.callsGlobalTask },
        thickBorder: true,
      };
    case 'subProcess':
    case 'transaction':
    case 'adHocSubProcess': {
      const variant =
        el.type === 'transaction'
          ? 'transaction'
          : el.type === 'adHocSubProcess'
            ? 'adHocSubProcess'
            : el.triggeredByEvent
              ? 'eventSubProcess'
              : 'subProcess';
      if (shape.isExpanded === true) return containerVisual(base, el, variant);
      return {
        ...taskVisual(base, el, el.type),
        markers: { ...activityMarkers(el), collapsed: true },
        doubleBorder: el.type === 'transaction',
        dottedBorder: el.triggeredByEvent,
      };
    }
  }
}

/** The node data of an artifact drawn as a shape (associations are edges, not here). */
export function artifactVisual(
  artifact: Exclude<Artifact, { type: 'association' }>,
  shape: Shape,
  context: { dataObjectName?: string; collection: boolean; groupLabel?: string },
): ShapeNodeData {
  const colors = shapeColors(shape.attrs);
  switch (artifact.type) {
    case 'textAnnotation':
      return { kind: 'textAnnotation', elementId: artifact.id, text: artifact.text ?? '', colors };
    case 'group':
      return { kind: 'group', elementId: artifact.id, name: artifact.name ?? context.groupLabel, colors };
    case 'dataObject':
    case 'dataObjectReference':
      return {
        kind: 'dataObject',
        elementId: artifact.id,
        name: artifact.name ?? context.dataObjectName,
        collection: context.collection,
        io: 'none',
        colors,
      };
    case 'dataStoreReference':
      return { kind: 'dataStore', elementId: artifact.id, name: artifact.name, colors };
  }
}

type Base = { elementId: string; name?: string; colors?: ShapeColors };

function eventVisual(
  base: Base,
  position: EventNodeData['position'],
  definitions: readonly { kind: EventNodeData['symbol'] }[],
  options: { throwing: boolean; interrupting: boolean },
): EventNodeData {
  const symbol = definitions.length === 0 ? 'none' : definitions.length === 1 ? definitions[0].kind : 'multiple';
  return { ...base, kind: 'event', position, symbol, throwing: options.throwing, interrupting: options.interrupting };
}

function gatewayVisual(
  base: Base,
  gatewayKind: GatewayNodeData['gatewayKind'],
  options: { showMarker: boolean; instantiate?: GatewayNodeData['instantiate'] },
): GatewayNodeData {
  const data: GatewayNodeData = { ...base, kind: 'gateway', gatewayKind, showMarker: options.showMarker };
  if (options.instantiate) data.instantiate = options.instantiate;
  return data;
}

type ActivityLike = Extract<FlowElement, { isForCompensation?: boolean }>;

function loopMarker(el: ActivityLike): LoopMarker {
  if (!el.loop) return 'none';
  if (el.loop.kind === 'standardLoop') return 'standard';
  return el.loop.isSequential ? 'sequential' : 'parallel';
}

function activityMarkers(el: ActivityLike): ActivityMarkers {
  return {
    loop: loopMarker(el),
    compensation: el.isForCompensation === true,
    collapsed: false,
    adHoc: el.type === 'adHocSubProcess',
  };
}

function taskVisual(base: Base, el: ActivityLike, taskKind: TaskKind): ActivityNodeData {
  return {
    ...base,
    kind: 'activity',
    taskKind,
    markers: activityMarkers(el),
    thickBorder: false,
    doubleBorder: false,
    dottedBorder: false,
  };
}

function containerVisual(base: Base, el: ActivityLike, variant: ContainerNodeData['variant']): ContainerNodeData {
  return { ...base, kind: 'container', variant, markers: activityMarkers(el) };
}
