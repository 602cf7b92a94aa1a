/**
 * What a batch of appended events adds to the dashboard read model. Pure: the I/O around it is
 * update-read-models.ts, which runs it inside the command transaction.
 *
 * Contract
 * - `computeDeltas` folds the events of one instance (in log order) into counter increments keyed
 *   like the read-model tables (MetricProcessDay, MetricElementDay, MetricDurationBucket,
 *   MetricFlowDay, MetricAgentDay) plus SLA breach rows. Applying the deltas of every batch of
 *   a log gives the same totals as applying those of the whole log at once (counters add up).
 * - Durations: an element instance's duration is ElementCompleted.at − ElementActivated.at of
 *   the same element instance key; activations appended earlier than this batch come in
 *   `known.activations` (looked up by the caller). Instance duration: InstanceCompleted.at −
 *   the instance's start (`known.startedAt` or the batch's InstanceCreated).
 * - Multi-instance bodies are not counted (their inner instances are), so an element's
 *   figures are per execution of the activity.
 * - An incident counts as a failure of its element and of its instance's process that day.
 * - SLA: a completion that took longer than the element's (or process's) target is a breach.
 * - Agent usage: AgentStepRecorded's record (lib/agents/decision-record.ts: `model-call` with
 *   model, tokensIn, tokensOut, cost; `tool-call` with tool) is read leniently; what is missing
 *   counts as zero.
 */
import type { Event, InstanceState } from '@/lib/engine/core';
import { bucketOf } from '../histogram';
import { breachesSla, dayOf, slaTargetMs } from '../figures';

export type SlaTargets = { processMs: number | null; elementsMs: ReadonlyMap<string, number> };

/** The parts of a model (BpmnModel or its JSON) that carry SLA targets. */
export type SlaModel = { processes?: readonly { id: string; isExecutable?: boolean; slaTarget?: string }[]; elements?: readonly { id: string; slaTarget?: string }[] };

/**
 * Reads `slaTarget` of every flow element of a model and of its process: the one whose id is
 * `processId`, else the model's only executable process (a model's key need not be its
 * process id), else its only process.
 */
export function slaTargetsOfModel(model: SlaModel, processId: string): SlaTargets {
  const elementsMs = new Map<string, number>();
  for (const element of model.elements ?? []) {
    const ms = slaTargetMs(element.slaTarget);
    if (ms !== null) elementsMs.set(element.id, ms);
  }
  const processes = model.processes ?? [];
  const executable = processes.filter((p) => p.isExecutable === true);
  const process = processes.find((p) => p.id === processId) ?? (executable.length === 1 ? executable[0] : processes.length === 1 ? processes[0] : undefined);
  return { processMs: slaTargetMs(process?.slaTarget), elementsMs };
}

export type InstanceBatch = {
  instanceId: string;
  versionId: string;
  processKey: string;
  events: readonly Event[];
};

export type KnownFacts = {
  /** Element instances activated before this batch: key → { elementId, at (ISO) }. */
  activations: ReadonlyMap<string, { elementId: string; at: string }>;
  /** ISO start of the instance when it was created before this batch. */
  startedAt?: string;
};

export type ProcessDayDelta = { started: number; completed: number; cancelled: number; incidents: number; slaBreaches: number; durationSumMs: number };
export type ElementDayDelta = { activated: number; completed: number; terminated: number; incidents: number; slaBreaches: number; durationSumMs: number };
export type AgentDayDelta = { calls: number; inputTokens: number; outputTokens: number; costUsd: number };
export type SlaBreachRow = { instanceId: string; processKey: string; versionId: string; elementId: string; at: string; durationMs: number; targetMs: number };

/** Deltas keyed by the tables' primary keys joined with "\u0000" (see the key helpers). */
export type Deltas = {
  processDays: Map<string, { versionId: string; processKey: string; day: string } & ProcessDayDelta>;
  elementDays: Map<string, { versionId: string; elementId: string; day: string } & ElementDayDelta>;
  buckets: Map<string, { versionId: string; elementId: string; day: string; bucket: number; count: number }>;
  flowDays: Map<string, { versionId: string; flowId: string; day: string; taken: number }>;
  agentDays: Map<string, { versionId: string; elementId: string; day: string; kind: 'model' | 'tool'; name: string } & AgentDayDelta>;
  breaches: SlaBreachRow[];
};

