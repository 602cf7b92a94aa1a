/**
 * Everything the task page shows about one task, as `subject` may see it.
 *
 * Contract
 * - A task the subject may not see is 404 `task.not-found`, like a task that does not exist.
 * - `task`: the row with what the subject may do (claim, unclaim, complete and why not).
 * - `form`: the form definition of the model (parsed with form-schema.ts; the client builds
 *   its zod schema from it with `formSchemaOf`).
 * - `variables`: ONLY the variables the model marks visible for this task plus its form fields
 *   (lib/auth/task-rules.ts `visibleTaskVariables`), with their current values while the task
 *   is open (as seen from the task's scope), else as they were when it was created.
 * - `history`: a short summary of the instance's log (newest last, at most 50 entries):
 *   started, elements completed, tasks created/claimed/escalated/completed, incidents.
 * - `agent`: when an agent task ran in this instance before the task was created, its answer
 *   (the job's result variables), its reasoning (the outcome's reason, else the last model
 *   call's) and the tool calls of that run (from AgentStepRecorded events); null otherwise.
 * - `diagram`: the version (id, number) and the elements active now, for the diagram overlay.
 */
import { NotFoundError } from '@/lib/api/errors';
import type { JsonValue } from '@/lib/bpmn/model';
import { can } from '@/lib/auth/can';
import { decideTaskAccess, names, visibleTaskVariables } from '@/lib/auth/task-rules';
import { fromSnapshot, type StateSnapshot } from '@/lib/engine/core';
import { listInstanceEvents, type StoredEvent } from '@/lib/engine/runtime/list-instance-events';
import { visibleVariables } from '@/lib/engine/core/variables';
import { parseFormFields, type FormField } from '@/lib/tasks/form-schema';
import { userLabels, type TaskListItem } from '@/lib/tasks/list-tasks';
import { nowOf, type TaskCaller } from '@/lib/tasks/task-caller';
import { loadTaskFacts } from '@/lib/tasks/task-facts';

export type TaskHistoryEntry = { seq: number; at: string; type: string; elementId: string | null; actor: string | null; summary: string };
export type AgentToolCall = { tool: string; arguments: JsonValue; outcome: string; success: boolean; reason: string | null };
export type AgentContext = {
  elementId: string;
  elementName: string | null;
  /** The agent's answer: the result variables its job completed with. */
  recommendation: JsonValue | null;
  reasoning: string | null;
  toolCalls: AgentToolCall[];
};

export type TaskView = {
  /** The list's item (same fields, same meaning) plus what the task page needs. */
  task: TaskListItem & {
    claimedAt: string | null;
    completedById: string | null;
    /** What was submitted (completed tasks only). */
    result: Record<string, JsonValue> | null;
    mayClaim: boolean;
    mayUnclaim: boolean;
    /** Whether the subject may assign it (to a candidate) or delegate it (as its assignee). */
    mayAssign: boolean;
    mayDelegate: boolean;
    mayComplete: boolean;
    /** Why not, in words a person reads (four-eyes: "You started this instance…"). */
    completeRefusedBecause: string | null;
    completeRefusedReason: 'not-candidate' | 'assigned-to-someone-else' | 'not-open' | 'four-eyes' | null;
  };
  form: { formKey: string | null; fields: FormField[] };
  variables: Record<string, JsonValue>;
  history: TaskHistoryEntry[];
  agent: AgentContext | null;
  diagram: { versionId: string; versionNumber: number | null; activeElementIds: string[] };
};

const HISTORY_TYPES = new Set([
  'InstanceCreated',
  'InstanceCompleted',
  'InstanceCancelled',
  'ElementCompleted',
  'UserTaskCreated',
  'UserTaskUpdated',
  'UserTaskCompleted',
  'UserTaskCancelled',
  'IncidentRaised',
  'IncidentResolved',
  'MessageCorrelated',
]);

function refusalText(reason: string, starterIsMe: boolean): string {
  switch (reason) {
    case 'four-eyes':
      return starterIsMe
        ? 'You started this instance, and its four-eyes rule needs someone else to complete this task.'
        : 'You completed an earlier step of this instance, and its four-eyes rule needs someone else to complete this task.';
    case 'assigned-to-someone-else':
      return 'This task is assigned to someone else.';
    case 'not-open':
      return 'This task is no longer open.';
    default:
      return 'You are not among the candidates of this task.';
  }
}

