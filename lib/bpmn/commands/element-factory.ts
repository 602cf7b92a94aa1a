/**
 * What the modeler can create: the palette catalogue, and a complete new element (defaults filled
 * through the model's schemas) for each entry. Pure.
 */
import {
  AgentSettingsSchema,
  ArtifactSchema,
  FlowElementSchema,
  type Artifact,
  type EventDefinitionKind,
  type FlowElement,
  type FlowElementType,
} from '../model';

export type PaletteGroup = 'events' | 'tasks' | 'gateways' | 'containers' | 'artifacts';

export type PaletteEntry = {
  /** Stable key, also the drag payload and the test id (`palette-<key>`). */
  key: string;
  label: string;
  group: PaletteGroup;
  /** What it creates. */
  create:
    | { kind: 'element'; type: FlowElementType; eventDefinition?: EventDefinitionKind; agent?: boolean; triggeredByEvent?: boolean; expanded?: boolean }
    | { kind: 'artifact'; type: 'textAnnotation' }
    | { kind: 'pool' }
    | { kind: 'lane' };
};

export const PALETTE: PaletteEntry[] = [
  { key: 'start-event', label: 'Start event', group: 'events', create: { kind: 'element', type: 'startEvent' } },
  { key: 'timer-start-event', label: 'Timer start event', group: 'events', create: { kind: 'element', type: 'startEvent', eventDefinition: 'timer' } },
  { key: 'message-start-event', label: 'Message start event', group: 'events', create: { kind: 'element', type: 'startEvent', eventDefinition: 'message' } },
  { key: 'intermediate-throw-event', label: 'Intermediate throw event', group: 'events', create: { kind: 'element', type: 'intermediateThrowEvent' } },
  { key: 'timer-catch-event', label: 'Timer catch event', group: 'events', create: { kind: 'element', type: 'intermediateCatchEvent', eventDefinition: 'timer' } },
  { key: 'message-catch-event', label: 'Message catch event', group: 'events', create: { kind: 'element', type: 'intermediateCatchEvent', eventDefinition: 'message' } },
  { key: 'end-event', label: 'End event', group: 'events', create: { kind: 'element', type: 'endEvent' } },
  { key: 'error-end-event', label: 'Error end event', group: 'events', create: { kind: 'element', type: 'endEvent', eventDefinition: 'error' } },
  { key: 'terminate-end-event', label: 'Terminate end event', group: 'events', create: { kind: 'element', type: 'endEvent', eventDefinition: 'terminate' } },
  { key: 'timer-boundary-event', label: 'Timer boundary event', group: 'events', create: { kind: 'element', type: 'boundaryEvent', eventDefinition: 'timer' } },
  { key: 'error-boundary-event', label: 'Error boundary event', group: 'events', create: { kind: 'element', type: 'boundaryEvent', eventDefinition: 'error' } },
  { key: 'message-boundary-event', label: 'Message boundary event', group: 'events', create: { kind: 'element', type: 'boundaryEvent', eventDefinition: 'message' } },
  { key: 'task', label: 'Task', group: 'tasks', create: { kind: 'element', type: 'task' } },
  { key: 'user-task', label: 'User task', group: 'tasks', create: { kind: 'element', type: 'userTask' } },
  { key: 'agent-task', label: 'Agent task', group: 'tasks', create: { kind: 'element', type: 'serviceTask', agent: true } },
  { key: 'service-task', label: 'Service task', group: 'tasks', create: { kind: 'element', type: 'serviceTask' } },
  { key: 'script-task', label: 'Script task', group: 'tasks', create: { kind: 'element', type: 'scriptTask' } },
  { key: 'send-task', label: 'Send task', group: 'tasks', create: { kind: 'element', type: 'sendTask' } },
  { key: 'receive-task', label: 'Receive task', group: 'tasks', create: { kind: 'element', type: 'receiveTask' } },
  { key: 'manual-task', label: 'Manual task', group: 'tasks', create: { kind: 'element', type: 'manualTask' } },
  { key: 'business-rule-task', label: 'Business rule task', group: 'tasks', create: { kind: 'element', type: 'businessRuleTask' } },
  { key: 'call-activity', label: 'Call activity', group: 'tasks', create: { kind: 'element', type: 'callActivity' } },
  { key: 'exclusive-gateway', label: 'Exclusive gateway', group: 'gateways', create: { kind: 'element', type: 'exclusiveGateway' } },
  { key: 'parallel-gateway', label: 'Parallel gateway', group: 'gateways', create: { kind: 'element', type: 'parallelGateway' } },
  { key: 'inclusive-gateway', label: 'Inclusive gateway', group: 'gateways', create: { kind: 'element', type: 'inclusiveGateway' } },
  { key: 'event-based-gateway', label: 'Event-based gateway', group: 'gateways', create: { kind: 'element', type: 'eventBasedGateway' } },
  { key: 'sub-process', label: 'Sub-process (expanded)', group: 'containers', create: { kind: 'element', type: 'subProcess', expanded: true } },
  { key: 'event-sub-process', label: 'Event sub-process', group: 'containers', create: { kind: 'element', type: 'subProcess', expanded: true, triggeredByEvent: true } },
  { key: 'ad-hoc-sub-process', label: 'Ad-hoc sub-process', group: 'containers', create: { kind: 'element', type: 'adHocSubProcess', expanded: true } },
  { key: 'pool', label: 'Pool', group: 'containers', create: { kind: 'pool' } },
  { key: 'lane', label: 'Lane', group: 'containers', create: { kind: 'lane' } },
  { key: 'text-annotation', label: 'Text annotation', group: 'artifacts', create: { kind: 'artifact', type: 'textAnnotation' } },
];

