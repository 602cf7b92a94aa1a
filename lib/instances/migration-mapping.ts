/**
 * Migration mapping rules: pure. Which element of the target version each element of the
 * source version becomes, proposed automatically, checked, and previewed per instance.
 *
 * Contract
 * - `proposeMapping`: an element maps to the target element with the same id and type; failing
 *   that, to the only target element of the same type and the same name. Otherwise unmapped.
 * - `checkMapping`: an open element (a token, a task, a job...) that is unmapped, or mapped to an
 *   element the target does not have, or to one of another type, is an error — the migration is
 *   refused. A type change of an element with nothing open is a warning (flagged, allowed).
 * - `previewMigration`: per instance, which tokens move where, and what blocks it.
 */
import type { BpmnModel } from '@/lib/bpmn/model';

export type MappingElement = { id: string; type: string; name?: string };
export type Mapping = Record<string, string>;
export type MappingIssue = { elementId: string; message: string };
export type MappingCheck = { ok: boolean; errors: MappingIssue[]; warnings: MappingIssue[] };

/** The flow nodes of a model, as the mapping sees them (sequence flows are not mapped). */
export function mappingElementsOf(model: BpmnModel): MappingElement[] {
  return model.elements.map((e) => ({ id: e.id, type: e.type, ...(e.name ? { name: e.name } : {}) }));
}

export function proposeMapping(source: readonly MappingElement[], target: readonly MappingElement[]): Mapping {
  const byId = new Map(target.map((e) => [e.id, e]));
  const mapping: Mapping = {};
  for (const element of source) {
    const same = byId.get(element.id);
    if (same !== undefined && same.type === element.type) {
      mapping[element.id] = same.id;
      continue;
    }
    if (element.name === undefined) continue;
    const named = target.filter((t) => t.type === element.type && t.name === element.name);
    if (named.length === 1) mapping[element.id] = named[0].id;
  }
  return mapping;
}

export function checkMapping(input: {
  source: readonly MappingElement[];
  target: readonly MappingElement[];
  mapping: Mapping;
  /** Element ids with something open in any of the instances to migrate. */
  openElementIds: readonly string[];
}): MappingCheck {
  const source = new Map(input.source.map((e) => [e.id, e]));
  const target = new Map(input.target.map((e) => [e.id, e]));
  const open = new Set(input.openElementIds);
  const errors: MappingIssue[] = [];
  const warnings: MappingIssue[] = [];
  for (const id of [...open].sort()) {
    if (!Object.hasOwn(input.mapping, id)) errors.push({ elementId: id, message: `${id} is active and has no target element: map it or the instances cannot move` });
  }
  for (const [from, to] of Object.entries(input.mapping)) {
    const s = source.get(from);
    const t = target.get(to);
    if (s === undefined) {
      errors.push({ elementId: from, message: `${from} is not an element of the source version` });
      continue;
    }
    if (t === undefined) {
      errors.push({ elementId: from, message: `${from} is mapped to ${to}, which the target version does not have` });
      continue;
    }
    if (s.type !== t.type) {
      if (open.has(from)) errors.push({ elementId: from, message: `${from} (${s.type}) is active and cannot become ${to} (${t.type}): its open work is of another kind` });
      else warnings.push({ elementId: from, message: `${from} changes type: ${s.type} → ${t.type}` });
    }
  }
  return { ok: errors.length === 0, errors, warnings };
}

export type InstanceTokens = { instanceId: string; businessKey: string | null; tokens: { elementId: string; count: number }[] };
export type MigrationPreviewRow = { instanceId: string; businessKey: string | null; moves: { from: string; to: string; count: number }[]; blocked: string[] };

export function previewMigration(instances: readonly InstanceTokens[], mapping: Mapping): MigrationPreviewRow[] {
  return instances.map((instance) => ({
    instanceId: instance.instanceId,
    businessKey: instance.businessKey,
    moves: instance.tokens.filter((t) => Object.hasOwn(mapping, t.elementId)).map((t) => ({ from: t.elementId, to: mapping[t.elementId], count: t.count })),
    blocked: instance.tokens.filter((t) => !Object.hasOwn(mapping, t.elementId)).map((t) => t.elementId),
  }));
}
