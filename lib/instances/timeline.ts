/**
 * The audit timeline of one instance, shaped from its stored events: pure.
 *
 * Contract
 * - One entry per event, in sequence order, with time, actor (person, API token, agent,
 *   system), element, a one-line summary and the details the event carries: variable changes
 *   as a diff against the values before, job attempts and errors, agent steps' model, tokens,
 *   latency, tool calls, decision and reason.
 * - `filterTimeline` keeps entries matching every filter given (element, actor, type, a search
 *   in the summary and details); `variableHistory` lists each variable's values over time.
 */
import type { Event } from '@/lib/engine/core';

export type StoredEventInput = { seq: number; at: string; actor: string | null; event: Event };

export type Actor = { kind: 'person' | 'token' | 'agent' | 'system'; id: string; label: string };
export type VariableChange = { name: string; scope: string; before: unknown; after: unknown; kind: 'added' | 'changed' | 'unchanged' };
export type AgentStep = { model?: string; tokens?: number; latencyMs?: number; toolCalls?: string[]; decision?: string; reason?: string; raw: Record<string, unknown> };

export type TimelineEntry = {
  seq: number;
  at: string;
  type: Event['type'];
  category: 'instance' | 'element' | 'flow' | 'variables' | 'job' | 'timer' | 'task' | 'message' | 'incident' | 'agent' | 'operation' | 'call';
  actor: Actor;
  elementId: string | null;
  summary: string;
  changes?: VariableChange[];
  job?: { jobKey: string; attempt: number; retriesLeft?: number; error?: string; retryAt?: string };
  agent?: AgentStep;
};

export function actorOf(actor: string | null, labels: Readonly<Record<string, string>> = {}): Actor {
  if (actor === null || actor === '' || actor === 'system') return { kind: 'system', id: 'system', label: 'system' };
  const colon = actor.indexOf(':');
  const prefix = colon < 0 ? actor : actor.slice(0, colon);
  const id = colon < 0 ? actor : actor.slice(colon + 1);
  const kind = prefix === 'person' || prefix === 'token' || prefix === 'agent' ? prefix : 'system';
  const label = labels[actor] ?? (kind === 'person' ? id : kind === 'token' ? `API token ${id}` : kind === 'agent' ? `agent ${id}` : actor);
  return { kind, id, label };
}

const CATEGORY: Partial<Record<string, TimelineEntry['category']>> = {
  InstanceCreated: 'instance',
  InstanceCompleted: 'instance',
  InstanceCancelled: 'operation',
  InstanceSuspended: 'operation',
  InstanceResumed: 'operation',
  InstanceMigrated: 'operation',
  FlowTaken: 'flow',
  VariablesSet: 'variables',
  IncidentRaised: 'incident',
  IncidentResolved: 'incident',
  AgentStepRecorded: 'agent',
};

