/**
 * Helpers for the core's tests, golden logs, corpus runner and bench: turn an import result
 * into a definition (failing loudly with the findings), and event-log projections that read
 * well in assertions. Pure: the callers read the files and run the importer.
 */
import type { Finding } from '@/lib/bpmn/findings';
import type { BpmnModel } from '@/lib/bpmn/model';
import { compile, type CompileOptions } from './compile';
import type { Definition } from './definition';
import type { Event } from './events';

type ImportResultLike = { ok: true; model: BpmnModel } | { ok: false; findings: Finding[] };

export function definitionOf(imported: ImportResultLike, options: CompileOptions = {}): Definition {
  if (!imported.ok) throw new Error(`the fixture does not import: ${imported.findings.map((f) => `${f.elementId ?? ''} ${f.message}`).join('; ')}`);
  const compiled = compile(imported.model, options);
  if (!compiled.ok) throw new Error(`the fixture does not compile: ${compiled.findings.map((f) => `${f.code} ${f.elementId ?? ''}: ${f.message}`).join('; ')}`);
  return compiled.definition;
}

/** `Type:elementId` (or just `Type`) per event: a compact view of a log for assertions. */
export function trace(events: readonly Event[], types?: readonly Event['type'][]): string[] {
  return events
    .filter((e) => types === undefined || types.includes(e.type))
    .map((e) => ('elementId' in e && typeof e.elementId === 'string' ? `${e.type}:${e.elementId}` : 'flowId' in e ? `${e.type}:${e.flowId}` : e.type));
}

/** The element ids of lifecycle events of one type, in order. */
export function elementsOf(events: readonly Event[], type: 'ElementActivated' | 'ElementCompleted' | 'ElementTerminated'): string[] {
  return events.filter((e) => e.type === type).map((e) => (e as Extract<Event, { elementId: string }>).elementId);
}
