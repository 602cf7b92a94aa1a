/**
 * Gateway and condition rules: which flows may carry conditions, whether the conditions are
 * valid FEEL (or translatable JUEL), default flows, and what may follow an event-based gateway.
 */
import type { Finding } from '../findings';
import type { FlowElement, SequenceFlow } from '../model';
import { isActivity } from '../model';
import { expressionToFeel, checkFeel } from '../expressions';
import { describeElement, describeFlow, finding, sentence, type ValidationContext } from './context';

/** A flow has a condition when its condition has a non-blank body. */
function hasCondition(flow: SequenceFlow): boolean {
  return flow.condition !== undefined && flow.condition.body.trim() !== '';
}

/** Gateways whose outgoing flows are chosen by conditions (complex gateways are unsupported). */
function isDecidingGateway(element: FlowElement): boolean {
  return element.type === 'exclusiveGateway' || element.type === 'inclusiveGateway' || element.type === 'complexGateway';
}

function defaultFlowOf(element: FlowElement): string | undefined {
  return 'default' in element ? element.default : undefined;
}

export function checkConditions(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const flow of context.flows) {
    if (!hasCondition(flow) || flow.condition === undefined) continue;
    const source = context.elementsById.get(flow.sourceRef);
    if (source === undefined) continue;
    const name = sentence(describeFlow(flow));

    const notAllowed = conditionNotAllowedReason(source);
    if (notAllowed !== null) {
      findings.push(finding('flow.condition-not-allowed', flow.id, `${name} has a condition, but ${notAllowed}.`));
      continue;
    }
    if (defaultFlowOf(source) === flow.id) {
      findings.push(finding('flow.condition-on-default', flow.id, `${name} is the default flow of ${describeElement(source)}; its condition is ignored.`));
      continue;
    }
    const feel = expressionToFeel(flow.condition);
    if (!feel.ok) {
      findings.push(finding('flow.invalid-condition', flow.id, `The condition of ${describeFlow(flow)} cannot be used: ${feel.reason}.`));
      continue;
    }
    const check = checkFeel(feel.feel, 'expression');
    if (!check.ok) {
      findings.push(finding('flow.invalid-condition', flow.id, `The condition "${feel.feel}" of ${describeFlow(flow)} is not valid FEEL: ${check.message}.`));
    }
  }
  return findings;
}

function conditionNotAllowedReason(source: FlowElement): string | null {
  if (isDecidingGateway(source)) return null;
  if (source.type === 'parallelGateway') return 'flows out of a parallel gateway are all taken, so conditions are not evaluated';
  if (source.type === 'eventBasedGateway') return 'flows out of an event-based gateway are chosen by the event that happens first';
  if (isActivity(source)) return 'conditional flows out of activities are not supported: route with an exclusive or inclusive gateway after the activity';
  return `flows out of ${describeElement(source)} cannot be conditional: route with an exclusive or inclusive gateway`;
}

export function checkDefaultFlows(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    const defaultId = defaultFlowOf(element);
    if (defaultId === undefined) continue;
    const flow = context.flowsById.get(defaultId);
    if (flow === undefined) {
      findings.push(finding('flow.default-not-outgoing', element.id, `${sentence(describeElement(element))} names "${defaultId}" as its default flow, which does not exist.`));
    } else if (flow.sourceRef !== element.id) {
      findings.push(
        finding('flow.default-not-outgoing', element.id, `${sentence(describeElement(element))} names ${describeFlow(flow)} as its default flow, but that flow does not leave it.`),
      );
    }
  }
  return findings;
}

/**
 * Exclusive and inclusive gateways that choose between several flows: each flow needs a
 * condition, except the default. A single outgoing flow is always taken.
 */
export function checkGatewayConditions(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (element.type !== 'exclusiveGateway' && element.type !== 'inclusiveGateway') continue;
    const outgoing = context.outgoing.get(element.id) ?? [];
    if (outgoing.length < 2) continue;
    for (const flow of outgoing) {
      if (hasCondition(flow) || element.default === flow.id) continue;
      findings.push(
        finding(
          'gateway.flow-without-condition',
          flow.id,
          `${sentence(describeFlow(flow))} leaves ${describeElement(element)} without a condition and is not its default flow: add a condition or make it the default.`,
        ),
      );
    }
  }
  return findings;
}

export function checkEventBasedGateways(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (element.type !== 'eventBasedGateway') continue;
    const outgoing = context.outgoing.get(element.id) ?? [];
    if (outgoing.length === 1) {
      findings.push(
        finding('event-gateway.too-few-targets', element.id, `${sentence(describeElement(element))} has only one outgoing flow: it chooses between at least two events.`),
      );
    }
    for (const flow of outgoing) {
      const target = context.elementsById.get(flow.targetRef);
      if (target === undefined || isEventGatewayTarget(target)) continue;
      findings.push(
        finding(
          'event-gateway.invalid-target',
          target.id,
          `${sentence(describeElement(target))} follows ${describeElement(element)}, but only intermediate message, timer or signal catch events and receive tasks may follow an event-based gateway.`,
        ),
      );
    }
  }
  return findings;
}

function isEventGatewayTarget(target: FlowElement): boolean {
  if (target.type === 'receiveTask') return true;
  if (target.type !== 'intermediateCatchEvent') return false;
  return target.eventDefinitions.length === 1 && ['message', 'timer', 'signal'].includes(target.eventDefinitions[0].kind);
}
