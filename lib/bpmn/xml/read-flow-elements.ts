/**
 * Reads the content of a process or sub-process (flow nodes, sequence flows, data and artifacts)
 * into the model's flat lists. Nested sub-processes are flattened: their children get
 * `parentId` = the sub-process id, whether the sub-process is drawn expanded or collapsed.
 *
 * Contract: typed fields as model.ts defines them; every other meta-model property goes to
 * `extras` (see read-context.ts), flow elements the model has no type for go to the container's
 * `extras.flowElements` (artifacts: `extras.artifacts`), so that export can put them back.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { z } from 'zod';
import type {
  ArtifactSchema,
  EventDefinitionSchema,
  Expression,
  FlowElementSchema,
  JsonValue,
  LoopSchema,
  SequenceFlowSchema,
  XmlElement,
} from '../model';
import { isBatonElement } from './baton-extensions';
import { applySettings } from './element-settings';
import { elementToJson, propertiesToJson, type JsonObject } from './moddle-json';
import { ownBoolean, ownElement, ownElements, ownNumber, ownString } from './moddle';
import { idOf, readBase, readBatonSettings, refId, type ReadContext } from './read-context';
import { readVendorSettings } from './vendor-extensions';
import { readAttrs, readExtensionElements } from './xml-element';

type FlowElementInput = z.input<typeof FlowElementSchema>;
type SequenceFlowInput = z.input<typeof SequenceFlowSchema>;
type ArtifactInput = z.input<typeof ArtifactSchema>;
type EventDefinitionInput = z.input<typeof EventDefinitionSchema>;
type LoopInput = z.input<typeof LoopSchema>;

export type FlowContent = { elements: FlowElementInput[]; flows: SequenceFlowInput[]; artifacts: ArtifactInput[] };

const FLOW_NODE_TYPES: Record<string, FlowElementInput['type']> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:Transaction': 'transaction',
  'bpmn:AdHocSubProcess': 'adHocSubProcess',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:ComplexGateway': 'complexGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};

const DATA_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);
const ARTIFACT_TYPES = new Set(['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group']);

/**
 * Reads `container`'s children into `out` with parentId = `containerId`. Returns the children the
 * model does not type, as JSON for the container's extras.
 */
