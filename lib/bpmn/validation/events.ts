/**
 * Event rules: timer values, references to messages, errors, escalations and signals, link
 * pairs, and compensation handlers.
 */
import type { Finding } from '../findings';
import type { EventDefinition, FlowElement } from '../model';
import { isActivity, isEvent } from '../model';
import { checkFeel } from '../expressions';
import { parseTimer, timerValueOf, type TimerDefinition, type TimerField } from '../timers';
import {
  compensationHandlersOf,
  describeElement,
  expressionProblem,
  finding,
  isCompensationBoundary,
  sentence,
  type ValidationContext,
} from './context';

const TIMER_FIELD_LABELS: Record<TimerField, string> = { timeDate: 'date', timeDuration: 'duration', timeCycle: 'cycle' };

export function checkTimers(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (!isEvent(element)) continue;
    for (const definition of element.eventDefinitions) {
      if (definition.kind === 'timer') findings.push(...checkTimer(element, definition));
    }
  }
  return findings;
}

function checkTimer(element: FlowElement, definition: TimerDefinition): Finding[] {
  const name = sentence(describeElement(element));
  const timer = timerValueOf(definition);
  if (!timer.ok && timer.given.length === 0) {
    return [finding('timer.no-value', element.id, `${name} has a timer without a date, duration or cycle: give exactly one.`)];
  }
  if (!timer.ok) {
    const which = timer.given.map((field) => TIMER_FIELD_LABELS[field]).join(' and ');
    return [finding('timer.several-values', element.id, `${name} has a timer with ${which} at once: give exactly one.`)];
  }

  const { field, value: body } = timer;
  const findings: Finding[] = [];
  const parsed = parseTimer(field, body);
  if (!parsed.ok) {
    findings.push(finding('timer.invalid', element.id, `${name} has an invalid timer ${TIMER_FIELD_LABELS[field]}: ${parsed.reason}.`));
  } else if (parsed.spec.kind === 'dynamic') {
    const check = checkFeel(parsed.spec.feel, 'expression');
    if (!check.ok) {
      findings.push(finding('timer.invalid', element.id, `${name} has a timer ${TIMER_FIELD_LABELS[field]} "${parsed.spec.feel}" that is not valid FEEL: ${check.message}.`));
    }
  }
  if (field === 'timeCycle' && !cycleAllowed(element)) {
    findings.push(
      finding('timer.cycle-not-allowed', element.id, `${name} has a timer cycle, but it can fire only once: cycles are for start events and non-interrupting boundary events.`),
    );
  }
  return findings;
}

function cycleAllowed(element: FlowElement): boolean {
  if (element.type === 'startEvent') return true;
  return element.type === 'boundaryEvent' && !element.cancelActivity;
}

// ---------------------------------------------------------------------------------------
// References to messages, errors, escalations and signals

/** Throw events (end and intermediate throw) must say what they throw; catch events may catch all. */
function isThrowEvent(element: FlowElement): boolean {
  return element.type === 'endEvent' || element.type === 'intermediateThrowEvent';
}

export function checkReferences(context: ValidationContext): Finding[] {
  const { globals } = context.model;
  const messages = new Set(globals.messages.map((message) => message.id));
  const errors = new Set(globals.errors.map((error) => error.id));
  const escalations = new Set(globals.escalations.map((escalation) => escalation.id));
  const signals = new Set(globals.signals.map((signal) => signal.id));
  const findings: Finding[] = [];

  for (const element of context.elements) {
    const name = sentence(describeElement(element));
    if (element.type === 'receiveTask') {
      findings.push(...checkMessageRef(element, element.messageRef, messages, true));
    }
    if (element.type === 'sendTask') {
      findings.push(...checkMessageRef(element, element.messageRef, messages, false));
    }
    if (!isEvent(element)) continue;
    for (const definition of element.eventDefinitions) {
      switch (definition.kind) {
        case 'message':
          findings.push(...checkMessageRef(element, definition.messageRef, messages, true));
          break;
        case 'error':
          if (definition.errorRef === undefined) {
            if (isThrowEvent(element)) findings.push(finding('error.missing-ref', element.id, `${name} throws an error but names no error: choose which error it throws.`));
          } else if (!errors.has(definition.errorRef)) {
            findings.push(finding('error.unknown-ref', element.id, `${name} refers to the error "${definition.errorRef}", which does not exist.`));
          }
          break;
        case 'escalation':
          if (definition.escalationRef === undefined) {
            if (isThrowEvent(element)) {
              findings.push(finding('escalation.missing-ref', element.id, `${name} throws an escalation but names no escalation: choose which one it throws.`));
            }
          } else if (!escalations.has(definition.escalationRef)) {
            findings.push(finding('escalation.unknown-ref', element.id, `${name} refers to the escalation "${definition.escalationRef}", which does not exist.`));
          }
          break;
        case 'signal':
          if (definition.signalRef === undefined) {
            findings.push(finding('signal.missing-ref', element.id, `${name} names no signal: choose which signal it ${isThrowEvent(element) ? 'sends' : 'waits for'}.`));
          } else if (!signals.has(definition.signalRef)) {
            findings.push(finding('signal.unknown-ref', element.id, `${name} refers to the signal "${definition.signalRef}", which does not exist.`));
          }
          break;
        default:
          break;
      }
    }
  }
  return findings;
}

