/**
 * What every validation rule needs to look things up in a model, computed once.
 *
 * Contract
 * - Built from a model by `createValidationContext`; read-only afterwards.
 * - `inScope` holds the flow nodes and flows that execution validation looks at: those of the
 *   executable processes, or of all processes when none is executable (so that authors still
 *   see what is wrong while drafting). Elements whose parent chain is broken are in scope too,
 *   so that they can be reported.
 */
import type { Finding } from '../findings';
import type { BpmnModel, FlowElement, SequenceFlow } from '../model';
import { checkFeel, checkFeelTemplate, toFeel, type ToFeelOptions } from '../expressions';
import { EXECUTION_FINDINGS, type ExecutionFindingCode } from './codes';

export type ValidationContext = {
  model: BpmnModel;
  elementsById: Map<string, FlowElement>;
  flowsById: Map<string, SequenceFlow>;
  /** Flows by source element id, in model order. */
  outgoing: Map<string, SequenceFlow[]>;
  /** Flows by target element id, in model order. */
  incoming: Map<string, SequenceFlow[]>;
  /** Elements by parent id (process or sub-process), in model order. */
  children: Map<string, FlowElement[]>;
  /** Flow nodes in scope of execution validation, in model order. */
  elements: FlowElement[];
  /** Sequence flows in scope of execution validation, in model order. */
  flows: SequenceFlow[];
  /** The process each element belongs to (through its parent chain), or null when broken. */
  processOf: Map<string, string | null>;
};

export function createValidationContext(model: BpmnModel): ValidationContext {
  const elementsById = new Map(model.elements.map((element) => [element.id, element]));
  const flowsById = new Map(model.flows.map((flow) => [flow.id, flow]));
  const processIds = new Set(model.processes.map((process) => process.id));

  const outgoing = new Map<string, SequenceFlow[]>();
  const incoming = new Map<string, SequenceFlow[]>();
  for (const flow of model.flows) {
    pushTo(outgoing, flow.sourceRef, flow);
    pushTo(incoming, flow.targetRef, flow);
  }
  const children = new Map<string, FlowElement[]>();
  for (const element of model.elements) pushTo(children, element.parentId, element);

  const processOf = new Map<string, string | null>();
  for (const element of model.elements) processOf.set(element.id, findProcess(element.parentId, elementsById, processIds));

  const executable = model.processes.filter((process) => process.isExecutable).map((process) => process.id);
  const checked = new Set(executable.length > 0 ? executable : model.processes.map((process) => process.id));
  const isChecked = (processId: string | null) => processId === null || checked.has(processId);

  return {
    model,
    elementsById,
    flowsById,
    outgoing,
    incoming,
    children,
    elements: model.elements.filter((element) => isChecked(processOf.get(element.id) ?? null)),
    flows: model.flows.filter((flow) => isChecked(findProcess(flow.parentId, elementsById, processIds))),
    processOf,
  };
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Walks up parent ids to a process id; null when a parent is missing or the chain loops. */
function findProcess(parentId: string, elementsById: Map<string, FlowElement>, processIds: Set<string>): string | null {
  const seen = new Set<string>();
  let current = parentId;
  while (!processIds.has(current)) {
    const parent = elementsById.get(current);
    if (parent === undefined || seen.has(current)) return null;
    seen.add(current);
    current = parent.parentId;
  }
  return current;
}

// ---------------------------------------------------------------------------------------
// Findings and descriptions

export function finding(code: ExecutionFindingCode, elementId: string | undefined, message: string): Finding {
  return {
    level: 'execution',
    severity: EXECUTION_FINDINGS[code].severity,
    code,
    message,
    ...(elementId === undefined ? {} : { elementId }),
  };
}

const TYPE_LABELS: Record<FlowElement['type'], string> = {
  startEvent: 'start event',
  endEvent: 'end event',
  intermediateCatchEvent: 'intermediate catch event',
  intermediateThrowEvent: 'intermediate throw event',
  boundaryEvent: 'boundary event',
  task: 'task',
  manualTask: 'manual task',
  userTask: 'user task',
  scriptTask: 'script task',
  serviceTask: 'service task',
  sendTask: 'send task',
  businessRuleTask: 'business rule task',
  receiveTask: 'receive task',
  callActivity: 'call activity',
  subProcess: 'sub-process',
  transaction: 'transaction',
  adHocSubProcess: 'ad-hoc sub-process',
  exclusiveGateway: 'exclusive gateway',
  inclusiveGateway: 'inclusive gateway',
  complexGateway: 'complex gateway',
  parallelGateway: 'parallel gateway',
  eventBasedGateway: 'event-based gateway',
};

/** `user task "Approve order"`, or `user task Task_1` when it has no name; an event sub-process says so. */
export function describeElement(element: FlowElement): string {
  const type = element.type === 'subProcess' && element.triggeredByEvent ? 'event sub-process' : TYPE_LABELS[element.type];
  return element.name ? `${type} "${element.name}"` : `${type} ${element.id}`;
}

/** `sequence flow "approved" (Flow_1)` or `sequence flow Flow_1`. */
export function describeFlow(flow: SequenceFlow): string {
  return flow.name ? `sequence flow "${flow.name}" (${flow.id})` : `sequence flow ${flow.id}`;
}

/** Capitalises the first letter, for descriptions that start a sentence. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------
// Expressions

/**
 * The problem with an expression as written in the file (JUEL that cannot be translated, or
 * FEEL that does not parse), or null when it is fine.
 */
export function expressionProblem(text: string, options: ToFeelOptions = {}): string | null {
  const feel = toFeel(text, options);
  if (!feel.ok) return feel.reason;
  if (feel.dialect === 'literal') return null;
  const check = checkFeel(feel.feel, 'expression');
  return check.ok ? null : `"${feel.feel}" is not valid FEEL: ${check.message}`;
}

/** The problem with a template (literal text, or FEEL after `=`), or null when it is fine. */
export function templateProblem(template: string): string | null {
  const check = checkFeelTemplate(template);
  return check.ok ? null : `"${template.trim()}" is not valid FEEL: ${check.message}`;
}

export function isSubProcessElement(element: FlowElement): boolean {
  return element.type === 'subProcess' || element.type === 'transaction' || element.type === 'adHocSubProcess';
}

export function isEventSubProcess(element: FlowElement): boolean {
  return element.type === 'subProcess' && element.triggeredByEvent;
}

export function isCompensationHandler(element: FlowElement): boolean {
  return 'isForCompensation' in element && element.isForCompensation === true;
}

/** A boundary event with a compensate definition: it links to its handler by an association. */
export function isCompensationBoundary(element: FlowElement): boolean {
  return element.type === 'boundaryEvent' && element.eventDefinitions.some((definition) => definition.kind === 'compensate');
}

/** Ids of the compensation handlers associated with a compensation boundary event. */
export function compensationHandlersOf(context: ValidationContext, boundaryId: string): string[] {
  const handlers: string[] = [];
  for (const artifact of context.model.artifacts) {
    if (artifact.type !== 'association') continue;
    const otherEnd = artifact.sourceRef === boundaryId ? artifact.targetRef : artifact.targetRef === boundaryId ? artifact.sourceRef : null;
    if (otherEnd === null) continue;
    const handler = context.elementsById.get(otherEnd);
    if (handler !== undefined && isCompensationHandler(handler)) handlers.push(handler.id);
  }
  return handlers;
}
