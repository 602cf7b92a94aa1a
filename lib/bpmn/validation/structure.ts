/**
 * Structure rules: executable processes and their start events, parents, supported elements,
 * sequence flow ends, boundary attachment, reachability and implicit ends.
 */
import type { Finding } from '../findings';
import type { FlowElement } from '../model';
import { isActivity, isGateway } from '../model';
import { supportOf, type SupportContext } from '../support';
import {
  compensationHandlersOf,
  describeElement,
  describeFlow,
  finding,
  isCompensationBoundary,
  isCompensationHandler,
  isEventSubProcess,
  isSubProcessElement,
  sentence,
  type ValidationContext,
} from './context';

export function checkProcesses(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const executable = context.model.processes.filter((process) => process.isExecutable);
  if (executable.length === 0) {
    findings.push(finding('process.none-executable', undefined, 'No process is marked executable: mark the process to run as executable.'));
  }
  for (const process of executable) {
    const starts = (context.children.get(process.id) ?? []).filter((element) => element.type === 'startEvent');
    if (starts.length === 0) {
      const name = process.name ? `"${process.name}"` : process.id;
      findings.push(
        finding(
          'process.no-start-event',
          process.id,
          `Process ${name} has no start event of its own, so it cannot be started (start events of event sub-processes do not count).`,
        ),
      );
    }
  }
  return findings;
}

export function checkParentsAndSupport(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (context.processOf.get(element.id) === null) {
      findings.push(
        finding('element.unknown-parent', element.id, `${sentence(describeElement(element))} is inside "${element.parentId}", which is neither a process nor a sub-process of this model.`),
      );
      continue;
    }
    const support = supportOf(element, supportContextOf(context, element));
    if (!support.supported) {
      findings.push(finding('element.unsupported', element.id, `${sentence(describeElement(element))}: ${support.reason}.`));
    }
  }
  return findings;
}

function supportContextOf(context: ValidationContext, element: FlowElement): SupportContext {
  const parent = context.elementsById.get(element.parentId);
  if (parent === undefined) return { scope: 'process' };
  return { scope: isEventSubProcess(parent) ? 'eventSubProcess' : 'subProcess' };
}

export function checkSubProcessStarts(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    // Ad-hoc sub-processes have no start event by definition (and are reported as unsupported).
    if (element.type !== 'subProcess' && element.type !== 'transaction') continue;
    const starts = (context.children.get(element.id) ?? []).filter((child) => child.type === 'startEvent');
    if (starts.length === 0) {
      const what = isEventSubProcess(element) ? 'a start event with its trigger (message, timer, error...)' : 'a start event';
      findings.push(finding('sub-process.no-start-event', element.id, `${sentence(describeElement(element))} has no start event: add ${what}.`));
    }
  }
  return findings;
}

export function checkBoundaryAttachment(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (element.type !== 'boundaryEvent') continue;
    const host = context.elementsById.get(element.attachedToRef);
    const name = sentence(describeElement(element));
    if (host === undefined) {
      findings.push(finding('boundary.not-attached', element.id, `${name} is attached to "${element.attachedToRef}", which does not exist.`));
    } else if (!isActivity(host)) {
      findings.push(finding('boundary.not-attached', element.id, `${name} is attached to ${describeElement(host)}, which is not an activity.`));
    } else if (host.parentId !== element.parentId) {
      findings.push(finding('boundary.not-attached', element.id, `${name} is in a different (sub-)process than ${describeElement(host)}, to which it is attached.`));
    }
  }
  return findings;
}

