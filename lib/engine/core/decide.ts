/**
 * `decide(definition, state, command, ctx) → events`: what a command does to one instance.
 *
 * Contract
 * - Pure: no I/O, no clock, no randomness; time and ids come from `ctx`. Same inputs, same
 *   events (the determinism check in ./replay.ts relies on it).
 * - Runs to quiescence: the command's step, then every synchronous step it leads to
 *   (gateways, script tasks, throw events, ends), each event applied to a working state
 *   through `evolve` as it is emitted. Returns the events and that final state, which equals
 *   `events.reduce(evolve, state)`.
 * - A command that does not apply to the state is rejected with a named code; a rejection
 *   emits nothing. A modelling or data problem met on the way is an incident, not a
 *   rejection and not an exception.
 */
import type { Rejection, RejectionCode, Command, CommandOf } from './commands';
import type { Definition } from './definition';
import type { Event, Variables } from './events';
import { Execution, type DecideContext } from './execution';
import type { ElementInstance, InstanceState } from './state';
import { excludedUsers } from './elements/user-task';
import {
  activateNode,
  applyResult,
  completeElement,
  runActivation,
  runAgenda,
  terminateChildren,
  terminateElement,
} from './tokens';
import { closeOwned, correlate, deliverSignal, fireTimer, openEventSubProcesses, throwError, throwEscalation } from './triggers';
import { checkVariables } from './variables';
import { openElementIds, unmappedElements } from './migration';

export type { DecideContext } from './execution';

export type DecideResult = { ok: true; events: Event[]; state: InstanceState } | Rejection;

/** What a suspended instance still accepts (everything else is INSTANCE_SUSPENDED). */
const WHILE_SUSPENDED: ReadonlySet<Command['type']> = new Set(['ResumeInstance', 'CancelInstance', 'SetVariables', 'MigrateInstance', 'SuspendInstance']);

export function decide(definition: Definition, state: InstanceState, command: Command, ctx: DecideContext): DecideResult {
  const x = new Execution(definition, state, ctx);
  const rejection = handle(x, command);
  if (rejection !== undefined) return rejection;
  runAgenda(x);
  return { ok: true, events: x.events, state: x.state };
}

function reject(code: RejectionCode, message: string): Rejection {
  return { ok: false, code, message };
}

function checkInput(x: Execution, variables: Variables | undefined): Rejection | undefined {
  if (variables === undefined) return undefined;
  const problem = checkVariables(variables, x.definition.limits);
  return problem === null ? undefined : reject(problem.code, problem.message);
}

