/**
 * What the Baton engine executes: the single list of supported element types, event definitions
 * per event position, and element options.
 *
 * Contract
 * - `supportOf(element, context)` says whether the engine can run an element as modelled, and if
 *   not, why, in words for the person who drew it. Validation reports every unsupported element
 *   (lib/bpmn/validate.ts); the engine core relies on that and handles only what is listed here.
 * - Pure and total: every `FlowElementType` and every event definition kind has an entry, so a
 *   new type in model.ts fails to compile here until it is decided.
 * - Only executability is decided here. Whether an element is well-formed (has its refs, its
 *   flows, valid FEEL) is validation's job.
 */
import type { EventDefinitionKind, EventElement, FlowElement, FlowElementType } from './model';
import { isEvent } from './model';

export type Support = { supported: true } | { supported: false; reason: string };

const SUPPORTED: Support = { supported: true };

function notSupported(reason: string): Support {
  return { supported: false, reason };
}

/** Support by element type, before looking at event definitions and options. */
export const ELEMENT_TYPE_SUPPORT: Record<FlowElementType, Support> = {
  startEvent: SUPPORTED,
  endEvent: SUPPORTED,
  intermediateCatchEvent: SUPPORTED,
  intermediateThrowEvent: SUPPORTED,
  boundaryEvent: SUPPORTED,
  // Plain and manual tasks pass the token straight on.
  task: SUPPORTED,
  manualTask: SUPPORTED,
  userTask: SUPPORTED,
  scriptTask: SUPPORTED,
  serviceTask: SUPPORTED,
  sendTask: SUPPORTED,
  // Run as a job like a service task; there is no built-in DMN engine.
  businessRuleTask: SUPPORTED,
  receiveTask: SUPPORTED,
  callActivity: SUPPORTED,
  // Embedded and event sub-processes.
  subProcess: SUPPORTED,
  transaction: notSupported('transaction sub-processes are not supported: use a sub-process with compensation'),
  // Inner activities are activated by command (a person, an API client or an agent).
  adHocSubProcess: SUPPORTED,
  exclusiveGateway: SUPPORTED,
  inclusiveGateway: SUPPORTED,
  parallelGateway: SUPPORTED,
  eventBasedGateway: SUPPORTED,
  complexGateway: notSupported('complex gateways are not supported: use exclusive, inclusive or parallel gateways'),
};

/** Where an event sits; which triggers are allowed depends on it. */
export type EventPosition =
  | 'processStart'
  | 'subProcessStart'
  | 'eventSubProcessStart'
  | 'intermediateCatch'
  | 'intermediateThrow'
  | 'boundary'
  | 'end';

/** An event without event definitions. */
export type EventTrigger = EventDefinitionKind | 'none';

/**
 * The event triggers the engine executes, per position. Not listed anywhere: conditional and
 * cancel events (and events with several definitions, see `supportOf`).
 */
export const SUPPORTED_EVENT_TRIGGERS: Record<EventPosition, readonly EventTrigger[]> = {
  processStart: ['none', 'timer', 'message', 'signal'],
  subProcessStart: ['none'],
  eventSubProcessStart: ['timer', 'message', 'signal', 'error', 'escalation'],
  intermediateCatch: ['timer', 'message', 'signal', 'link'],
  intermediateThrow: ['none', 'message', 'signal', 'escalation', 'compensate', 'link'],
  boundary: ['timer', 'message', 'signal', 'error', 'escalation', 'compensate'],
  end: ['none', 'message', 'signal', 'error', 'escalation', 'compensate', 'terminate'],
};

const POSITION_LABELS: Record<EventPosition, string> = {
  processStart: 'start events of a process',
  subProcessStart: 'start events of an embedded sub-process',
  eventSubProcessStart: 'start events of an event sub-process',
  intermediateCatch: 'intermediate catch events',
  intermediateThrow: 'intermediate throw events',
  boundary: 'boundary events',
  end: 'end events',
};

const TRIGGER_LABELS: Record<EventTrigger, string> = {
  none: 'none (untyped)',
  message: 'message',
  timer: 'timer',
  signal: 'signal',
  error: 'error',
  escalation: 'escalation',
  compensate: 'compensation',
  conditional: 'conditional',
  link: 'link',
  terminate: 'terminate',
  cancel: 'cancel',
};

/** The kind of scope a start event is in; the other positions follow from the element type. */
export type SupportContext = {
  /** What directly contains the element (default 'process'). */
  scope?: 'process' | 'subProcess' | 'eventSubProcess';
};

export function eventPositionOf(element: EventElement, context: SupportContext = {}): EventPosition {
  switch (element.type) {
    case 'startEvent': {
      const scope = context.scope ?? 'process';
      if (scope === 'eventSubProcess') return 'eventSubProcessStart';
      if (scope === 'subProcess') return 'subProcessStart';
      return 'processStart';
    }
    case 'intermediateCatchEvent':
      return 'intermediateCatch';
    case 'intermediateThrowEvent':
      return 'intermediateThrow';
    case 'boundaryEvent':
      return 'boundary';
    case 'endEvent':
      return 'end';
  }
}

export function supportOf(element: FlowElement, context: SupportContext = {}): Support {
  const byType = ELEMENT_TYPE_SUPPORT[element.type];
  if (!byType.supported) return byType;

  if ('loop' in element && element.loop?.kind === 'standardLoop') {
    return notSupported('standard loops are not supported: use multi-instance (sequential) instead');
  }

  if (element.type === 'eventBasedGateway') {
    if (element.instantiate) return notSupported('event-based gateways that start a process are not supported: use message or timer start events');
    if (element.eventGatewayType === 'Parallel') return notSupported('parallel event-based gateways are not supported');
  }

  if (isEvent(element)) return eventSupport(element, context);
  return SUPPORTED;
}

function eventSupport(element: EventElement, context: SupportContext): Support {
  if (element.eventDefinitions.length > 1) {
    return notSupported('events with more than one event definition (multiple / parallel multiple) are not supported');
  }
  const position = eventPositionOf(element, context);
  const trigger: EventTrigger = element.eventDefinitions[0]?.kind ?? 'none';
  if (!SUPPORTED_EVENT_TRIGGERS[position].includes(trigger)) {
    return notSupported(`${TRIGGER_LABELS[trigger]} ${POSITION_LABELS[position]} are not supported`);
  }
  if (element.type === 'boundaryEvent' && trigger === 'error' && !element.cancelActivity) {
    return notSupported('error boundary events always interrupt the activity: a non-interrupting one is not allowed');
  }
  return SUPPORTED;
}
