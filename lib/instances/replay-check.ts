/**
 * The replay check of the viewer: runs an instance's recorded log through the engine again and
 * reports "deterministic" or the first event where today's engine decides differently.
 *
 * Contract
 * - Pure. The log is the only record (commands are not stored), so each command is read back
 *   from the first event it produced (CompleteJob from JobCompleted, FireTimer from TimerFired,
 *   ...; a few events allow several commands, each is tried). Ids come from the log in order of
 *   first appearance and time from the event's `at`, as the original decide had them.
 * - A command is accepted when `decide` reproduces the next events of the log exactly (core
 *   `canonical` equality). When no candidate does, the report names the first differing event:
 *   its sequence number, what the log has and what the engine produces now.
 * - `InstanceMigrated` switches to the target version's definition for what follows.
 */
import { canonical, CommandSchema, decide, EMPTY_STATE, type Command, type Definition, type Event, type InstanceState } from '@/lib/engine/core';

export type ReplayCheck =
  | { ok: true; commands: number; events: number }
  | { ok: false; seq: number; reason: string; expected: Event | undefined; actual: Event | undefined };

const KEY_FIELDS = ['instanceKey', 'elementInstanceKey', 'jobKey', 'timerKey', 'taskKey', 'subscriptionKey', 'incidentKey', 'callKey'] as const;

function keysOf(event: Event): string[] {
  const record = event as Record<string, unknown>;
  return KEY_FIELDS.map((field) => record[field]).filter((v): v is string => typeof v === 'string');
}