function handle(x: Execution, command: Command): Rejection | undefined {
  if (command.type === 'CreateInstance') return createInstance(x, command);
  const state = x.state;
  if (state.status === 'none') return reject('INSTANCE_NOT_CREATED', 'the instance has not been created');
  if (state.status !== 'active') return reject('INSTANCE_NOT_ACTIVE', `instance ${state.instanceKey} is ${state.status}`);
  const invalid = checkInput(x, 'variables' in command ? command.variables : undefined);
  if (invalid !== undefined) return invalid;
  if (state.suspended === true && !WHILE_SUSPENDED.has(command.type)) {
    return reject('INSTANCE_SUSPENDED', `instance ${state.instanceKey} is suspended: resume it before ${command.type}`);
  }

  switch (command.type) {
    case 'CompleteJob': {
      const job = state.jobs.get(command.jobKey);
      if (job === undefined) return jobNotFound(command.jobKey);
      const variables = command.variables ?? {};
      x.emit({ type: 'JobCompleted', jobKey: job.jobKey, elementInstanceKey: job.elementInstanceKey, variables });
      applyResult(x, job.elementInstanceKey, x.node(job.elementId), variables);
      completeElement(x, job.elementInstanceKey);
      return undefined;
    }
    case 'FailJob': {
      const job = state.jobs.get(command.jobKey);
      if (job === undefined) return jobNotFound(command.jobKey);
      const errorMessage = command.errorMessage ?? 'the job failed';
      const retryAt =
        command.retries > 0 && command.retryBackoffMs !== undefined && command.retryBackoffMs > 0
          ? new Date(x.now + command.retryBackoffMs).toISOString()
          : undefined;
      x.emit({
        type: 'JobFailed',
        jobKey: job.jobKey,
        elementInstanceKey: job.elementInstanceKey,
        retries: command.retries,
        errorMessage,
        ...(retryAt === undefined ? {} : { retryAt }),
      });
      if (command.retries === 0) {
        const instance = state.elements.get(job.elementInstanceKey) as ElementInstance;
        x.raiseIncident(instance, 'jobNoRetries', `job ${job.jobKey} (${job.jobType}) failed with no retries left: ${errorMessage}`, 'job', job.jobKey);
      }
      return undefined;
    }
    case 'ThrowJobError': {
      const job = state.jobs.get(command.jobKey);
      if (job === undefined) return jobNotFound(command.jobKey);
      x.emit({
        type: 'JobErrorThrown',
        jobKey: job.jobKey,
        elementInstanceKey: job.elementInstanceKey,
        errorCode: command.errorCode,
        ...(command.errorMessage === undefined ? {} : { errorMessage: command.errorMessage }),
      });
      const outcome = throwError(x, job.elementInstanceKey, command.errorCode, command.errorMessage, command.variables ?? {});
      const instance = x.instance(job.elementInstanceKey);
      if (outcome === 'uncaught' && instance !== undefined) {
        x.raiseIncident(
          instance,
          'unhandledError',
          `error "${command.errorCode}"${command.errorMessage ? ` (${command.errorMessage})` : ''} thrown by the job of ${job.elementId} is not caught; resolving the incident runs the task again`,
          'activate',
        );
      }
      return undefined;
    }
    case 'CompleteUserTask': {
      const task = state.userTasks.get(command.taskKey);
      if (task === undefined) {
        return reject('USER_TASK_NOT_FOUND', `user task ${command.taskKey} is not open: it was completed, cancelled with its element, or never created`);
      }
      const node = x.node(task.elementId);
      const rule = node.userTask?.fourEyes;
      if (rule !== undefined && (rule.notStarter || rule.notCompleterOf.length > 0)) {
        if (command.completedBy === undefined) {
          return reject('FOUR_EYES_VIOLATION', `user task ${task.elementId} has a four-eyes rule: say who completes it`);
        }
        if (excludedUsers(state, rule).includes(command.completedBy)) {
          return reject('FOUR_EYES_VIOLATION', `${command.completedBy} may not complete ${task.elementId}: the four-eyes rule needs someone else`);
        }
      }
      const variables = command.variables ?? {};
      x.emit({
        type: 'UserTaskCompleted',
        taskKey: task.taskKey,
        elementInstanceKey: task.elementInstanceKey,
        elementId: task.elementId,
        ...(command.completedBy === undefined ? {} : { completedBy: command.completedBy }),
        variables,
      });
      applyResult(x, task.elementInstanceKey, node, variables);
      completeElement(x, task.elementInstanceKey);
      return undefined;
    }
    case 'UpdateUserTask': {
      const task = state.userTasks.get(command.taskKey);
      if (task === undefined) {
        return reject('USER_TASK_NOT_FOUND', `user task ${command.taskKey} is not open: it was completed, cancelled with its element, or never created`);
      }
      if (command.expectedAssignee !== undefined && (task.assignee ?? null) !== command.expectedAssignee) {
        return reject('USER_TASK_ASSIGNEE_CHANGED', `user task ${command.taskKey} was assigned meanwhile`);
      }
      x.emit({
        type: 'UserTaskUpdated',
        taskKey: task.taskKey,
        elementInstanceKey: task.elementInstanceKey,
        elementId: task.elementId,
        reason: command.reason,
        ...(command.by === undefined ? {} : { by: command.by }),
        assignee: command.assignee,
      });
      return undefined;
    }
    case 'FireTimer': {
      const timer = state.timers.get(command.timerKey);
      if (timer === undefined) return reject('TIMER_NOT_FOUND', `timer ${command.timerKey} is not scheduled: it fired, or was cancelled with its element`);
      fireTimer(x, timer);
      return undefined;
    }
    case 'CorrelateMessage': {
      for (const subscription of state.subscriptions.values()) {
        if (subscription.kind !== 'message' || subscription.name !== command.messageName) continue;
        if (subscription.correlationKey !== undefined && subscription.correlationKey !== command.correlationKey) continue;
        correlate(x, subscription, command.variables ?? {}, command.messageKey);
        return undefined;
      }
      return reject(
        'NO_MATCHING_SUBSCRIPTION',
        `instance ${state.instanceKey} does not wait for message "${command.messageName}"${command.correlationKey === undefined ? '' : ` with correlation key "${command.correlationKey}"`}`,
      );
    }
    case 'BroadcastSignal': {
      const delivered = deliverSignal(x, command.signalName, command.variables ?? {});
      if (delivered === 0) return reject('NO_MATCHING_SUBSCRIPTION', `instance ${state.instanceKey} does not wait for signal "${command.signalName}"`);
      return undefined;
    }
    case 'CancelInstance': {
      terminateChildren(x, x.rootKey);
      closeOwned(x, x.state.elements.get(x.rootKey) as ElementInstance);
      x.emit({
        type: 'InstanceCancelled',
        instanceKey: x.rootKey,
        ...(command.reason === undefined ? {} : { reason: command.reason }),
      });
      return undefined;
    }
    case 'ResolveIncident': {
      const incident = state.incidents.get(command.incidentKey);
      if (incident === undefined) return reject('INCIDENT_NOT_FOUND', `incident ${command.incidentKey} is not open`);
      x.emit({ type: 'IncidentResolved', incidentKey: incident.incidentKey });
      switch (incident.retry) {
        case 'job':
          if (incident.jobKey !== undefined && x.state.jobs.has(incident.jobKey)) {
            x.emit({ type: 'JobRetriesUpdated', jobKey: incident.jobKey, retries: command.retries ?? 1 });
          }
          break;
        case 'activate':
          runActivation(x, incident.elementInstanceKey);
          break;
        case 'complete':
          completeElement(x, incident.elementInstanceKey);
          break;
      }
      return undefined;
    }
    case 'SetVariables': {
      const scopeKey = command.scopeKey ?? x.rootKey;
      if (state.elements.get(scopeKey) === undefined) {
        return reject('ELEMENT_INSTANCE_NOT_FOUND', `scope ${scopeKey} is not an active element instance`);
      }
      if (command.local === true) x.setLocal(scopeKey, command.variables);
      else x.setVariables(scopeKey, command.variables);
      return undefined;
    }
    case 'SuspendInstance':
      if (state.suspended === true) return reject('INSTANCE_SUSPENDED', `instance ${state.instanceKey} is already suspended`);
      x.emit({ type: 'InstanceSuspended', instanceKey: x.rootKey, ...(command.reason === undefined ? {} : { reason: command.reason }) });
      return undefined;
    case 'ResumeInstance':
      if (state.suspended !== true) return reject('INSTANCE_NOT_SUSPENDED', `instance ${state.instanceKey} is not suspended`);
      x.emit({ type: 'InstanceResumed', instanceKey: x.rootKey, ...(command.reason === undefined ? {} : { reason: command.reason }) });
      return undefined;
    case 'MigrateInstance': {
      const unmapped = unmappedElements(state, command.mapping);
      if (unmapped.length > 0) {
        return reject('MIGRATION_UNMAPPED', `instance ${state.instanceKey} has open elements the mapping leaves out: ${unmapped.join(', ')}`);
      }
      const mapping: Record<string, string> = {};
      for (const id of openElementIds(state)) mapping[id] = command.mapping[id];
      x.emit({
        type: 'InstanceMigrated',
        instanceKey: x.rootKey,
        sourceVersionId: command.sourceVersionId,
        targetVersionId: command.targetVersionId,
        processId: command.processId,
        mapping,
        ...(command.reason === undefined ? {} : { reason: command.reason }),
      });
      return undefined;
    }
    case 'ActivateElement':
      return activateElement(x, command);
    case 'TerminateElement':
      return terminateToken(x, command);
    case 'CompleteCallActivity': {
      const call = state.calls.get(command.callKey);
      if (call === undefined) return reject('CALL_NOT_FOUND', `call ${command.callKey} is not open`);
      const node = x.node(call.elementId);
      const variables = command.variables ?? {};
      x.emit({ type: 'CallActivityCompleted', callKey: call.callKey, elementInstanceKey: call.elementInstanceKey, variables });
      if (node.outputs.length > 0 || node.call?.propagateAllChildVariables !== false) applyResult(x, call.elementInstanceKey, node, variables);
      completeElement(x, call.elementInstanceKey);
      return undefined;
    }
    case 'ThrowCallError': {
      const call = state.calls.get(command.callKey);
      if (call === undefined) return reject('CALL_NOT_FOUND', `call ${command.callKey} is not open`);
      // The child ended with the error (it waits at its error end event): the call is over and
      // the runtime cancels the child; the error then goes to the call activity.
      x.emit({ type: 'CallActivityCancelled', callKey: call.callKey, elementInstanceKey: call.elementInstanceKey });
      const outcome = throwError(x, call.elementInstanceKey, command.errorCode, command.errorMessage, command.variables ?? {});
      const instance = x.instance(call.elementInstanceKey);
      if (outcome === 'uncaught' && instance !== undefined) {
        x.raiseIncident(instance, 'unhandledError', `error "${command.errorCode}" from the process called by ${call.elementId} is not caught`, 'activate');
      }
      return undefined;
    }
    case 'ThrowCallEscalation': {
      const call = state.calls.get(command.callKey);
      if (call === undefined) return reject('CALL_NOT_FOUND', `call ${command.callKey} is not open`);
      // The child goes on; an interrupting catch here terminates the call activity (and so the child).
      throwEscalation(x, call.elementInstanceKey, command.escalationCode);
      return undefined;
    }
    case 'FailCallActivity': {
      const call = state.calls.get(command.callKey);
      if (call === undefined) return reject('CALL_NOT_FOUND', `call ${command.callKey} is not open`);
      const instance = x.instance(call.elementInstanceKey);
      x.emit({ type: 'CallActivityCancelled', callKey: call.callKey, elementInstanceKey: call.elementInstanceKey });
      if (instance !== undefined) x.raiseIncident(instance, 'calledProcess', command.errorMessage, 'activate');
      return undefined;
    }
    case 'RecordAgentSteps': {
      const job = state.jobs.get(command.jobKey);
      if (job === undefined) return jobNotFound(command.jobKey);
      for (const record of command.records) {
        x.emit({ type: 'AgentStepRecorded', jobKey: job.jobKey, elementInstanceKey: job.elementInstanceKey, elementId: job.elementId, record });
      }
      return undefined;
    }
    case 'ActivateAdHocElements': {
      const instance = state.elements.get(command.elementInstanceKey);
      if (instance === undefined) {
        return reject('ELEMENT_INSTANCE_NOT_FOUND', `element instance ${command.elementInstanceKey} is not active`);
      }
      if (instance.elementType !== 'adHocSubProcess') {
        return reject('NOT_AN_AD_HOC_SUB_PROCESS', `${instance.elementId} is not an ad-hoc sub-process`);
      }
      for (const elementId of command.elementIds) {
        const node = x.definition.nodes[elementId];
        if (node === undefined || node.scopeId !== instance.elementId || node.type === 'boundaryEvent' || node.type === 'startEvent' || node.forCompensation) {
          return reject('ELEMENT_NOT_FOUND', `${elementId} is not an activity of ad-hoc sub-process ${instance.elementId}`);
        }
      }
      if (command.variables !== undefined) x.setLocal(instance.key, command.variables);
      for (const elementId of command.elementIds) {
        if (x.instance(instance.key) === undefined) break;
        activateNode(x, x.definition.nodes[elementId], instance.key);
      }
      return undefined;
    }
  }
}