export function readFlowContent(ctx: ReadContext, container: ModdleElement, containerId: string, out: FlowContent): JsonObject {
  const untypedFlow: JsonValue[] = [];
  for (const el of ownElements(container, 'flowElements')) {
    if (el.$type === 'bpmn:SequenceFlow') out.flows.push(readSequenceFlow(ctx, el, containerId));
    else if (DATA_TYPES.has(el.$type)) out.artifacts.push(readArtifact(ctx, el, containerId));
    else if (FLOW_NODE_TYPES[el.$type]) readFlowNode(ctx, el, containerId, out);
    else untypedFlow.push(elementToJson(el, ctx));
  }
  const untypedArtifacts: JsonValue[] = [];
  for (const el of ownElements(container, 'artifacts')) {
    if (ARTIFACT_TYPES.has(el.$type)) out.artifacts.push(readArtifact(ctx, el, containerId));
    else untypedArtifacts.push(elementToJson(el, ctx));
  }
  return {
    ...(untypedFlow.length > 0 ? { flowElements: untypedFlow } : {}),
    ...(untypedArtifacts.length > 0 ? { artifacts: untypedArtifacts } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// Sequence flows

export function readSequenceFlow(ctx: ReadContext, el: ModdleElement, parentId: string): SequenceFlowInput {
  const sourceRef = refId(ctx, el, 'sourceRef') ?? '';
  const targetRef = refId(ctx, el, 'targetRef') ?? '';
  const id = idOf(ctx, el, `Flow_${sourceRef || 'unknown'}_${targetRef || 'unknown'}`);
  for (const [end, value] of [['sourceRef', sourceRef], ['targetRef', targetRef]] as const) {
    if (value) continue;
    ctx.findings.push({
      level: 'import',
      severity: 'error',
      code: 'flow-end-missing',
      message: `Sequence flow "${id}" has no ${end === 'sourceRef' ? 'source' : 'target'} (the ${end} attribute is missing).`,
      elementId: id,
    });
  }
  const condition = readExpression(ownElement(el, 'conditionExpression'));
  return {
    ...readBase(ctx, el, ['sourceRef', 'targetRef', 'conditionExpression'], id),
    parentId,
    sourceRef,
    targetRef,
    ...(condition ? { condition } : {}),
  };
}

/** A BPMN expression (formal or not) as the model's Expression; undefined when absent. */
export function readExpression(e: ModdleElement | undefined): Expression | undefined {
  if (!e) return undefined;
  const language = ownString(e, 'language');
  return { body: ownString(e, 'body') ?? '', ...(language !== undefined ? { language } : {}) };
}

function expressionBody(e: ModdleElement | undefined): string | undefined {
  return e ? (ownString(e, 'body') ?? '') : undefined;
}

// ---------------------------------------------------------------------------------------
// Flow nodes

const FLOW_NODE_CONSUMED = ['incoming', 'outgoing'];
const ACTIVITY_CONSUMED = [...FLOW_NODE_CONSUMED, 'default', 'isForCompensation', 'loopCharacteristics'];
const SUBPROCESS_CONSUMED = [...ACTIVITY_CONSUMED, 'triggeredByEvent', 'flowElements', 'artifacts'];
const GATEWAY_CONSUMED = [...FLOW_NODE_CONSUMED, 'gatewayDirection', 'default'];

function readFlowNode(ctx: ReadContext, el: ModdleElement, parentId: string, out: FlowContent): void {
  const type = FLOW_NODE_TYPES[el.$type];
  const id = idOf(ctx, el);
  const position = out.elements.length;
  const node = readTypedNode(ctx, el, type, id, parentId, out);
  const loop = ownElement(el, 'loopCharacteristics');
  const vendor = readVendorSettings({
    elementId: id,
    extensions: readExtensionElements(el, ctx.aliases).filter((x) => !isBatonElement(x)),
    attrs: readAttrs(el, ctx.aliases),
    loopExtensions: loop ? readExtensionElements(loop, ctx.aliases) : [],
    loopAttrs: loop ? readAttrs(loop, ctx.aliases) : {},
    messageExtensions: messageExtensionsOf(ctx, el),
  });
  ctx.findings.push(...vendor.findings);
  const withVendor = applySettings(node, vendor.settings, []);
  const final = applySettings(withVendor, readBatonSettings(ctx, el, id), ctx.findings);
  // A sub-process comes before its children, which readTypedNode has already added.
  out.elements.splice(position, 0, final);
}

function readTypedNode(
  ctx: ReadContext,
  el: ModdleElement,
  type: FlowElementInput['type'],
  id: string,
  parentId: string,
  out: FlowContent,
): FlowElementInput {
  switch (type) {
    case 'startEvent':
    case 'endEvent':
    case 'intermediateCatchEvent':
    case 'intermediateThrowEvent':
    case 'boundaryEvent':
      return readEvent(ctx, el, type, id, parentId);
    case 'exclusiveGateway':
    case 'inclusiveGateway':
    case 'complexGateway':
    case 'parallelGateway':
    case 'eventBasedGateway':
      return readGateway(ctx, el, type, id, parentId);
    default:
      return readActivity(ctx, el, type, id, parentId, out);
  }
}

function readEvent(
  ctx: ReadContext,
  el: ModdleElement,
  type: 'startEvent' | 'endEvent' | 'intermediateCatchEvent' | 'intermediateThrowEvent' | 'boundaryEvent',
  id: string,
  parentId: string,
): FlowElementInput {
  const consumed = [...FLOW_NODE_CONSUMED, 'eventDefinitions', 'isInterrupting', 'attachedToRef', 'cancelActivity'];
  const common = {
    ...readBase(ctx, el, consumed, id),
    parentId,
    eventDefinitions: ownElements(el, 'eventDefinitions')
      .map((d) => readEventDefinition(ctx, d))
      .filter((d): d is EventDefinitionInput => d !== undefined),
  };
  if (type === 'startEvent') return { type, ...common, isInterrupting: ownBoolean(el, 'isInterrupting') ?? true };
  if (type !== 'boundaryEvent') return { type, ...common };
  const attachedToRef = refId(ctx, el, 'attachedToRef') ?? '';
  if (!attachedToRef) {
    ctx.findings.push({
      level: 'import',
      severity: 'error',
      code: 'boundary-not-attached',
      message: `Boundary event "${id}" is not attached to any activity (attachedToRef is missing).`,
      elementId: id,
    });
  }
  return { type, ...common, attachedToRef, cancelActivity: ownBoolean(el, 'cancelActivity') ?? true };
}

function readEventDefinition(ctx: ReadContext, d: ModdleElement): EventDefinitionInput | undefined {
  const attrs = readAttrs(d, ctx.aliases);
  const base = {
    id: ownString(d, 'id'),
    extensions: readExtensionElements(d, ctx.aliases),
    ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
  };
  switch (d.$type) {
    case 'bpmn:MessageEventDefinition':
      return { kind: 'message', ...base, messageRef: refId(ctx, d, 'messageRef') };
    case 'bpmn:TimerEventDefinition':
      return {
        kind: 'timer',
        ...base,
        timeDate: readExpression(ownElement(d, 'timeDate')),
        timeDuration: readExpression(ownElement(d, 'timeDuration')),
        timeCycle: readExpression(ownElement(d, 'timeCycle')),
      };
    case 'bpmn:SignalEventDefinition':
      return { kind: 'signal', ...base, signalRef: refId(ctx, d, 'signalRef') };
    case 'bpmn:ErrorEventDefinition':
      return { kind: 'error', ...base, errorRef: refId(ctx, d, 'errorRef') };
    case 'bpmn:EscalationEventDefinition':
      return { kind: 'escalation', ...base, escalationRef: refId(ctx, d, 'escalationRef') };
    case 'bpmn:CompensateEventDefinition':
      return {
        kind: 'compensate',
        ...base,
        activityRef: refId(ctx, d, 'activityRef'),
        waitForCompletion: ownBoolean(d, 'waitForCompletion'),
      };
    case 'bpmn:ConditionalEventDefinition':
      return { kind: 'conditional', ...base, condition: readExpression(ownElement(d, 'condition')) };
    case 'bpmn:LinkEventDefinition':
      return { kind: 'link', ...base, linkName: ownString(d, 'name') };
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate', ...base };
    case 'bpmn:CancelEventDefinition':
      return { kind: 'cancel', ...base };
    default:
      return undefined;
  }
}

function readGateway(
  ctx: ReadContext,
  el: ModdleElement,
  type: 'exclusiveGateway' | 'inclusiveGateway' | 'complexGateway' | 'parallelGateway' | 'eventBasedGateway',
  id: string,
  parentId: string,
): FlowElementInput {
  const direction = ownString(el, 'gatewayDirection');
  const common = {
    ...readBase(ctx, el, [...GATEWAY_CONSUMED, 'instantiate', 'eventGatewayType'], id),
    parentId,
    gatewayDirection: oneOf(direction, ['Unspecified', 'Converging', 'Diverging', 'Mixed'] as const),
  };
  switch (type) {
    case 'parallelGateway':
      return { type, ...common };
    case 'eventBasedGateway':
      return {
        type,
        ...common,
        instantiate: ownBoolean(el, 'instantiate'),
        eventGatewayType: oneOf(ownString(el, 'eventGatewayType'), ['Exclusive', 'Parallel'] as const),
      };
    default:
      return { type, ...common, default: refId(ctx, el, 'default') };
  }
}

type ActivityType = Exclude<
  FlowElementInput['type'],
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'exclusiveGateway'
  | 'inclusiveGateway'
  | 'complexGateway'
  | 'parallelGateway'
  | 'eventBasedGateway'
>;

function readActivity(
  ctx: ReadContext,
  el: ModdleElement,
  type: ActivityType,
  id: string,
  parentId: string,
  out: FlowContent,
): FlowElementInput {
  const own: Record<ActivityType, readonly string[]> = {
    task: [],
    manualTask: [],
    userTask: [],
    scriptTask: ['scriptFormat', 'script'],
    serviceTask: [],
    sendTask: ['messageRef'],
    businessRuleTask: [],
    receiveTask: ['messageRef'],
    callActivity: ['calledElement'],
    subProcess: [],
    transaction: [],
    adHocSubProcess: ['completionCondition', 'ordering', 'cancelRemainingInstances'],
  };
  const isContainer = type === 'subProcess' || type === 'transaction' || type === 'adHocSubProcess';
  const loop = readLoop(ctx, el);
  // Children first: readFlowNode puts the sub-process itself in front of them.
  const untyped = isContainer ? readFlowContent(ctx, el, id, out) : {};
  const common = {
    ...readBase(ctx, el, [...(isContainer ? SUBPROCESS_CONSUMED : ACTIVITY_CONSUMED), ...own[type]], id, { ...loop.extras, ...untyped }),
    parentId,
    default: refId(ctx, el, 'default'),
    isForCompensation: ownBoolean(el, 'isForCompensation'),
    loop: loop.loop,
  };
  switch (type) {
    case 'scriptTask':
      return { type, ...common, scriptFormat: ownString(el, 'scriptFormat'), script: ownString(el, 'script') };
    case 'sendTask':
    case 'receiveTask':
      return { type, ...common, messageRef: refId(ctx, el, 'messageRef') };
    case 'callActivity':
      return { type, ...common, calledElement: ownString(el, 'calledElement') };
    case 'subProcess':
    case 'transaction':
      return { type, ...common, triggeredByEvent: ownBoolean(el, 'triggeredByEvent') ?? false };
    case 'adHocSubProcess':
      return {
        type,
        ...common,
        triggeredByEvent: ownBoolean(el, 'triggeredByEvent') ?? false,
        completionCondition: expressionBody(ownElement(el, 'completionCondition')),
        ordering: oneOf(ownString(el, 'ordering'), ['Parallel', 'Sequential'] as const),
        cancelRemainingInstances: ownBoolean(el, 'cancelRemainingInstances'),
      };
    default:
      return { type, ...common };
  }
}

/** `value` when it is one of `allowed` (a meta-model enumeration), else undefined. */
function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * The typed loop of an activity. What the model does not type of the loop element (data inputs,
 * vendor extensions, unknown attributes...) is returned as `extras.loopCharacteristics`, a
 * property bag export lays over the loop element it builds.
 */
function readLoop(ctx: ReadContext, el: ModdleElement): { loop?: LoopInput; extras: JsonObject } {
  const lc = ownElement(el, 'loopCharacteristics');
  if (!lc) return { extras: {} };
  const overlay = (consumed: string[]): JsonObject => {
    const rest: JsonObject = propertiesToJson(lc, new Set(['id', ...consumed]), ctx);
    const attrs = readAttrs(lc, ctx.aliases);
    if (Object.keys(attrs).length > 0) rest.$attrs = attrs;
    return Object.keys(rest).length > 0 ? { loopCharacteristics: rest } : {};
  };
  const id = ownString(lc, 'id');
  if (lc.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    return {
      loop: {
        kind: 'multiInstance',
        id,
        isSequential: ownBoolean(lc, 'isSequential') ?? false,
        loopCardinality: expressionBody(ownElement(lc, 'loopCardinality')),
        completionCondition: expressionBody(ownElement(lc, 'completionCondition')),
      },
      extras: overlay(['isSequential', 'loopCardinality', 'completionCondition']),
    };
  }
  if (lc.$type === 'bpmn:StandardLoopCharacteristics') {
    return {
      loop: {
        kind: 'standardLoop',
        id,
        loopCondition: expressionBody(ownElement(lc, 'loopCondition')),
        testBefore: ownBoolean(lc, 'testBefore'),
        loopMaximum: ownNumber(lc, 'loopMaximum'),
      },
      extras: overlay(['loopCondition', 'testBefore', 'loopMaximum']),
    };
  }
  return { extras: { loopCharacteristics: elementToJson(lc, ctx) } };
}

/** The vendor extensions of the message an element refers to (zeebe's correlation key). */
function messageExtensionsOf(ctx: ReadContext, el: ModdleElement): XmlElement[] {
  const refs = [refId(ctx, el, 'messageRef')];
  for (const d of ownElements(el, 'eventDefinitions')) {
    if (d.$type === 'bpmn:MessageEventDefinition') refs.push(refId(ctx, d, 'messageRef'));
  }
  return refs.flatMap((r) => (r ? (ctx.messageExtensions.get(r) ?? []) : []));
}

// ---------------------------------------------------------------------------------------
// Data and artifacts

export function readArtifact(ctx: ReadContext, el: ModdleElement, parentId: string): ArtifactInput {
  const id = idOf(ctx, el);
  const base = (consumed: string[]) => ({ ...readBase(ctx, el, consumed, id), parentId });
  switch (el.$type) {
    case 'bpmn:TextAnnotation':
      return { type: 'textAnnotation', ...base(['text']), text: ownString(el, 'text') };
    case 'bpmn:Association':
      return {
        type: 'association',
        ...base(['sourceRef', 'targetRef', 'associationDirection']),
        sourceRef: refId(ctx, el, 'sourceRef') ?? '',
        targetRef: refId(ctx, el, 'targetRef') ?? '',
        associationDirection: oneOf(ownString(el, 'associationDirection'), ['None', 'One', 'Both'] as const),
      };
    case 'bpmn:Group':
      return { type: 'group', ...base(['categoryValueRef']), categoryValueRef: refId(ctx, el, 'categoryValueRef') };
    case 'bpmn:DataObject':
      return { type: 'dataObject', ...base(['isCollection']), isCollection: ownBoolean(el, 'isCollection') };
    case 'bpmn:DataObjectReference':
      return { type: 'dataObjectReference', ...base(['dataObjectRef']), dataObjectRef: refId(ctx, el, 'dataObjectRef') };
    default:
      return { type: 'dataStoreReference', ...base(['dataStoreRef']), dataStoreRef: refId(ctx, el, 'dataStoreRef') };
  }
}