function checkMessageRef(element: FlowElement, messageRef: string | undefined, messages: Set<string>, required: boolean): Finding[] {
  const name = sentence(describeElement(element));
  if (messageRef === undefined) {
    return required ? [finding('message.missing-ref', element.id, `${name} names no message: choose the message it ${isThrowEvent(element) ? 'sends' : 'waits for'}.`)] : [];
  }
  if (!messages.has(messageRef)) {
    return [finding('message.unknown-ref', element.id, `${name} refers to the message "${messageRef}", which does not exist.`)];
  }
  return [];
}

/** Correlation keys of message catch events and receive tasks: `=expr` is FEEL, other text a fixed key. */
export function checkCorrelationKeys(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    const key = 'correlationKey' in element ? element.correlationKey : undefined;
    if (key === undefined) continue;
    const problem = expressionProblem(key, { bare: 'literal' });
    if (problem !== null) {
      findings.push(finding('message.invalid-correlation-key', element.id, `${sentence(describeElement(element))} has an invalid correlation key: ${problem}.`));
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------
// Links

function linkDefinitionsOf(element: FlowElement): Extract<EventDefinition, { kind: 'link' }>[] {
  if (!isEvent(element)) return [];
  return element.eventDefinitions.flatMap((definition) => (definition.kind === 'link' ? [definition] : []));
}

/** Link throw and catch events pair up by name within one process or sub-process. */
export function checkLinks(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const catchesByScopeAndName = new Map<string, FlowElement[]>();
  for (const element of context.elements) {
    if (element.type !== 'intermediateCatchEvent') continue;
    for (const link of linkDefinitionsOf(element)) {
      if (!link.linkName) continue;
      const key = `${element.parentId}\u0000${link.linkName}`;
      const catches = catchesByScopeAndName.get(key) ?? [];
      catches.push(element);
      catchesByScopeAndName.set(key, catches);
    }
  }

  for (const element of context.elements) {
    const name = sentence(describeElement(element));
    for (const link of linkDefinitionsOf(element)) {
      if (!link.linkName) {
        findings.push(finding('link.missing-name', element.id, `${name} has no link name: throw and catch events pair up by name.`));
        continue;
      }
      const catches = catchesByScopeAndName.get(`${element.parentId}\u0000${link.linkName}`) ?? [];
      if (element.type === 'intermediateThrowEvent' && catches.length === 0) {
        findings.push(finding('link.no-catch', element.id, `${name} throws the link "${link.linkName}", but no link catch event of that name is in the same scope.`));
      }
      if (element.type === 'intermediateCatchEvent' && catches.indexOf(element) > 0) {
        findings.push(finding('link.duplicate-catch', element.id, `${name} catches the link "${link.linkName}", as does ${describeElement(catches[0])} in the same scope: link names must be unique.`));
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------
// Compensation

export function checkCompensation(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    const name = sentence(describeElement(element));
    if (isCompensationBoundary(element) && compensationHandlersOf(context, element.id).length === 0) {
      findings.push(
        finding('compensation.no-handler', element.id, `${name} has no compensation activity: associate it with an activity marked "for compensation".`),
      );
    }
    if (!isEvent(element)) continue;
    for (const definition of element.eventDefinitions) {
      if (definition.kind !== 'compensate' || definition.activityRef === undefined) continue;
      const activity = context.elementsById.get(definition.activityRef);
      if (activity === undefined || !isActivity(activity)) {
        findings.push(finding('compensation.unknown-activity', element.id, `${name} compensates "${definition.activityRef}", which is not an activity of this model.`));
      }
    }
  }
  return findings;
}