function jobNotFound(jobKey: string): Rejection {
  return reject('JOB_NOT_FOUND', `job ${jobKey} is not open: it was completed, failed with an error, or cancelled with its element`);
}

function createInstance(x: Execution, command: CommandOf<'CreateInstance'>): Rejection | undefined {
  if (x.state.status !== 'none') return reject('INSTANCE_ALREADY_CREATED', `instance ${x.state.instanceKey} already exists`);
  const invalid = checkInput(x, command.variables);
  if (invalid !== undefined) return invalid;
  const definition = x.definition;
  let startId: string | undefined;
  if (command.startEventId !== undefined) {
    const node = definition.nodes[command.startEventId];
    if (node === undefined || node.type !== 'startEvent' || node.scopeId !== definition.processId) {
      return reject('NO_MATCHING_START_EVENT', `${command.startEventId} is not a start event of process ${definition.processId}`);
    }
    startId = node.id;
  } else if (command.messageName !== undefined) {
    startId = definition.messageStartIds.find((id) => {
      const trigger = definition.nodes[id].trigger;
      if (trigger.kind !== 'message') return false;
      const name = trigger.messageName.evaluate({});
      return name.ok && name.value === command.messageName;
    });
    if (startId === undefined) return reject('NO_MATCHING_START_EVENT', `process ${definition.processId} has no start event for message "${command.messageName}"`);
  } else if (command.signalName !== undefined) {
    startId = definition.signalStartIds.find((id) => {
      const trigger = definition.nodes[id].trigger;
      return trigger.kind === 'signal' && trigger.signalName === command.signalName;
    });
    if (startId === undefined) return reject('NO_MATCHING_START_EVENT', `process ${definition.processId} has no start event for signal "${command.signalName}"`);
  } else {
    startId = definition.noneStartId;
    if (startId === undefined) return reject('NO_MATCHING_START_EVENT', `process ${definition.processId} has no none start event: name a start event, message or signal`);
  }
  const instanceKey = command.instanceKey ?? x.newKey();
  x.emit({
    type: 'InstanceCreated',
    instanceKey,
    processId: definition.processId,
    startElementId: startId,
    variables: command.variables ?? {},
    ...(command.startedBy === undefined ? {} : { startedBy: command.startedBy }),
    ...(command.businessKey === undefined ? {} : { businessKey: command.businessKey }),
    ...(command.parent === undefined ? {} : { parent: command.parent }),
  });
  const root = x.state.elements.get(instanceKey) as ElementInstance;
  openEventSubProcesses(x, root, definition.root);
  if (x.instance(instanceKey) !== undefined) activateNode(x, definition.nodes[startId], instanceKey);
  return undefined;
}