export function checkFlowEnds(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const flow of context.flows) {
    const source = context.elementsById.get(flow.sourceRef);
    const target = context.elementsById.get(flow.targetRef);
    const name = sentence(describeFlow(flow));
    if (source === undefined) findings.push(finding('flow.unknown-source', flow.id, `${name} starts at "${flow.sourceRef}", which does not exist.`));
    if (target === undefined) findings.push(finding('flow.unknown-target', flow.id, `${name} ends at "${flow.targetRef}", which does not exist.`));
    if (source === undefined || target === undefined) continue;

    if (source.parentId !== target.parentId) {
      findings.push(
        finding(
          'flow.crosses-boundary',
          flow.id,
          `${name} connects ${describeElement(source)} and ${describeElement(target)}, which are in different (sub-)processes: sequence flows cannot cross a sub-process boundary.`,
        ),
      );
    }
    const sourceProblem = invalidSourceReason(source);
    if (sourceProblem !== null) findings.push(finding('flow.invalid-source', flow.id, `${name} leaves ${describeElement(source)}: ${sourceProblem}.`));
    const targetProblem = invalidTargetReason(target);
    if (targetProblem !== null) findings.push(finding('flow.invalid-target', flow.id, `${name} enters ${describeElement(target)}: ${targetProblem}.`));
  }
  return findings;
}

function invalidSourceReason(source: FlowElement): string | null {
  if (source.type === 'endEvent') return 'an end event cannot have outgoing sequence flows';
  if (isEventSubProcess(source)) return 'an event sub-process is not connected by sequence flows';
  if (isCompensationHandler(source)) return 'a compensation activity is not connected by sequence flows';
  if (isCompensationBoundary(source)) return 'a compensation boundary event connects to its handler by an association, not a sequence flow';
  return null;
}

function invalidTargetReason(target: FlowElement): string | null {
  if (target.type === 'startEvent') return 'a start event cannot have incoming sequence flows';
  if (target.type === 'boundaryEvent') return 'a boundary event cannot have incoming sequence flows';
  if (isEventSubProcess(target)) return 'an event sub-process is not connected by sequence flows';
  if (isCompensationHandler(target)) return 'a compensation activity is not connected by sequence flows';
  return null;
}

/**
 * Reachability: an element is reachable when a token can get to it. Entry points are the start
 * events of each process and event sub-process; from a reachable element tokens go on to its
 * successors (see `successorsOf`).
 *
 * Reported is where an unreachable region begins, not every element in it: elements that follow
 * an unreachable element, and children of an unreachable sub-process, are not reported again.
 */
export function checkReachability(context: ValidationContext): Finding[] {
  const successors = successorFinder(context);
  const reachable = new Set<string>();
  const entries = context.model.processes.flatMap((process) => scopeEntries(context, process.id));
  spread(entries, successors, reachable, () => true);

  const unreachable = context.elements.filter((element) => {
    if (reachable.has(element.id)) return false;
    // A parent chain that does not lead to a process is reported as element.unknown-parent.
    if (context.processOf.get(element.id) === null) return false;
    // Inside an unreachable sub-process: the sub-process itself is reported.
    const parent = context.elementsById.get(element.parentId);
    return parent === undefined || reachable.has(parent.id);
  });
  const unreachableIds = new Set(unreachable.map((element) => element.id));

  // Beginnings first (nothing flows into them), then whatever is left, e.g. unreachable loops.
  const isBeginning = (element: FlowElement) =>
    element.type !== 'boundaryEvent' && (context.incoming.get(element.id) ?? []).length === 0;
  const candidates = [...unreachable.filter(isBeginning), ...unreachable.filter((element) => !isBeginning(element))];
  const covered = new Set<string>();
  const findings: Finding[] = [];
  for (const element of candidates) {
    if (covered.has(element.id)) continue;
    spread([element], successors, covered, (next) => unreachableIds.has(next.id));
    const how = isCompensationHandler(element)
      ? 'no compensation boundary event is associated with it'
      : 'no start event, boundary event or event sub-process leads to it';
    findings.push(finding('element.unreachable', element.id, `${sentence(describeElement(element))} can never run: ${how}.`));
  }
  return findings;
}

/** Marks `from` and everything reachable from it (through `successors`, where `allowed`) in `marked`. */
function spread(
  from: FlowElement[],
  successors: (element: FlowElement) => FlowElement[],
  marked: Set<string>,
  allowed: (element: FlowElement) => boolean,
): void {
  const queue = from.filter((element) => !marked.has(element.id));
  for (const element of queue) marked.add(element.id);
  for (let index = 0; index < queue.length; index += 1) {
    for (const next of successors(queue[index])) {
      if (marked.has(next.id) || !allowed(next)) continue;
      marked.add(next.id);
      queue.push(next);
    }
  }
}

