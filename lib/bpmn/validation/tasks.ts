/**
 * Activity rules: task implementations, script tasks, call activities, multi-instance, variable
 * mappings, user task forms, assignment and four-eyes rules, HTTP templates and durations.
 */
import type { Finding } from '../findings';
import type { FlowElement } from '../model';
import { parseIsoDateTime, parseIsoDuration } from '../timers';
import { isFeelTemplate } from '../expressions';
import { describeElement, expressionProblem, finding, sentence, templateProblem, type ValidationContext } from './context';

export function checkImplementations(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (element.type !== 'serviceTask' && element.type !== 'sendTask' && element.type !== 'businessRuleTask') continue;
    if (element.job !== undefined || element.http !== undefined || element.agent !== undefined) continue;
    findings.push(
      finding(
        'task.no-implementation',
        element.id,
        `${sentence(describeElement(element))} has no implementation: give it a job type for a worker, an HTTP connector or agent settings.`,
      ),
    );
  }
  return findings;
}

/**
 * Script tasks run FEEL: the `expression` (zeebe:script), or a BPMN `script` whose format is
 * FEEL. Scripts in other languages (JavaScript, Groovy...) are kept in the model but not run.
 */
export function checkScriptTasks(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (element.type !== 'scriptTask') continue;
    const name = sentence(describeElement(element));
    const expression = element.expression?.trim() ?? '';
    const script = element.script?.trim() ?? '';
    const scriptIsFeel = element.scriptFormat !== undefined && /feel/i.test(element.scriptFormat);

    let feelSource: string | null = null;
    if (expression !== '') {
      feelSource = expression;
    } else if (script !== '' && scriptIsFeel) {
      feelSource = script;
    } else if (script !== '') {
      const format = element.scriptFormat ? `a ${element.scriptFormat} script` : 'a script without a format';
      findings.push(finding('script.unsupported-format', element.id, `${name} has ${format}: not supported: Baton runs FEEL script tasks.`));
      continue;
    } else {
      findings.push(finding('script.no-expression', element.id, `${name} has neither a FEEL expression nor a script: give it a FEEL expression and a result variable.`));
      continue;
    }

    const problem = expressionProblem(feelSource);
    if (problem !== null) findings.push(finding('script.invalid-expression', element.id, `${name} has an invalid expression: ${problem}.`));
    if (!element.resultVariable) {
      findings.push(finding('script.no-result-variable', element.id, `${name} has no result variable, so the value of its expression is not kept.`));
    }
  }
  return findings;
}

export function checkCallActivities(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (element.type !== 'callActivity') continue;
    if (element.calledElement !== undefined && element.calledElement.trim() !== '') continue;
    findings.push(finding('call-activity.no-called-element', element.id, `${sentence(describeElement(element))} does not say which process it calls.`));
  }
  return findings;
}

export function checkMultiInstance(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (!('loop' in element) || element.loop?.kind !== 'multiInstance') continue;
    const loop = element.loop;
    const name = sentence(describeElement(element));
    if (isBlank(loop.collection) && isBlank(loop.loopCardinality)) {
      findings.push(finding('multi-instance.no-collection', element.id, `${name} is multi-instance but has neither an input collection nor a loop cardinality.`));
    }
    const expressions: [string, string | undefined][] = [
      ['input collection', loop.collection],
      ['loop cardinality', loop.loopCardinality],
      ['completion condition', loop.completionCondition],
      ['output element', loop.outputElement],
    ];
    for (const [label, text] of expressions) {
      if (text === undefined || isBlank(text)) continue;
      const problem = expressionProblem(text);
      if (problem !== null) findings.push(finding('multi-instance.invalid-expression', element.id, `${name} has an invalid ${label}: ${problem}.`));
    }
  }
  return findings;
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** A variable name or a dotted path into one (`order.customer.name`). */
const VARIABLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Mapping sources are FEEL after `=` (or JUEL), and fixed text otherwise (as in Camunda 8). */
export function checkMappings(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    const mapping = 'ioMapping' in element ? element.ioMapping : undefined;
    if (mapping === undefined) continue;
    const name = sentence(describeElement(element));
    const all = [
      ...mapping.inputs.map((entry) => ({ direction: 'input', ...entry })),
      ...mapping.outputs.map((entry) => ({ direction: 'output', ...entry })),
    ];
    for (const entry of all) {
      const problem = expressionProblem(entry.source, { bare: 'literal' });
      if (problem !== null) {
        findings.push(finding('mapping.invalid-source', element.id, `${name} has an ${entry.direction} mapping to "${entry.target}" whose source is invalid: ${problem}.`));
      }
      if (!VARIABLE_PATH.test(entry.target)) {
        findings.push(
          finding('mapping.invalid-target', element.id, `${name} has an ${entry.direction} mapping to "${entry.target}", which is not a variable name (letters, digits, _ and dots).`),
        );
      }
    }
  }
  return findings;
}