function activateElement(x: Execution, command: CommandOf<'ActivateElement'>): Rejection | undefined {
  const node = x.definition.nodes[command.elementId];
  if (node === undefined) return reject('ELEMENT_NOT_FOUND', `process ${x.definition.processId} has no element ${command.elementId}`);
  let scopeKey = command.scopeKey;
  if (scopeKey !== undefined) {
    const scope = x.state.elements.get(scopeKey);
    if (scope === undefined || scope.elementId !== node.scopeId || scope.elementType === 'multiInstanceBody') {
      return reject('ELEMENT_INSTANCE_NOT_FOUND', `${scopeKey} is not an active instance of ${node.scopeId}, the scope of ${node.id}`);
    }
  } else if (node.scopeId === x.definition.processId) {
    scopeKey = x.rootKey;
  } else {
    const scopes = [...x.state.elements.values()].filter((e) => e.elementId === node.scopeId && e.elementType !== 'multiInstanceBody');
    if (scopes.length !== 1) {
      return reject(
        scopes.length === 0 ? 'ELEMENT_INSTANCE_NOT_FOUND' : 'SCOPE_AMBIGUOUS',
        scopes.length === 0
          ? `${node.id} is inside ${node.scopeId}, which is not active: activate the scope first`
          : `${node.scopeId} is active ${scopes.length} times: say in which instance (scopeKey) to activate ${node.id}`,
      );
    }
    scopeKey = scopes[0].key;
  }
  if (command.variables !== undefined) x.setVariables(scopeKey, command.variables);
  const key = activateNode(x, node, scopeKey);
  if (node.eventSubProcess && x.instance(key) !== undefined) {
    // An event sub-process started by hand begins at its start event, as if it had occurred.
    const startId = node.scope?.childIds.find((id) => x.definition.nodes[id]?.type === 'startEvent');
    if (startId !== undefined) activateNode(x, x.definition.nodes[startId], key, { triggered: {} });
  }
  return undefined;
}