function summaryOf(type: string, payload: Record<string, unknown>, elementName: (id: string | null) => string): string {
  const element = elementName(typeof payload.elementId === 'string' ? payload.elementId : null);
  switch (type) {
    case 'InstanceCreated':
      return 'Instance started';
    case 'InstanceCompleted':
      return 'Instance completed';
    case 'InstanceCancelled':
      return 'Instance cancelled';
    case 'ElementCompleted':
      return `${element} completed`;
    case 'UserTaskCreated':
      return `Task ${element} created`;
    case 'UserTaskUpdated': {
      const escalation = payload.escalation as { action?: string } | undefined;
      if (payload.reason === 'escalation') return `Task ${element} escalated (${escalation?.action ?? 'step'})`;
      return `Task ${element}: ${String(payload.reason)}`;
    }
    case 'UserTaskCompleted':
      return `Task ${element} completed`;
    case 'UserTaskCancelled':
      return `Task ${element} cancelled`;
    case 'IncidentRaised':
      return `Incident at ${element}: ${String(payload.message ?? '')}`;
    case 'IncidentResolved':
      return 'Incident resolved';
    case 'MessageCorrelated':
      return `Message "${String(payload.messageName ?? '')}" received`;
    default:
      return type;
  }
}

function payloadOf(row: StoredEvent): Record<string, unknown> {
  return row.event as unknown as Record<string, unknown>;
}

function elementIdOf(row: StoredEvent): string | null {
  return 'elementId' in row.event && typeof row.event.elementId === 'string' ? row.event.elementId : null;
}

/** The latest agent run before `beforeSeq`: its answer, reasoning and tool calls. */
export function agentContextOf(events: readonly StoredEvent[], beforeSeq: number, elementName: (id: string) => string | null): AgentContext | null {
  const earlier = events.filter((e) => e.seq < beforeSeq);
  const lastStep = [...earlier].reverse().find((e) => e.type === 'AgentStepRecorded');
  if (lastStep === undefined) return null;
  const step = payloadOf(lastStep);
  const jobKey = typeof step.jobKey === 'string' ? step.jobKey : null;
  const elementId = typeof step.elementId === 'string' ? step.elementId : (elementIdOf(lastStep) ?? '');
  const records = earlier.filter((e) => e.type === 'AgentStepRecorded').map(payloadOf).filter((p) => p.jobKey === jobKey);
  // One run (trace) of the planning loop: the last trace of that job.
  const lastTrace = (records.at(-1)?.record as Record<string, unknown> | undefined)?.traceId;
  const run = records.map((p) => (p.record ?? {}) as Record<string, unknown>).filter((r) => lastTrace === undefined || r.traceId === lastTrace);
  const outcome = run.find((r) => r.kind === 'outcome');
  const lastModelCall = [...run].reverse().find((r) => r.kind === 'model-call');
  const completed = earlier.filter((e) => e.type === 'JobCompleted').map(payloadOf).find((p) => p.jobKey === jobKey);
  const toolCalls: AgentToolCall[] = run
    .filter((r) => r.kind === 'tool-call')
    .map((r) => ({
      tool: String(r.tool ?? ''),
      arguments: (r.arguments ?? {}) as JsonValue,
      outcome: String(r.outcome ?? ''),
      success: r.success === true,
      reason: typeof r.reason === 'string' ? r.reason : null,
    }));
  const reasoning = typeof outcome?.reason === 'string' ? outcome.reason : typeof lastModelCall?.reason === 'string' ? lastModelCall.reason : null;
  return {
    elementId,
    elementName: elementName(elementId),
    recommendation: (completed?.variables as JsonValue | undefined) ?? null,
    reasoning,
    toolCalls,
  };
}