export function checkUserTasks(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const userTaskIds = new Set(context.model.elements.filter((element) => element.type === 'userTask').map((element) => element.id));
  for (const element of context.elements) {
    if (element.type !== 'userTask') continue;
    const name = sentence(describeElement(element));

    const seenKeys = new Set<string>();
    for (const field of element.form?.fields ?? []) {
      if (seenKeys.has(field.key)) {
        findings.push(finding('form.duplicate-key', element.id, `${name} has more than one form field with the key "${field.key}".`));
      }
      seenKeys.add(field.key);
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        findings.push(finding('form.min-greater-than-max', element.id, `${name} has the form field "${field.key}" with minimum ${field.min} greater than maximum ${field.max}.`));
      }
      if (field.pattern !== undefined) {
        const patternProblem = regexProblem(field.pattern);
        if (patternProblem !== null) {
          findings.push(finding('form.invalid-pattern', element.id, `${name} has the form field "${field.key}" with an invalid pattern "${field.pattern}": ${patternProblem}.`));
        }
      }
    }

    for (const taskId of element.fourEyes?.notCompleterOf ?? []) {
      if (!userTaskIds.has(taskId)) {
        findings.push(finding('four-eyes.unknown-task', element.id, `${name} has a four-eyes rule naming "${taskId}", which is not a user task of this model.`));
      }
    }

    for (const [index, step] of (element.escalationPolicy?.steps ?? []).entries()) {
      if (step.action === 'reassign' && (step.group === undefined || step.group.trim() === '')) {
        findings.push(finding('escalation.incomplete-step', element.id, `${name} has escalation step ${index + 1} that reassigns the task but names no group to reassign it to.`));
      }
      if (step.action === 'raisePriority' && step.priority === undefined) {
        findings.push(finding('escalation.incomplete-step', element.id, `${name} has escalation step ${index + 1} that raises the priority but names no priority (0 to 100).`));
      }
    }

    const assignment = element.assignment;
    if (assignment === undefined) continue;
    const problems = [
      assignment.assignee !== undefined && isFeelTemplate(assignment.assignee) ? labelled('assignee', expressionProblem(assignment.assignee)) : null,
      assignment.dueDate !== undefined ? labelled('due date', dateProblem(assignment.dueDate)) : null,
      assignment.followUpDate !== undefined ? labelled('follow-up date', dateProblem(assignment.followUpDate)) : null,
      assignment.priority !== undefined ? labelled('priority', priorityProblem(assignment.priority)) : null,
    ];
    for (const problem of problems) {
      if (problem !== null) findings.push(finding('assignment.invalid-value', element.id, `${name} has an invalid ${problem}.`));
    }
  }
  return findings;
}

function labelled(label: string, problem: string | null): string | null {
  return problem === null ? null : `${label}: ${problem}`;
}

function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'not a regular expression';
  }
}

/** A due or follow-up date: FEEL after `=`, or an ISO 8601 duration (from creation) or date-time. */
function dateProblem(value: string): string | null {
  if (isFeelTemplate(value) || value.includes('${')) return expressionProblem(value);
  if (parseIsoDuration(value.trim()).ok || parseIsoDateTime(value.trim()).ok) return null;
  return `"${value}" is neither an ISO 8601 duration (e.g. P2D) nor a date-time with offset (e.g. 2026-12-01T10:00:00Z)`;
}

/** A priority: FEEL after `=`, or a whole number from 0 to 100. */
function priorityProblem(value: string): string | null {
  if (isFeelTemplate(value)) return expressionProblem(value);
  const text = value.trim();
  if (/^\d+$/.test(text) && Number(text) <= 100) return null;
  return `"${value}" is not a whole number from 0 to 100`;
}

export function checkHttpConnectors(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    if (element.type !== 'serviceTask' && element.type !== 'sendTask' && element.type !== 'businessRuleTask') continue;
    const http = element.http;
    if (http === undefined) continue;
    const name = sentence(describeElement(element));
    const templates: [string, string | undefined][] = [
      ['URL', http.url],
      ...http.headers.map((header): [string, string] => [`header "${header.name}"`, header.value]),
      ['body', http.body],
    ];
    for (const [label, template] of templates) {
      if (template === undefined) continue;
      const problem = templateProblem(template);
      if (problem !== null) findings.push(finding('http.invalid-template', element.id, `${name} has an invalid HTTP ${label}: ${problem}.`));
    }
  }
  return findings;
}

/** Durations in Baton settings: job timeout and backoffs, SLA targets, escalation delays. */
export function checkDurations(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    const name = sentence(describeElement(element));
    for (const [label, value] of durationsOf(element)) {
      if (value === undefined) continue;
      const parsed = parseIsoDuration(value.trim());
      if (!parsed.ok) findings.push(finding('duration.invalid', element.id, `${name} has an invalid ${label}: ${parsed.reason}.`));
    }
  }
  for (const process of context.model.processes) {
    if (process.slaTarget === undefined) continue;
    const parsed = parseIsoDuration(process.slaTarget.trim());
    if (!parsed.ok) findings.push(finding('duration.invalid', process.id, `Process ${process.name ?? process.id} has an invalid SLA target: ${parsed.reason}.`));
  }
  return findings;
}

function durationsOf(element: FlowElement): [string, string | undefined][] {
  const durations: [string, string | undefined][] = [['SLA target', element.slaTarget]];
  if ('job' in element && element.job !== undefined) {
    durations.push(['job timeout', element.job.timeout]);
    durations.push(['retry initial backoff', element.job.retry?.initialBackoff]);
    durations.push(['retry maximum backoff', element.job.retry?.maxBackoff]);
  }
  if (element.type === 'userTask') {
    for (const [index, step] of (element.escalationPolicy?.steps ?? []).entries()) {
      durations.push([`escalation step ${index + 1} delay`, step.after]);
    }
  }
  return durations;
}