/**
 * Instance modification: withdraw a token. As in Zeebe, a scope the termination leaves without
 * any token (no active child, no token waiting at a join) is terminated too, outwards; when
 * that reaches the process, the instance is cancelled — withdrawing tokens never completes a
 * scope or takes its flows. A child instance (started by a call activity) cannot be ended this
 * way: its caller would not know what happened; terminate the call activity instead.
 */
function terminateToken(x: Execution, command: CommandOf<'TerminateElement'>): Rejection | undefined {
  const state = x.state;
  const instance = state.elements.get(command.elementInstanceKey);
  if (instance === undefined) {
    return reject('ELEMENT_INSTANCE_NOT_FOUND', `element instance ${command.elementInstanceKey} is not active`);
  }
  // The scopes left empty, innermost first (a withdrawn compensation handler lets its throw go on instead).
  const emptied: ElementInstance[] = [];
  let child = instance;
  let scope = child.scopeKey === null ? undefined : state.elements.get(child.scopeKey);
  while (scope !== undefined && child.compensationOf === undefined && scope.children === 1 && scope.flows === 0) {
    emptied.push(scope);
    child = scope;
    scope = child.scopeKey === null ? undefined : state.elements.get(child.scopeKey);
  }
  const endsInstance = instance.scopeKey === null || emptied.at(-1)?.scopeKey === null;
  if (endsInstance) {
    if (state.parent !== undefined) {
      return reject(
        'CHILD_INSTANCE_NOT_TERMINABLE',
        `terminating ${instance.elementId} would end instance ${state.instanceKey}, which call activity ${state.parent.elementInstanceKey} of instance ${state.parent.instanceKey} waits for: terminate the call activity instead`,
      );
    }
    return handle(x, { type: 'CancelInstance', reason: `the last token (${instance.elementId}) was terminated` });
  }
  terminateElement(x, instance.key);
  for (const empty of emptied) terminateElement(x, empty.key);
  return undefined;
}
