/**
 * The catalogue of execution findings: every stable code with its severity and what it means.
 *
 * Contract
 * - Codes never change meaning once published; the UI and API clients may key on them.
 * - A code's severity is fixed here: an `error` blocks publishing (see `canPublish`), a
 *   `warning` is shown but the process still runs as BPMN defines.
 */
export const EXECUTION_FINDINGS = {
  // Processes and structure
  'process.none-executable': { severity: 'error', summary: 'no process is marked executable' },
  'process.no-start-event': { severity: 'error', summary: 'an executable process has no start event of its own' },
  'element.unknown-parent': { severity: 'error', summary: 'an element is inside a process or sub-process that does not exist' },
  'element.unsupported': { severity: 'error', summary: 'the engine does not execute this element type, event trigger or option' },
  'element.unreachable': { severity: 'warning', summary: 'no start event, boundary event or event sub-process leads to the element' },
  'element.implicit-end': { severity: 'warning', summary: 'a flow node other than an end event has no outgoing flow' },
  'sub-process.no-start-event': { severity: 'error', summary: 'a sub-process has no start event to begin with' },
  'boundary.not-attached': { severity: 'error', summary: 'a boundary event is not attached to an activity in its scope' },

  // Sequence flows and gateways
  'flow.unknown-source': { severity: 'error', summary: 'a sequence flow starts at an element that does not exist' },
  'flow.unknown-target': { severity: 'error', summary: 'a sequence flow ends at an element that does not exist' },
  'flow.crosses-boundary': { severity: 'error', summary: 'a sequence flow connects elements of different (sub-)processes' },
  'flow.invalid-source': { severity: 'error', summary: 'a sequence flow leaves an element that cannot have outgoing flows' },
  'flow.invalid-target': { severity: 'error', summary: 'a sequence flow enters an element that cannot have incoming flows' },
  'flow.condition-not-allowed': { severity: 'error', summary: 'a flow has a condition where none is evaluated' },
  'flow.invalid-condition': { severity: 'error', summary: 'a flow condition is not valid FEEL or untranslatable JUEL' },
  'flow.condition-on-default': { severity: 'warning', summary: 'the default flow has a condition, which is ignored' },
  'flow.default-not-outgoing': { severity: 'error', summary: 'the default flow does not leave the element that names it' },
  'gateway.no-outgoing': { severity: 'error', summary: 'a gateway has no outgoing flow' },
  'gateway.flow-without-condition': { severity: 'error', summary: 'a flow out of a deciding gateway has no condition and is not the default' },
  'event-gateway.invalid-target': { severity: 'error', summary: 'an event-based gateway leads to something other than a catch event or receive task' },
  'event-gateway.too-few-targets': { severity: 'warning', summary: 'an event-based gateway has fewer than two outgoing flows' },

  // Events
  'timer.no-value': { severity: 'error', summary: 'a timer has no date, duration or cycle' },
  'timer.several-values': { severity: 'error', summary: 'a timer has more than one of date, duration and cycle' },
  'timer.invalid': { severity: 'error', summary: 'a timer date, duration or cycle does not parse' },
  'timer.cycle-not-allowed': { severity: 'error', summary: 'a timer cycle where the event can fire only once' },
  'message.missing-ref': { severity: 'error', summary: 'a message event or receive task names no message' },
  'message.unknown-ref': { severity: 'error', summary: 'a message reference names a message that does not exist' },
  'message.invalid-correlation-key': { severity: 'error', summary: 'a correlation key is not valid FEEL' },
  'error.missing-ref': { severity: 'error', summary: 'an error end event names no error' },
  'error.unknown-ref': { severity: 'error', summary: 'an error reference names an error that does not exist' },
  'escalation.missing-ref': { severity: 'error', summary: 'an escalation throw event names no escalation' },
  'escalation.unknown-ref': { severity: 'error', summary: 'an escalation reference names an escalation that does not exist' },
  'signal.missing-ref': { severity: 'error', summary: 'a signal event names no signal' },
  'signal.unknown-ref': { severity: 'error', summary: 'a signal reference names a signal that does not exist' },
  'link.missing-name': { severity: 'error', summary: 'a link event has no link name' },
  'link.no-catch': { severity: 'error', summary: 'a link throw event has no link catch event of the same name in its scope' },
  'link.duplicate-catch': { severity: 'error', summary: 'two link catch events of one scope have the same name' },
  'compensation.no-handler': { severity: 'error', summary: 'a compensation boundary event has no associated compensation activity' },
  'compensation.unknown-activity': { severity: 'error', summary: 'a compensation throw names an activity that does not exist' },

  // Tasks and activities
  'task.no-implementation': { severity: 'error', summary: 'a service, send or business rule task has no job type, HTTP connector or agent settings' },
  'script.no-expression': { severity: 'error', summary: 'a script task has neither a FEEL expression nor a script' },
  'script.unsupported-format': { severity: 'error', summary: 'a script task has a script in a language other than FEEL' },
  'script.invalid-expression': { severity: 'error', summary: 'a script task expression is not valid FEEL' },
  'script.no-result-variable': { severity: 'warning', summary: 'a FEEL script task stores its result nowhere' },
  'call-activity.no-called-element': { severity: 'error', summary: 'a call activity names no process to call' },
  'multi-instance.no-collection': { severity: 'error', summary: 'a multi-instance activity has neither a collection nor a cardinality' },
  'multi-instance.invalid-expression': { severity: 'error', summary: 'a multi-instance expression is not valid FEEL' },
  'mapping.invalid-source': { severity: 'error', summary: 'an input or output mapping source is not valid FEEL' },
  'mapping.invalid-target': { severity: 'error', summary: 'an input or output mapping target is not a variable name' },
  'form.duplicate-key': { severity: 'error', summary: 'two fields of a user task form have the same key' },
  'form.min-greater-than-max': { severity: 'error', summary: 'a form field minimum is greater than its maximum' },
  'form.invalid-pattern': { severity: 'error', summary: 'a form field pattern is not a valid regular expression' },
  'escalation.incomplete-step': { severity: 'error', summary: 'an escalation step reassigns without a group or raises the priority without a priority' },
  'four-eyes.unknown-task': { severity: 'error', summary: 'a four-eyes rule names a user task that does not exist' },
  'assignment.invalid-value': { severity: 'error', summary: 'an assignee, due date, follow-up date or priority is not valid' },
  'http.invalid-template': { severity: 'error', summary: 'an HTTP connector URL, header or body template is not valid FEEL' },
  'agent.no-provider': { severity: 'error', summary: 'an agent task names no LLM provider' },
  'agent.invalid-template': { severity: 'error', summary: "an agent task's system prompt or goal is not a valid FEEL template" },
  'agent.invalid-answer-schema': { severity: 'error', summary: "an agent task's answer schema is not a JSON schema of an object, array or value" },
  'agent.no-escalation': { severity: 'warning', summary: 'an agent task has no escalation error code: a guardrail denial, exhausted budget or unfit answer fails the job and raises an incident' },
  'duration.invalid': { severity: 'error', summary: 'a timeout, backoff, SLA or escalation delay is not an ISO 8601 duration' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; summary: string }>;

export type ExecutionFindingCode = keyof typeof EXECUTION_FINDINGS;

export const EXECUTION_FINDING_CODES = Object.keys(EXECUTION_FINDINGS) as ExecutionFindingCode[];
