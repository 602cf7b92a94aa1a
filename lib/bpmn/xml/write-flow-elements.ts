/**
 * Writes the content of a process or sub-process: flow nodes (with incoming/outgoing), sequence
 * flows, data and artifacts whose parentId is the container, recursing into sub-processes.
 * Element order in the file: the container's untyped content from extras, flow nodes and data
 * in model order, then sequence flows.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Artifact, BpmnModel, EventDefinition, Expression, FlowElement, SequenceFlow } from '../model';
import { writeBatonExtensions } from './baton-extensions';
import { settingsOf } from './element-settings';
import { applyOverlay, isJsonObject, jsonToElement } from './moddle-json';
import { isModdleElement } from './moddle';
import { createWithBase, refer, referMany, setIf, type WriteContext } from './write-context';
import { writeAttrs, writeExtensionElements } from './xml-element';

/** The model's lists grouped by parentId, plus incoming/outgoing flow ids per node. */
export type ModelIndex = {
  elementsIn(parentId: string): FlowElement[];
  flowsIn(parentId: string): SequenceFlow[];
  artifactsIn(parentId: string): Artifact[];
  incoming(nodeId: string): string[];
  outgoing(nodeId: string): string[];
};

/**
 * Elements whose parent is neither a process, a sub-process nor the collaboration (a model
 * edited into an inconsistent state) are written into the first process rather than dropped.
 */
export function indexModel(model: BpmnModel): ModelIndex {
  const containers = new Set<string>([
    ...model.processes.map((p) => p.id),
    ...model.elements.filter((e) => e.type === 'subProcess' || e.type === 'transaction' || e.type === 'adHocSubProcess').map((e) => e.id),
    ...(model.collaboration ? [model.collaboration.id] : []),
  ]);
  const fallback = model.processes[0]?.id ?? model.collaboration?.id ?? '';
  const parentOf = (parentId: string) => (containers.has(parentId) ? parentId : fallback);
  const group = <T extends { parentId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const key = parentOf(item.parentId);
      map.set(key, [...(map.get(key) ?? []), item]);
    }
    return map;
  };
  const elements = group(model.elements);
  const flows = group(model.flows);
  const artifacts = group(model.artifacts);
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const f of model.flows) {
    outgoing.set(f.sourceRef, [...(outgoing.get(f.sourceRef) ?? []), f.id]);
    incoming.set(f.targetRef, [...(incoming.get(f.targetRef) ?? []), f.id]);
  }
  return {
    elementsIn: (id) => elements.get(id) ?? [],
    flowsIn: (id) => flows.get(id) ?? [],
    artifactsIn: (id) => artifacts.get(id) ?? [],
    incoming: (id) => incoming.get(id) ?? [],
    outgoing: (id) => outgoing.get(id) ?? [],
  };
}

const DATA_ARTIFACTS = new Set<Artifact['type']>(['dataObject', 'dataObjectReference', 'dataStoreReference']);

/** Appends the container's children to `flowElements`/`artifacts` of `container`. */
export function writeFlowContent(ctx: WriteContext, container: ModdleElement, containerId: string, index: ModelIndex): void {
  const flowElements = existing(container, 'flowElements');
  const artifacts = existing(container, 'artifacts');
  for (const el of index.elementsIn(containerId)) flowElements.push(writeFlowNode(ctx, el, index));
  for (const a of index.artifactsIn(containerId)) (DATA_ARTIFACTS.has(a.type) ? flowElements : artifacts).push(writeArtifact(ctx, a));
  for (const f of index.flowsIn(containerId)) flowElements.push(writeSequenceFlow(ctx, f));
  for (const child of [...flowElements, ...artifacts]) child.$parent = container;
  if (flowElements.length > 0) container.set('flowElements', flowElements);
  if (artifacts.length > 0) container.set('artifacts', artifacts);
}