export function emptyDeltas(): Deltas {
  return { processDays: new Map(), elementDays: new Map(), buckets: new Map(), flowDays: new Map(), agentDays: new Map(), breaches: [] };
}

/** The id of the process itself in element-keyed tables. */
export const PROCESS_ELEMENT_ID = '';

const key = (...parts: (string | number)[]) => parts.join('\u0000');

export function computeDeltas(batch: InstanceBatch, known: KnownFacts, sla: SlaTargets, into: Deltas = emptyDeltas()): Deltas {
  const { versionId, processKey, instanceId } = batch;
  const activations = new Map(known.activations);
  let startedAt = known.startedAt;

  const processDay = (day: string) => {
    const k = key(versionId, day);
    let row = into.processDays.get(k);
    if (!row) {
      row = { versionId, processKey, day, started: 0, completed: 0, cancelled: 0, incidents: 0, slaBreaches: 0, durationSumMs: 0 };
      into.processDays.set(k, row);
    }
    return row;
  };
  const elementDay = (elementId: string, day: string) => {
    const k = key(versionId, elementId, day);
    let row = into.elementDays.get(k);
    if (!row) {
      row = { versionId, elementId, day, activated: 0, completed: 0, terminated: 0, incidents: 0, slaBreaches: 0, durationSumMs: 0 };
      into.elementDays.set(k, row);
    }
    return row;
  };
  const addDuration = (elementId: string, day: string, durationMs: number) => {
    const bucket = bucketOf(durationMs);
    const k = key(versionId, elementId, day, bucket);
    const row = into.buckets.get(k);
    if (row) row.count++;
    else into.buckets.set(k, { versionId, elementId, day, bucket, count: 1 });
  };

  for (const event of batch.events) {
    const day = dayOf(event.at);
    switch (event.type) {
      case 'InstanceCreated':
        startedAt = event.at;
        processDay(day).started++;
        break;
      case 'InstanceCompleted': {
        const row = processDay(day);
        row.completed++;
        if (startedAt === undefined) break;
        const durationMs = Date.parse(event.at) - Date.parse(startedAt);
        row.durationSumMs += durationMs;
        addDuration(PROCESS_ELEMENT_ID, day, durationMs);
        if (breachesSla(durationMs, sla.processMs)) {
          row.slaBreaches++;
          into.breaches.push({ instanceId, processKey, versionId, elementId: PROCESS_ELEMENT_ID, at: event.at, durationMs, targetMs: sla.processMs as number });
        }
        break;
      }
      case 'InstanceCancelled':
        processDay(day).cancelled++;
        break;
      case 'ElementActivated':
        if (event.elementType === 'multiInstanceBody') break;
        activations.set(event.elementInstanceKey, { elementId: event.elementId, at: event.at });
        elementDay(event.elementId, day).activated++;
        break;
      case 'ElementCompleted': {
        const activation = activations.get(event.elementInstanceKey);
        if (activation === undefined) break; // a multi-instance body, or a log older than the read model
        activations.delete(event.elementInstanceKey);
        const row = elementDay(event.elementId, day);
        const durationMs = Date.parse(event.at) - Date.parse(activation.at);
        row.completed++;
        row.durationSumMs += durationMs;
        addDuration(event.elementId, day, durationMs);
        const targetMs = sla.elementsMs.get(event.elementId) ?? null;
        if (breachesSla(durationMs, targetMs)) {
          row.slaBreaches++;
          processDay(day).slaBreaches++;
          into.breaches.push({ instanceId, processKey, versionId, elementId: event.elementId, at: event.at, durationMs, targetMs: targetMs as number });
        }
        break;
      }
      case 'ElementTerminated':
        if (!activations.delete(event.elementInstanceKey)) break;
        elementDay(event.elementId, day).terminated++;
        break;
      case 'FlowTaken': {
        const k = key(versionId, event.flowId, day);
        const row = into.flowDays.get(k);
        if (row) row.taken++;
        else into.flowDays.set(k, { versionId, flowId: event.flowId, day, taken: 1 });
        break;
      }
      case 'IncidentRaised':
        processDay(day).incidents++;
        elementDay(event.elementId, day).incidents++;
        break;
      case 'AgentStepRecorded': {
        const usage = agentUsageOf(event.record);
        if (usage === null) break;
        const k = key(versionId, event.elementId, day, usage.kind, usage.name);
        let row = into.agentDays.get(k);
        if (!row) {
          row = { versionId, elementId: event.elementId, day, kind: usage.kind, name: usage.name, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
          into.agentDays.set(k, row);
        }
        row.calls++;
        row.inputTokens += usage.inputTokens;
        row.outputTokens += usage.outputTokens;
        row.costUsd += usage.costUsd;
        break;
      }
      default:
        break;
    }
  }
  return into;
}

export type ActivationsNeeded = {
  /** Element instances completed or terminated in the batch but activated before it. */
  keys: Set<string>;
  /** Their element ids. */
  elementIds: Set<string>;
  /** The instance completes in the batch but was created before it. */
  needsStart: boolean;
};

/** What `events` need from before their batch to measure durations. */
export function activationsNeeded(events: readonly Event[]): ActivationsNeeded {
  const activatedHere = new Set<string>();
  const keys = new Set<string>();
  const elementIds = new Set<string>();
  let created = false;
  let needsStart = false;
  for (const event of events) {
    if (event.type === 'InstanceCreated') created = true;
    if (event.type === 'InstanceCompleted' && !created) needsStart = true;
    if (event.type === 'ElementActivated') activatedHere.add(event.elementInstanceKey);
    if ((event.type === 'ElementCompleted' || event.type === 'ElementTerminated') && !activatedHere.has(event.elementInstanceKey)) {
      keys.add(event.elementInstanceKey);
      elementIds.add(event.elementId);
    }
  }
  return { keys, elementIds, needsStart };
}

/**
 * The known facts of a batch read from the instance's state before it (element instances keep
 * their activation time): null when that state lacks one that is needed (a snapshot written
 * before activation times were kept) — the caller then reads them from the log. Multi-instance
 * bodies are left out, as computeDeltas leaves out their activations within a batch.
 */
export function knownFactsFromState(before: InstanceState, needed: ActivationsNeeded): KnownFacts | null {
  const activations = new Map<string, { elementId: string; at: string }>();
  for (const key of needed.keys) {
    const element = before.elements.get(key);
    if (element === undefined || element.activatedAt === undefined) return null;
    if (element.elementType !== 'multiInstanceBody') activations.set(key, { elementId: element.elementId, at: element.activatedAt });
  }
  if (!needed.needsStart) return { activations };
  const startedAt = before.instanceKey === null ? undefined : before.elements.get(before.instanceKey)?.activatedAt;
  return startedAt === undefined ? null : { activations, startedAt };
}

type Usage = { kind: 'model' | 'tool'; name: string; inputTokens: number; outputTokens: number; costUsd: number };

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A decision-record entry as usage: model calls name their model, tool calls their tool. */
export function agentUsageOf(record: Record<string, unknown>): Usage | null {
  const kindText = String(record.kind ?? record.type ?? '').toLowerCase();
  const usage = (typeof record.usage === 'object' && record.usage !== null ? record.usage : {}) as Record<string, unknown>;
  const tokens = {
    inputTokens: Math.round(num(record.tokensIn ?? usage.inputTokens ?? record.inputTokens)),
    outputTokens: Math.round(num(record.tokensOut ?? usage.outputTokens ?? record.outputTokens)),
    costUsd: num(record.costUsd ?? usage.costUsd ?? record.cost),
  };
  if (kindText.startsWith('tool')) return { kind: 'tool', name: str(record.tool) ?? str(record.toolName) ?? str(record.name) ?? 'unknown', ...tokens };
  if (kindText.startsWith('model') || kindText.startsWith('llm') || str(record.model) !== undefined) {
    return { kind: 'model', name: str(record.model) ?? str(record.modelId) ?? 'unknown', ...tokens };
  }
  return null;
}