/** Where tokens enter a process or sub-process: its start events and event sub-processes. */
function scopeEntries(context: ValidationContext, scopeId: string): FlowElement[] {
  return (context.children.get(scopeId) ?? []).filter((child) => child.type === 'startEvent' || isEventSubProcess(child));
}

/**
 * Where a token goes from an element: the targets of its outgoing flows, its boundary events,
 * the entries of a sub-process (every child without incoming flow of an ad-hoc sub-process),
 * the link catch events of a link throw, and the handlers of a compensation boundary event.
 */
function successorFinder(context: ValidationContext): (element: FlowElement) => FlowElement[] {
  const boundaryEventsOf = new Map<string, FlowElement[]>();
  for (const element of context.model.elements) {
    if (element.type !== 'boundaryEvent') continue;
    boundaryEventsOf.set(element.attachedToRef, [...(boundaryEventsOf.get(element.attachedToRef) ?? []), element]);
  }
  const byId = (id: string): FlowElement[] => {
    const element = context.elementsById.get(id);
    return element === undefined ? [] : [element];
  };

  return (element) => {
    const next: FlowElement[] = [];
    for (const flow of context.outgoing.get(element.id) ?? []) next.push(...byId(flow.targetRef));
    next.push(...(boundaryEventsOf.get(element.id) ?? []));
    if (isSubProcessElement(element)) {
      next.push(...scopeEntries(context, element.id));
      if (element.type === 'adHocSubProcess') {
        next.push(...(context.children.get(element.id) ?? []).filter((child) => (context.incoming.get(child.id) ?? []).length === 0));
      }
    }
    if (element.type === 'intermediateThrowEvent') {
      const names = linkNamesOf(element);
      const catches = (context.children.get(element.parentId) ?? []).filter(
        (sibling) => sibling.type === 'intermediateCatchEvent' && linkNamesOf(sibling).some((name) => names.includes(name)),
      );
      next.push(...catches);
    }
    if (isCompensationBoundary(element)) {
      for (const handlerId of compensationHandlersOf(context, element.id)) next.push(...byId(handlerId));
    }
    return next;
  };
}

function linkNamesOf(element: FlowElement): string[] {
  if (!('eventDefinitions' in element)) return [];
  return element.eventDefinitions.flatMap((definition) => (definition.kind === 'link' && definition.linkName ? [definition.linkName] : []));
}

/**
 * Flow nodes without outgoing flows.
 *
 * Gateways: an error. A gateway only routes tokens; BPMN gives a gateway without outgoing flow no
 * meaning, and engines (Camunda among them) refuse it.
 *
 * Other flow nodes: a warning. BPMN 2.0 defines an activity or event without outgoing flow as
 * an implicit end (its token is consumed, and the process completes when no tokens remain), so
 * the process runs as drawn; but it is usually a forgotten connection, and an explicit end
 * event says what is meant.
 */
export function checkOutgoingFlows(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if ((context.outgoing.get(element.id) ?? []).length > 0) continue;
    if (isGateway(element)) {
      findings.push(finding('gateway.no-outgoing', element.id, `${sentence(describeElement(element))} has no outgoing sequence flow: a gateway must lead somewhere.`));
      continue;
    }
    if (!needsOutgoingFlow(context, element)) continue;
    findings.push(
      finding(
        'element.implicit-end',
        element.id,
        `${sentence(describeElement(element))} has no outgoing sequence flow, so its token ends there (implicit end): connect it or add an end event.`,
      ),
    );
  }
  return findings;
}

function needsOutgoingFlow(context: ValidationContext, element: FlowElement): boolean {
  if (element.type === 'endEvent') return false;
  if (isEventSubProcess(element) || isCompensationHandler(element) || isCompensationBoundary(element)) return false;
  // A link throw event continues at its link catch event.
  if (element.type === 'intermediateThrowEvent' && linkNamesOf(element).length > 0) return false;
  // Activities of an ad-hoc sub-process need no flows.
  const parent = context.elementsById.get(element.parentId);
  if (parent !== undefined && parent.type === 'adHocSubProcess') return false;
  return true;
}
