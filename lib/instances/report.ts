/**
 * The audit report of one instance: its full record (instance, versions, events with actors,
 * decisions, variables, incidents) as one JSON document and as CSV (one row per event). Pure.
 */
import type { TimelineEntry, VariableVersion } from './timeline';

export type InstanceReport = {
  reportVersion: 1;
  generatedAt: string;
  instance: {
    id: string;
    processKey: string;
    businessKey: string | null;
    status: string;
    startedBy: string | null;
    startedAt: string;
    endedAt: string | null;
  };
  versions: { id: string; number: number; processKey: string; publishedAt: string; checksum: string }[];
  actors: { actor: string; label: string; events: number }[];
  events: (TimelineEntry & { payload: unknown })[];
  decisions: { seq: number; at: string; elementId: string | null; kind: string; summary: string }[];
  variables: Record<string, unknown>;
  variableHistory: Record<string, VariableVersion[]>;
  incidents: { id: string; elementId: string; kind: string; message: string; status: string; createdAt: string; resolvedAt: string | null }[];
  /** Operator operations from the audit log, with who and why. */
  operations: { at: string; actor: string; action: string; reason: string | null; details: string }[];
};

/** Decisions: gateway choices (flows taken from gateways), task completions, agent steps and operations. */
export function decisionsOf(entries: readonly TimelineEntry[], gatewayIds: ReadonlySet<string>, flowSources: Readonly<Record<string, string>>) {
  return entries
    .filter(
      (e) =>
        (e.type === 'FlowTaken' && e.elementId !== null && gatewayIds.has(flowSources[e.elementId] ?? '')) ||
        e.type === 'UserTaskCompleted' ||
        e.category === 'agent' ||
        e.category === 'operation' ||
        e.type === 'IncidentResolved',
    )
    .map((e) => ({ seq: e.seq, at: e.at, elementId: e.elementId, kind: e.category === 'flow' ? 'gateway' : e.category, summary: e.summary }));
}

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = ['seq', 'at', 'type', 'category', 'actor', 'actor_kind', 'element', 'summary', 'variable_changes', 'job_error', 'payload'] as const;

export function reportToCsv(report: InstanceReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of report.events) {
    lines.push(
      [
        e.seq,
        e.at,
        e.type,
        e.category,
        e.actor.label,
        e.actor.kind,
        e.elementId,
        e.summary,
        e.changes?.map((c) => `${c.name}: ${JSON.stringify(c.before) ?? '—'} → ${JSON.stringify(c.after)}`).join('; '),
        e.job?.error,
        e.payload,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