export async function getTaskView(caller: TaskCaller, taskId: string): Promise<TaskView> {
  const { db, subject } = caller;
  const loaded = await loadTaskFacts(db, taskId);
  if (!loaded || !can(subject, 'task:read', { type: 'task', task: loaded.facts })) {
    throw new NotFoundError('task.not-found', `No task "${taskId}" that you may see.`, { taskId });
  }
  const { task, facts, settings } = loaded;
  const now = nowOf(caller);

  const [instance, rows, version] = await Promise.all([
    db.processInstance.findUnique({ where: { id: task.instanceId }, select: { snapshot: true, startedById: true } }),
    listInstanceEvents(db, { instanceId: task.instanceId, after: 0, limit: 5000 }).then((page) => page.items),
    db.processVersion.findUnique({ where: { id: task.versionId }, select: { number: true, modelJson: true } }),
  ]);

  const elementNames = new Map<string, string>();
  try {
    const model = JSON.parse(version?.modelJson ?? '{}') as { elements?: { id: string; name?: string }[] };
    for (const el of model.elements ?? []) if (el.name) elementNames.set(el.id, el.name);
  } catch {
    // A model that does not parse shows element ids instead of names.
  }
  const nameOf = (id: string | null) => (id === null ? 'an element' : (elementNames.get(id) ?? id));

  // Variables: current values while the task is open, else those it was created with.
  const fields = parseFormFields(settings.form?.fields ?? []);
  let source: Record<string, JsonValue> = (settings.variables ?? {}) as Record<string, JsonValue>;
  let activeElementIds: string[] = [];
  if (instance !== null) {
    try {
      const state = fromSnapshot(JSON.parse(instance.snapshot) as StateSnapshot);
      if (task.status === 'created' && state.elements.has(task.elementInstanceId)) source = visibleVariables(state, task.elementInstanceId) as Record<string, JsonValue>;
      activeElementIds = [...new Set([...state.elements.values()].filter((e) => e.elementType !== 'process').map((e) => e.elementId))];
    } catch {
      // An unreadable snapshot: the values the task was created with.
    }
  }
  const variables = visibleTaskVariables({ visibleVariables: settings.visibleVariables ?? [], formFields: fields.map((f) => f.key) }, source);

  const createdSeq = rows.find((row) => row.type === 'UserTaskCreated' && payloadOf(row).taskKey === task.id)?.seq ?? Number.MAX_SAFE_INTEGER;
  const history = rows
    .filter((row) => HISTORY_TYPES.has(row.type))
    .map((row) => ({ seq: row.seq, at: row.at, type: row.type, elementId: elementIdOf(row), actor: row.actor, summary: summaryOf(row.type, payloadOf(row), nameOf) }))
    .slice(-50);
  const agent = agentContextOf(rows, createdSeq, (id) => elementNames.get(id) ?? null);

  const complete = decideTaskAccess(subject, 'task:complete', facts);
  const mayClaim = facts.assignee === null && can(subject, 'task:claim', { type: 'task', task: facts });
  const isAssignee = facts.assignee !== null && names(subject, facts.assignee);
  const labels = await userLabels(db, [task.assignee, task.completedById].filter((v): v is string => v !== null));
  let result: Record<string, JsonValue> | null = null;
  if (task.result !== null) {
    try {
      result = JSON.parse(task.result) as Record<string, JsonValue>;
    } catch {
      result = null;
    }
  }
  return {
    task: {
      id: task.id,
      name: task.name,
      elementId: task.elementId,
      processKey: task.processKey,
      instanceId: task.instanceId,
      status: facts.status,
      assignee: task.assignee,
      assigneeLabel: task.assignee === null ? null : (labels.get(task.assignee) ?? task.assignee),
      candidateGroups: facts.candidateGroups,
      candidateUsers: facts.candidateUsers,
      priority: task.priority,
      dueAt: task.dueAt?.toISOString() ?? null,
      followUpAt: task.followUpAt?.toISOString() ?? null,
      overdue: facts.status === 'created' && task.dueAt !== null && task.dueAt < now,
      createdAt: task.createdAt.toISOString(),
      claimedAt: task.claimedAt?.toISOString() ?? null,
      completedAt: task.completedAt?.toISOString() ?? null,
      completedById: task.completedById,
      result,
      mayClaim,
      mayUnclaim: facts.status === 'created' && isAssignee,
      mayAssign: facts.status === 'created' && can(subject, 'task:claim', { type: 'task', task: facts }) && subject.type === 'user',
      mayDelegate: facts.status === 'created' && isAssignee,
      mayComplete: complete.allowed,
      completeRefusedBecause: complete.allowed ? null : refusalText(complete.reason, instance?.startedById === subject.id),
      completeRefusedReason: complete.allowed ? null : complete.reason,
    },
    form: { formKey: typeof settings.form?.formKey === 'string' ? settings.form.formKey : null, fields },
    variables,
    history,
    agent,
    diagram: { versionId: task.versionId, versionNumber: version?.number ?? null, activeElementIds },
  };
}