function categoryOf(type: string): TimelineEntry['category'] {
  const fixed = CATEGORY[type];
  if (fixed !== undefined) return fixed;
  if (type.startsWith('Job')) return 'job';
  if (type.startsWith('Timer')) return 'timer';
  if (type.startsWith('UserTask')) return 'task';
  if (type.startsWith('Message') || type.startsWith('Signal')) return 'message';
  if (type.startsWith('CallActivity')) return 'call';
  return 'element';
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The fields of an agent's decision record the timeline shows, wherever the record keeps them. */
export function agentStepOf(record: Record<string, unknown>): AgentStep {
  const usage = (record.usage ?? {}) as Record<string, unknown>;
  const tokens = num(record.tokens) ?? num(usage.totalTokens) ?? ((num(usage.inputTokens) ?? 0) + (num(usage.outputTokens) ?? 0) || undefined);
  const calls = Array.isArray(record.toolCalls) ? record.toolCalls : record.tool !== undefined ? [record.tool] : [];
  const toolCalls = calls.map((c) => (typeof c === 'string' ? c : str((c as Record<string, unknown>)?.name) ?? str((c as Record<string, unknown>)?.toolName) ?? show(c)));
  const step: AgentStep = { raw: record };
  const model = str(record.model);
  if (model !== undefined) step.model = model;
  if (tokens !== undefined) step.tokens = tokens;
  const latency = num(record.latencyMs) ?? num(record.durationMs);
  if (latency !== undefined) step.latencyMs = latency;
  if (toolCalls.length > 0) step.toolCalls = toolCalls;
  const decision = str(record.decision) ?? (record.decision === undefined ? undefined : show(record.decision));
  if (decision !== undefined) step.decision = decision;
  const reason = str(record.reason) ?? str(record.rationale);
  if (reason !== undefined) step.reason = reason;
  return step;
}

export function shapeTimeline(stored: readonly StoredEventInput[], labels: { actors?: Readonly<Record<string, string>>; elements?: Readonly<Record<string, string>> } = {}): TimelineEntry[] {
  const scopes = new Map<string, Record<string, unknown>>();
  const scopeElement = new Map<string, string>();
  const instanceElement = new Map<string, string>();
  const attempts = new Map<string, number>();
  let rootKey = '';
  const name = (id: string | null | undefined) => (id ? (labels.elements?.[id] ? `${labels.elements[id]} (${id})` : id) : '');

  return stored.map(({ seq, at, actor, event }) => {
    const record = event as Record<string, unknown>;
    let elementId: string | null = typeof record.elementId === 'string' ? record.elementId : null;
    const eiKey = typeof record.elementInstanceKey === 'string' ? record.elementInstanceKey : undefined;
    if (elementId === null && eiKey !== undefined) elementId = instanceElement.get(eiKey) ?? null;
    const entry: TimelineEntry = { seq, at, type: event.type, category: categoryOf(event.type), actor: actorOf(actor, labels.actors), elementId, summary: event.type };
    switch (event.type) {
      case 'InstanceCreated': {
        rootKey = event.instanceKey;
        scopes.set(rootKey, { ...event.variables });
        scopeElement.set(rootKey, event.processId);
        entry.summary = `Instance started at ${name(event.startElementId)}${event.businessKey ? ` (business key ${event.businessKey})` : ''}`;
        entry.elementId = event.startElementId;
        entry.changes = Object.entries(event.variables).map(([n, v]) => ({ name: n, scope: 'process', before: undefined, after: v, kind: 'added' as const }));
        break;
      }
      case 'ElementActivated':
        instanceElement.set(event.elementInstanceKey, event.elementId);
        scopeElement.set(event.elementInstanceKey, event.elementId);
        entry.summary = event.elementType === 'multiInstanceBody' ? `Multi-instance ${name(event.elementId)} started` : `Entered ${name(event.elementId)}${event.loopCounter ? ` #${event.loopCounter}` : ''}`;
        break;
      case 'ElementCompleted':
        entry.summary = `Completed ${name(event.elementId)}`;
        scopes.delete(event.elementInstanceKey);
        break;
      case 'ElementTerminated':
        entry.summary = `Terminated ${name(event.elementId)}`;
        scopes.delete(event.elementInstanceKey);
        break;
      case 'FlowTaken':
        entry.elementId = event.flowId;
        entry.summary = `Took flow ${name(event.flowId)} → ${name(event.targetId)}`;
        break;
      case 'VariablesSet': {
        const before = scopes.get(event.scopeKey) ?? {};
        const scope = event.scopeKey === rootKey ? 'process' : (scopeElement.get(event.scopeKey) ?? event.scopeKey);
        entry.changes = Object.entries(event.variables).map(([n, v]) => ({
          name: n,
          scope,
          before: before[n],
          after: v,
          kind: !Object.hasOwn(before, n) ? 'added' : JSON.stringify(before[n]) === JSON.stringify(v) ? 'unchanged' : 'changed',
        }));
        scopes.set(event.scopeKey, { ...before, ...event.variables });
        if (entry.elementId === null) entry.elementId = scope === 'process' ? null : scope;
        entry.summary = `Variables set (${scope}): ${entry.changes.map((c) => c.name).join(', ')}`;
        break;
      }
      case 'JobCreated':
        attempts.set(event.jobKey, 1);
        entry.job = { jobKey: event.jobKey, attempt: 1, retriesLeft: event.retries };
        entry.summary = `Job ${event.jobType} created (${event.retries} retries)`;
        break;
      case 'JobFailed': {
        const attempt = attempts.get(event.jobKey) ?? 1;
        attempts.set(event.jobKey, attempt + 1);
        entry.job = { jobKey: event.jobKey, attempt, retriesLeft: event.retries, error: event.errorMessage, ...(event.retryAt ? { retryAt: event.retryAt } : {}) };
        entry.summary = `Attempt ${attempt} failed: ${event.errorMessage} (${event.retries} retries left)`;
        break;
      }
      case 'JobCompleted':
        entry.job = { jobKey: event.jobKey, attempt: attempts.get(event.jobKey) ?? 1 };
        entry.summary = `Job completed on attempt ${attempts.get(event.jobKey) ?? 1}`;
        break;
      case 'JobErrorThrown':
        entry.job = { jobKey: event.jobKey, attempt: attempts.get(event.jobKey) ?? 1, error: `${event.errorCode}${event.errorMessage ? `: ${event.errorMessage}` : ''}` };
        entry.summary = `Job threw BPMN error ${event.errorCode}`;
        break;
      case 'JobRetriesUpdated':
        entry.summary = `Job retries set to ${event.retries}`;
        break;
      case 'UserTaskCreated':
        entry.summary = `Task ${event.name ?? event.elementId} waiting${event.assignee ? ` for ${event.assignee}` : event.candidateGroups.length > 0 ? ` for ${event.candidateGroups.join(', ')}` : ''}`;
        break;
      case 'UserTaskCompleted':
        entry.summary = `Task completed${event.completedBy ? ` by ${labels.actors?.[`person:${event.completedBy}`] ?? event.completedBy}` : ''}`;
        entry.changes = Object.entries(event.variables).map(([n, v]) => ({ name: n, scope: 'task result', before: undefined, after: v, kind: 'added' as const }));
        break;
      case 'TimerScheduled':
        entry.summary = `Timer due ${event.dueAt}`;
        break;
      case 'TimerFired':
        entry.summary = 'Timer fired';
        break;
      case 'MessageCorrelated':
        entry.summary = `Message "${event.messageName}" received`;
        break;
      case 'IncidentRaised':
        entry.summary = `Incident (${event.kind}): ${event.message}`;
        break;
      case 'IncidentResolved':
        entry.summary = 'Incident resolved';
        break;
      case 'InstanceCompleted':
        entry.summary = 'Instance completed';
        break;
      case 'InstanceCancelled':
        entry.summary = `Instance cancelled${event.reason ? `: ${event.reason}` : ''}`;
        break;
      case 'InstanceSuspended':
        entry.summary = `Instance suspended${event.reason ? `: ${event.reason}` : ''}`;
        break;
      case 'InstanceResumed':
        entry.summary = `Instance resumed${event.reason ? `: ${event.reason}` : ''}`;
        break;
      case 'InstanceMigrated': {
        const moved = Object.entries(event.mapping).filter(([a, b]) => a !== b);
        entry.summary = `Migrated to version ${event.targetVersionId}${moved.length > 0 ? ` (${moved.map(([a, b]) => `${a} → ${b}`).join(', ')})` : ''}${event.reason ? `: ${event.reason}` : ''}`;
        break;
      }
      default:
        if (event.type === ('AgentStepRecorded' as string) && typeof record.record === 'object' && record.record !== null) {
          entry.agent = agentStepOf(record.record as Record<string, unknown>);
          const a = entry.agent;
          entry.summary = `Agent step${a.model ? ` · ${a.model}` : ''}${a.toolCalls ? ` · tools ${a.toolCalls.join(', ')}` : ''}${a.decision ? ` · decision ${a.decision}` : ''}`;
        }
        break;
    }
    return entry;
  });
}

export type TimelineFilter = { elementId?: string; actor?: string; type?: string; q?: string };

export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const q = filter.q?.trim().toLowerCase();
  return entries.filter((e) => {
    if (filter.elementId && e.elementId !== filter.elementId) return false;
    if (filter.actor && e.actor.label !== filter.actor && `${e.actor.kind}:${e.actor.id}` !== filter.actor) return false;
    if (filter.type && e.type !== filter.type && e.category !== filter.type) return false;
    if (q) {
      const text = `${e.summary} ${e.type} ${e.elementId ?? ''} ${e.actor.label} ${JSON.stringify(e.changes ?? '')} ${e.job?.error ?? ''} ${JSON.stringify(e.agent?.raw ?? '')}`.toLowerCase();
      if (!text.includes(q)) return false;
    }
    return true;
  });
}

export type VariableVersion = { seq: number; at: string; actor: string; scope: string; value: unknown };

/** Each variable's values over time (process scope and element scopes), oldest first. */
export function variableHistory(entries: readonly TimelineEntry[]): Record<string, VariableVersion[]> {
  const history: Record<string, VariableVersion[]> = {};
  for (const entry of entries) {
    if (entry.type !== 'InstanceCreated' && entry.type !== 'VariablesSet') continue;
    for (const change of entry.changes ?? []) {
      const key = change.scope === 'process' ? change.name : `${change.name} @ ${change.scope}`;
      (history[key] ??= []).push({ seq: entry.seq, at: entry.at, actor: entry.actor.label, scope: change.scope, value: change.after });
    }
  }
  return history;
}