function parse(candidate: unknown): Command | null {
  const parsed = CommandSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

function strip<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** The commands that may have produced the events from `log[i]` on, most likely first. */
export function candidateCommands(log: readonly Event[], i: number, state: InstanceState): Command[] {
  const e = log[i];
  const next = log[i + 1];
  const out: unknown[] = [];
  switch (e.type) {
    case 'InstanceCreated':
      out.push(strip({ type: 'CreateInstance', instanceKey: e.instanceKey, variables: e.variables, startEventId: e.startElementId, startedBy: e.startedBy, businessKey: e.businessKey, parent: e.parent }));
      break;
    case 'JobCompleted':
      out.push({ type: 'CompleteJob', jobKey: e.jobKey, variables: e.variables });
      break;
    case 'JobFailed':
      out.push(strip({ type: 'FailJob', jobKey: e.jobKey, retries: e.retries, errorMessage: e.errorMessage, retryBackoffMs: e.retryAt === undefined ? undefined : Date.parse(e.retryAt) - Date.parse(e.at) }));
      break;
    case 'JobErrorThrown': {
      const variables = log.slice(i + 1).find((x) => x.type === 'VariablesSet');
      out.push(strip({ type: 'ThrowJobError', jobKey: e.jobKey, errorCode: e.errorCode, errorMessage: e.errorMessage }));
      if (variables?.type === 'VariablesSet') out.push(strip({ type: 'ThrowJobError', jobKey: e.jobKey, errorCode: e.errorCode, errorMessage: e.errorMessage, variables: variables.variables }));
      break;
    }
    case 'UserTaskCompleted':
      out.push(strip({ type: 'CompleteUserTask', taskKey: e.taskKey, variables: e.variables, completedBy: e.completedBy }));
      break;
    case 'TimerFired':
      out.push({ type: 'FireTimer', timerKey: e.timerKey });
      break;
    case 'MessageCorrelated':
      out.push(strip({ type: 'CorrelateMessage', messageName: e.messageName, correlationKey: e.correlationKey, messageKey: e.messageKey, variables: e.variables }));
      break;
    case 'InstanceCancelled':
      out.push(strip({ type: 'CancelInstance', reason: e.reason }));
      break;
    case 'IncidentResolved':
      out.push(strip({ type: 'ResolveIncident', incidentKey: e.incidentKey, retries: next?.type === 'JobRetriesUpdated' ? next.retries : undefined }));
      break;
    case 'VariablesSet':
      out.push({ type: 'SetVariables', scopeKey: e.scopeKey, variables: e.variables });
      out.push({ type: 'SetVariables', scopeKey: e.scopeKey, variables: e.variables, local: true });
      if (next?.type === 'ElementActivated') out.push({ type: 'ActivateElement', elementId: next.elementId, scopeKey: next.scopeKey, variables: e.variables });
      break;
    case 'ElementActivated': {
      out.push({ type: 'ActivateElement', elementId: e.elementId, scopeKey: e.scopeKey });
      const scope = state.elements.get(e.scopeKey);
      if (scope?.elementType === 'adHocSubProcess') {
        const ids: string[] = [];
        for (let k = i; k < log.length && log[k].at === e.at; k++) {
          const x = log[k];
          if (x.type === 'ElementActivated' && x.scopeKey === e.scopeKey) ids.push(x.elementId);
        }
        out.push({ type: 'ActivateAdHocElements', elementInstanceKey: e.scopeKey, elementIds: ids });
        out.push({ type: 'ActivateAdHocElements', elementInstanceKey: e.scopeKey, elementIds: [e.elementId] });
      }
      break;
    }
    case 'CallActivityCompleted':
      out.push({ type: 'CompleteCallActivity', callKey: e.callKey, variables: e.variables });
      break;
    case 'InstanceSuspended':
      out.push(strip({ type: 'SuspendInstance', reason: e.reason }));
      break;
    case 'InstanceResumed':
      out.push(strip({ type: 'ResumeInstance', reason: e.reason }));
      break;
    case 'InstanceMigrated':
      out.push(strip({ type: 'MigrateInstance', sourceVersionId: e.sourceVersionId, targetVersionId: e.targetVersionId, processId: e.processId, mapping: e.mapping, reason: e.reason }));
      break;
    default: {
      const record = e as Record<string, unknown>;
      if (e.type === 'AgentStepRecorded' as string) {
        const records: unknown[] = [];
        for (let k = i; k < log.length && log[k].type === e.type && (log[k] as Record<string, unknown>).jobKey === record.jobKey; k++) records.push((log[k] as Record<string, unknown>).record);
        out.push({ type: 'RecordAgentSteps', jobKey: record.jobKey, records });
      }
      if (e.type === 'UserTaskUpdated' as string && record.reason !== 'escalation') {
        out.push(strip({ type: 'UpdateUserTask', taskKey: record.taskKey, reason: record.reason, assignee: record.assignee ?? null, by: record.by }));
      }
      break;
    }
  }
  // Terminations and cancellations begin with the innermost element: try them for any event.
  const cancelled = log.slice(i).find((x) => x.at === e.at && x.type === 'InstanceCancelled');
  if (e.type !== 'InstanceCancelled' && e.type !== 'InstanceCreated') {
    if (cancelled?.type === 'InstanceCancelled') out.push(strip({ type: 'CancelInstance', reason: cancelled.reason }));
    for (let k = i; k < log.length && log[k].at === e.at; k++) {
      const x = log[k];
      if (x.type === 'ElementTerminated') out.push({ type: 'TerminateElement', elementInstanceKey: x.elementInstanceKey });
    }
  }
  for (const subscription of state.subscriptions.values()) {
    if (subscription.kind === 'signal') out.push({ type: 'BroadcastSignal', signalName: subscription.name });
  }
  return out.map(parse).filter((c): c is Command => c !== null);
}

export function checkReplay(log: readonly Event[], definitionOf: (versionId: string) => Definition, firstVersionId: string): ReplayCheck {
  let state: InstanceState = EMPTY_STATE;
  let definition = definitionOf(firstVersionId);
  // CreateInstance names its instance key (the runtime's instance id): it is no generated id.
  const known = new Set<string>(log[0]?.type === 'InstanceCreated' ? [log[0].instanceKey] : []);
  let commands = 0;
  let i = 0;
  while (i < log.length) {
    const ids: string[] = [];
    const seen = new Set(known);
    for (const event of log.slice(i)) {
      for (const key of keysOf(event)) {
        if (!seen.has(key)) {
          seen.add(key);
          ids.push(key);
        }
      }
    }
    let best: { matched: number; actual: Event | undefined; reason: string } | null = null;
    let accepted = false;
    for (const command of candidateCommands(log, i, state)) {
      let n = 0;
      const result = decide(definition, state, command, { now: Date.parse(log[i].at), newId: () => ids[n++] ?? `replay-id-${n}` });
      if (!result.ok) {
        if (best === null) best = { matched: 0, actual: undefined, reason: `${command.type} is now rejected: ${result.message}` };
        continue;
      }
      let matched = 0;
      while (matched < result.events.length && i + matched < log.length && canonical(result.events[matched]) === canonical(log[i + matched])) matched++;
      if (matched === result.events.length && matched > 0) {
        for (const event of result.events) for (const key of keysOf(event)) known.add(key);
        state = result.state;
        for (const event of result.events) if (event.type === 'InstanceMigrated') definition = definitionOf(event.targetVersionId);
        i += matched;
        commands++;
        accepted = true;
        break;
      }
      if (best === null || matched > best.matched) {
        const actual = result.events[matched];
        best = {
          matched,
          actual,
          reason:
            actual === undefined
              ? `${command.type} now stops after ${matched} events; the log goes on with ${log[i + matched]?.type}`
              : actual.type === log[i + matched]?.type
                ? `${command.type}: ${actual.type} now differs from the log`
                : `${command.type}: the engine now produces ${actual.type} where the log has ${log[i + matched]?.type}`,
        };
      }
    }
    if (!accepted) {
      const at = i + (best?.matched ?? 0);
      return { ok: false, seq: at + 1, reason: best?.reason ?? `no command explains ${log[i].type}`, expected: log[at], actual: best?.actual };
    }
  }
  return { ok: true, commands, events: log.length };
}