function existing(el: ModdleElement, property: string): ModdleElement[] {
  const value = Object.prototype.hasOwnProperty.call(el, property) ? el[property] : undefined;
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

function moddleType(type: string): string {
  return `bpmn:${type.charAt(0).toUpperCase()}${type.slice(1)}`;
}

export function writeExpression(ctx: WriteContext, e: Expression | undefined): ModdleElement | undefined {
  if (!e) return undefined;
  return ctx.moddle.create('bpmn:FormalExpression', { body: e.body, ...(e.language !== undefined ? { language: e.language } : {}) });
}

function writeBodyExpression(ctx: WriteContext, body: string | undefined): ModdleElement | undefined {
  return body === undefined ? undefined : writeExpression(ctx, { body });
}

// ---------------------------------------------------------------------------------------
// Flow nodes

function writeFlowNode(ctx: WriteContext, el: FlowElement, index: ModelIndex): ModdleElement {
  const node = createWithBase(ctx, moddleType(el.type), el, writeBatonExtensions(settingsOf(el)));
  referMany(ctx, node, 'incoming', index.incoming(el.id));
  referMany(ctx, node, 'outgoing', index.outgoing(el.id));
  switch (el.type) {
    case 'startEvent':
      writeEventDefinitions(ctx, node, el.eventDefinitions);
      if (!el.isInterrupting) node.set('isInterrupting', false);
      break;
    case 'boundaryEvent':
      writeEventDefinitions(ctx, node, el.eventDefinitions);
      refer(ctx, node, 'attachedToRef', el.attachedToRef);
      if (!el.cancelActivity) node.set('cancelActivity', false);
      break;
    case 'endEvent':
    case 'intermediateCatchEvent':
    case 'intermediateThrowEvent':
      writeEventDefinitions(ctx, node, el.eventDefinitions);
      break;
    case 'exclusiveGateway':
    case 'inclusiveGateway':
    case 'complexGateway':
      setIf(node, 'gatewayDirection', el.gatewayDirection);
      refer(ctx, node, 'default', el.default);
      break;
    case 'parallelGateway':
      setIf(node, 'gatewayDirection', el.gatewayDirection);
      break;
    case 'eventBasedGateway':
      setIf(node, 'gatewayDirection', el.gatewayDirection);
      setIf(node, 'instantiate', el.instantiate);
      setIf(node, 'eventGatewayType', el.eventGatewayType);
      break;
    default:
      writeActivity(ctx, node, el, index);
  }
  return node;
}

type ActivityElement = Extract<FlowElement, { loop?: unknown }>;

function writeActivity(ctx: WriteContext, node: ModdleElement, el: ActivityElement, index: ModelIndex): void {
  refer(ctx, node, 'default', el.default);
  setIf(node, 'isForCompensation', el.isForCompensation);
  writeLoop(ctx, node, el);
  switch (el.type) {
    case 'scriptTask':
      setIf(node, 'scriptFormat', el.scriptFormat);
      setIf(node, 'script', el.script);
      break;
    case 'sendTask':
    case 'receiveTask':
      refer(ctx, node, 'messageRef', el.messageRef);
      break;
    case 'callActivity':
      setIf(node, 'calledElement', el.calledElement);
      break;
    case 'subProcess':
    case 'transaction':
    case 'adHocSubProcess':
      if (el.triggeredByEvent) node.set('triggeredByEvent', true);
      if (el.type === 'adHocSubProcess') {
        setIf(node, 'completionCondition', writeBodyExpression(ctx, el.completionCondition));
        setIf(node, 'ordering', el.ordering);
        setIf(node, 'cancelRemainingInstances', el.cancelRemainingInstances);
      }
      writeFlowContent(ctx, node, el.id, index);
      break;
  }
}

/** The typed loop, with the untyped rest of the loop element (extras.loopCharacteristics) under it. */
function writeLoop(ctx: WriteContext, node: ModdleElement, el: ActivityElement): void {
  const rest = el.extras?.loopCharacteristics;
  const loop = el.loop;
  if (!loop) {
    // A loop kind the model does not type was kept whole.
    if (isJsonObject(rest) && typeof rest.$type === 'string') setIf(node, 'loopCharacteristics', jsonToElement(rest, ctx));
    return;
  }
  const lc = ctx.moddle.create(loop.kind === 'multiInstance' ? 'bpmn:MultiInstanceLoopCharacteristics' : 'bpmn:StandardLoopCharacteristics');
  if (isJsonObject(rest) && rest.$type === undefined) applyOverlay(lc, rest, ctx);
  setIf(lc, 'id', loop.id);
  if (loop.kind === 'multiInstance') {
    if (loop.isSequential) lc.set('isSequential', true);
    setIf(lc, 'loopCardinality', writeBodyExpression(ctx, loop.loopCardinality));
    setIf(lc, 'completionCondition', writeBodyExpression(ctx, loop.completionCondition));
  } else {
    setIf(lc, 'loopCondition', writeBodyExpression(ctx, loop.loopCondition));
    setIf(lc, 'testBefore', loop.testBefore);
    setIf(lc, 'loopMaximum', loop.loopMaximum);
  }
  ctx.refs.register(lc);
  setIf(node, 'loopCharacteristics', lc);
}

function writeEventDefinitions(ctx: WriteContext, node: ModdleElement, defs: EventDefinition[]): void {
  const written = defs.map((d) => writeEventDefinition(ctx, d));
  for (const d of written) d.$parent = node;
  if (written.length > 0) node.set('eventDefinitions', written);
}

function writeEventDefinition(ctx: WriteContext, d: EventDefinition): ModdleElement {
  const kindType: Record<EventDefinition['kind'], string> = {
    message: 'bpmn:MessageEventDefinition',
    timer: 'bpmn:TimerEventDefinition',
    signal: 'bpmn:SignalEventDefinition',
    error: 'bpmn:ErrorEventDefinition',
    escalation: 'bpmn:EscalationEventDefinition',
    compensate: 'bpmn:CompensateEventDefinition',
    conditional: 'bpmn:ConditionalEventDefinition',
    link: 'bpmn:LinkEventDefinition',
    terminate: 'bpmn:TerminateEventDefinition',
    cancel: 'bpmn:CancelEventDefinition',
  };
  const def = ctx.moddle.create(kindType[d.kind]);
  setIf(def, 'id', d.id);
  setIf(def, 'extensionElements', writeExtensionElements(d.extensions, ctx.moddle, ctx.prefixes));
  writeAttrs(def, d.attrs ?? {}, ctx.prefixes);
  switch (d.kind) {
    case 'message':
      refer(ctx, def, 'messageRef', d.messageRef);
      break;
    case 'timer':
      setIf(def, 'timeDate', writeExpression(ctx, d.timeDate));
      setIf(def, 'timeDuration', writeExpression(ctx, d.timeDuration));
      setIf(def, 'timeCycle', writeExpression(ctx, d.timeCycle));
      break;
    case 'signal':
      refer(ctx, def, 'signalRef', d.signalRef);
      break;
    case 'error':
      refer(ctx, def, 'errorRef', d.errorRef);
      break;
    case 'escalation':
      refer(ctx, def, 'escalationRef', d.escalationRef);
      break;
    case 'compensate':
      refer(ctx, def, 'activityRef', d.activityRef);
      setIf(def, 'waitForCompletion', d.waitForCompletion);
      break;
    case 'conditional':
      setIf(def, 'condition', writeExpression(ctx, d.condition));
      break;
    case 'link':
      setIf(def, 'name', d.linkName);
      break;
    case 'terminate':
    case 'cancel':
      break;
  }
  ctx.refs.register(def);
  return def;
}

// ---------------------------------------------------------------------------------------
// Sequence flows and artifacts

function writeSequenceFlow(ctx: WriteContext, f: SequenceFlow): ModdleElement {
  const flow = createWithBase(ctx, 'bpmn:SequenceFlow', f);
  refer(ctx, flow, 'sourceRef', f.sourceRef);
  refer(ctx, flow, 'targetRef', f.targetRef);
  setIf(flow, 'conditionExpression', writeExpression(ctx, f.condition));
  return flow;
}

export function writeArtifact(ctx: WriteContext, a: Artifact): ModdleElement {
  const el = createWithBase(ctx, moddleType(a.type), a);
  switch (a.type) {
    case 'textAnnotation':
      setIf(el, 'text', a.text);
      break;
    case 'association':
      refer(ctx, el, 'sourceRef', a.sourceRef);
      refer(ctx, el, 'targetRef', a.targetRef);
      setIf(el, 'associationDirection', a.associationDirection);
      break;
    case 'group':
      refer(ctx, el, 'categoryValueRef', a.categoryValueRef);
      break;
    case 'dataObject':
      setIf(el, 'isCollection', a.isCollection);
      break;
    case 'dataObjectReference':
      refer(ctx, el, 'dataObjectRef', a.dataObjectRef);
      break;
    case 'dataStoreReference':
      refer(ctx, el, 'dataStoreRef', a.dataStoreRef);
      break;
  }
  return el;
}