export function paletteEntry(key: string): PaletteEntry | undefined {
  return PALETTE.find((entry) => entry.key === key);
}

/** The id prefix bpmn-js uses for each kind of element. */
export function idPrefix(type: FlowElementType | 'textAnnotation' | 'sequenceFlow' | 'messageFlow' | 'association' | 'pool' | 'lane' | 'process'): string {
  switch (type) {
    case 'startEvent':
      return 'StartEvent';
    case 'endEvent':
      return 'EndEvent';
    case 'intermediateCatchEvent':
    case 'intermediateThrowEvent':
      return 'Event';
    case 'boundaryEvent':
      return 'BoundaryEvent';
    case 'exclusiveGateway':
    case 'inclusiveGateway':
    case 'parallelGateway':
    case 'complexGateway':
    case 'eventBasedGateway':
      return 'Gateway';
    case 'textAnnotation':
      return 'TextAnnotation';
    case 'sequenceFlow':
      return 'Flow';
    case 'messageFlow':
      return 'MessageFlow';
    case 'association':
      return 'Association';
    case 'pool':
      return 'Participant';
    case 'lane':
      return 'Lane';
    case 'process':
      return 'Process';
    default:
      return 'Activity';
  }
}

export const SIZES = {
  activity: { width: 100, height: 80 },
  event: { width: 36, height: 36 },
  gateway: { width: 50, height: 50 },
  container: { width: 350, height: 200 },
  textAnnotation: { width: 100, height: 30 },
  pool: { width: 600, height: 250 },
  lane: { width: 570, height: 125 },
} as const;

export function defaultSize(type: FlowElementType, expanded = false): { width: number; height: number } {
  if (type.endsWith('Event')) return SIZES.event;
  if (type.endsWith('Gateway')) return SIZES.gateway;
  if (expanded) return SIZES.container;
  return SIZES.activity;
}

/** A new flow element of the given kind, every default filled in. */
export function createFlowElement(input: {
  id: string;
  type: FlowElementType;
  parentId: string;
  name?: string;
  eventDefinition?: EventDefinitionKind;
  agent?: boolean;
  triggeredByEvent?: boolean;
  attachedToRef?: string;
}): FlowElement {
  const raw: Record<string, unknown> = { id: input.id, type: input.type, parentId: input.parentId };
  if (input.name) raw.name = input.name;
  if (input.type.endsWith('Event')) raw.eventDefinitions = input.eventDefinition ? [{ kind: input.eventDefinition }] : [];
  if (input.type === 'boundaryEvent') raw.attachedToRef = input.attachedToRef ?? '';
  if (input.agent) raw.agent = AgentSettingsSchema.parse({});
  if (input.triggeredByEvent) raw.triggeredByEvent = true;
  return FlowElementSchema.parse(raw);
}

export function createTextAnnotation(input: { id: string; parentId: string; text?: string }): Exclude<Artifact, { type: 'association' }> {
  const artifact = ArtifactSchema.parse({ type: 'textAnnotation', id: input.id, parentId: input.parentId, text: input.text ?? '' });
  if (artifact.type !== 'textAnnotation') throw new Error('unreachable: parsed a text annotation');
  return artifact;
}
