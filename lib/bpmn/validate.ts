/**
 * Execution-level validation: can the Baton engine run this model as drawn?
 *
 * Contract
 * - `validateForExecution(model)` is pure and never throws. It returns findings of level
 *   'execution', each with a stable `code` (catalogue: ./validation/codes.ts), the id of the
 *   element it is about (process, flow node or sequence flow; none for model-wide findings) and a
 *   message in plain words naming the element.
 * - Findings are sorted by the order of their element in the model: model-wide findings first,
 *   then processes, flow nodes and sequence flows in model order; for one element, in rule order.
 * - It assumes a model that passed `BpmnModelSchema` (import-level problems are the importer's).
 * - The engine executes only models without errors: see `canPublish`.
 */
import type { Finding } from './findings';
import type { BpmnModel } from './model';
import { checkAgentTasks } from './validation/agent-tasks';
import { createValidationContext, type ValidationContext } from './validation/context';
import { checkConditions, checkDefaultFlows, checkEventBasedGateways, checkGatewayConditions } from './validation/gateways';
import { checkCompensation, checkCorrelationKeys, checkLinks, checkReferences, checkTimers } from './validation/events';
import {
  checkBoundaryAttachment,
  checkFlowEnds,
  checkOutgoingFlows,
  checkParentsAndSupport,
  checkProcesses,
  checkReachability,
  checkSubProcessStarts,
} from './validation/structure';
import {
  checkCallActivities,
  checkDurations,
  checkHttpConnectors,
  checkImplementations,
  checkMappings,
  checkMultiInstance,
  checkScriptTasks,
  checkUserTasks,
} from './validation/tasks';

export { EXECUTION_FINDINGS, EXECUTION_FINDING_CODES, type ExecutionFindingCode } from './validation/codes';

/** The rules, in the order their findings appear for one element. */
const RULES: ((context: ValidationContext) => Finding[])[] = [
  checkProcesses,
  checkParentsAndSupport,
  checkSubProcessStarts,
  checkBoundaryAttachment,
  checkFlowEnds,
  checkReachability,
  checkOutgoingFlows,
  checkDefaultFlows,
  checkGatewayConditions,
  checkConditions,
  checkEventBasedGateways,
  checkTimers,
  checkReferences,
  checkCorrelationKeys,
  checkLinks,
  checkCompensation,
  checkImplementations,
  checkScriptTasks,
  checkCallActivities,
  checkMultiInstance,
  checkMappings,
  checkUserTasks,
  checkHttpConnectors,
  checkAgentTasks,
  checkDurations,
];

export function validateForExecution(model: BpmnModel): Finding[] {
  const context = createValidationContext(model);
  const findings = RULES.flatMap((rule) => rule(context));
  return sortByElementOrder(model, findings);
}

/** True when no finding of either level is an error: the model may be published and run. */
export function canPublish(findings: readonly Finding[]): boolean {
  return findings.every((finding) => finding.severity !== 'error');
}

function sortByElementOrder(model: BpmnModel, findings: Finding[]): Finding[] {
  const order = new Map<string, number>();
  const ids = [
    ...model.processes.map((process) => process.id),
    ...model.elements.map((element) => element.id),
    ...model.flows.map((flow) => flow.id),
  ];
  for (const [index, id] of ids.entries()) {
    if (!order.has(id)) order.set(id, index);
  }
  const rank = (finding: Finding) => (finding.elementId === undefined ? -1 : (order.get(finding.elementId) ?? ids.length));
  // Array.prototype.sort is stable, so findings of one element keep their rule order.
  return [...findings].sort((a, b) => rank(a) - rank(b));
}
