/**
 * Migration of running instances to another version of the same process: plan (the versions'
 * elements, the instances with their tokens, a proposed mapping and its check) and apply (one
 * transaction per instance, each audit-logged; see operate-instance.ts).
 *
 * Contract
 * - Only instances that are running (active or suspended) on the source version move.
 * - `applyMigration` checks the mapping against both versions and every selected instance's
 *   open elements first (lib/instances/migration-mapping.ts); an invalid mapping moves nothing
 *   and is a 422 `migration.invalid` naming the elements.
 */
import { UnprocessableError } from '@/lib/api/errors';
import { BpmnModelSchema } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';
import { fromSnapshot, type StateSnapshot } from '@/lib/engine/core';
import { openElementIds } from '@/lib/engine/core/migration';
import { checkMapping, mappingElementsOf, previewMigration, proposeMapping, type InstanceTokens, type Mapping, type MappingCheck, type MappingElement, type MigrationPreviewRow } from '@/lib/instances/migration-mapping';
import type { Actor } from '@/lib/models/actor';
import type { CommandResult } from './execute-command';
import { operateInstance } from './operate-instance';
import type { RuntimeContext } from './runtime-context';

export type VersionSide = { versionId: string; number: number; processKey: string; modelId: string; processId: string; elements: MappingElement[] };
export type MigrationPlan = {
  source: VersionSide;
  target: VersionSide;
  instances: (InstanceTokens & { openElementIds: string[] })[];
  mapping: Mapping;
  check: MappingCheck;
  preview: MigrationPreviewRow[];
};

async function versionSide(db: Db, versionId: string): Promise<VersionSide> {
  const row = await db.processVersion.findUnique({ where: { id: versionId }, select: { id: true, number: true, processKey: true, modelId: true, modelJson: true } });
  if (row === null) throw new UnprocessableError('migration.invalid', `version ${versionId} does not exist`, { versionId });
  const model = BpmnModelSchema.parse(JSON.parse(row.modelJson));
  const process = model.processes.find((p) => p.isExecutable) ?? model.processes[0];
  return { versionId: row.id, number: row.number, processKey: row.processKey, modelId: row.modelId, processId: process?.id ?? row.processKey, elements: mappingElementsOf(model) };
}

async function runningOn(db: Db, versionId: string, instanceIds?: readonly string[]) {
  const rows = await db.processInstance.findMany({
    where: { versionId, status: { in: ['active', 'suspended'] }, ...(instanceIds === undefined ? {} : { id: { in: [...instanceIds] } }) },
    orderBy: { startedAt: 'desc' },
    take: 500,
    select: { id: true, businessKey: true, snapshot: true },
  });
  return rows.map((row) => {
    const state = fromSnapshot(JSON.parse(row.snapshot) as StateSnapshot);
    const counts = new Map<string, number>();
    for (const element of state.elements.values()) {
      if (element.scopeKey === null || element.elementType === 'multiInstanceBody') continue;
      counts.set(element.elementId, (counts.get(element.elementId) ?? 0) + 1);
    }
    return { instanceId: row.id, businessKey: row.businessKey, tokens: [...counts].map(([elementId, count]) => ({ elementId, count })), openElementIds: openElementIds(state) };
  });
}

export async function planMigration(db: Db, input: { sourceVersionId: string; targetVersionId: string; instanceIds?: readonly string[]; mapping?: Mapping }): Promise<MigrationPlan> {
  const source = await versionSide(db, input.sourceVersionId);
  const target = await versionSide(db, input.targetVersionId);
  if (source.modelId !== target.modelId) {
    throw new UnprocessableError('migration.invalid', `versions ${source.number} and ${target.number} belong to different processes: migrate within one process`, {});
  }
  const instances = await runningOn(db, source.versionId, input.instanceIds);
  const mapping = input.mapping ?? proposeMapping(source.elements, target.elements);
  const check = checkMapping({ source: source.elements, target: target.elements, mapping, openElementIds: [...new Set(instances.flatMap((i) => i.openElementIds))] });
  return { source, target, instances, mapping, check, preview: previewMigration(instances, mapping) };
}

export async function applyMigration(
  rt: RuntimeContext,
  input: { sourceVersionId: string; targetVersionId: string; instanceIds: readonly string[]; mapping: Mapping; reason: string; actor: Actor },
): Promise<{ instanceId: string; result: CommandResult }[]> {
  const plan = await planMigration(rt.db, input);
  if (!plan.check.ok) {
    throw new UnprocessableError('migration.invalid', `the mapping is not valid: ${plan.check.errors.map((e) => e.message).join('; ')}`, { errors: plan.check.errors });
  }
  const out: { instanceId: string; result: CommandResult }[] = [];
  for (const instance of plan.instances) {
    const mapping: Mapping = {};
    for (const id of instance.openElementIds) mapping[id] = input.mapping[id];
    const result = await operateInstance(rt, {
      instanceId: instance.instanceId,
      reason: input.reason,
      actor: input.actor,
      operation: {
        kind: 'migrate',
        sourceVersionId: plan.source.versionId,
        targetVersionId: plan.target.versionId,
        targetProcessKey: plan.target.processKey,
        processId: plan.target.processId,
        mapping,
      },
    });
    out.push({ instanceId: instance.instanceId, result });
  }
  return out;
}
