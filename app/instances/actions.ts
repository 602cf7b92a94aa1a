'use server';
/**
 * Server actions of the instance pages: each asks can() through requireAction, parses its
 * input with zod, needs a reason for operations (recorded with who in the audit log, in the
 * change's transaction: lib/engine/runtime/operate-instance.ts) and answers a result the page
 * shows: `{ ok: true, message }` or `{ ok: false, error }`.
 */
import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { requireAction } from '@/lib/auth/current-subject';
import { JsonValueSchema } from '@/lib/bpmn/model';
import { getDb } from '@/lib/db/client';
import type { Definition } from '@/lib/engine/core';
import type { CommandResult } from '@/lib/engine/runtime/execute-command';
import { applyMigration, planMigration, type MigrationPlan } from '@/lib/engine/runtime/migrate-instances';
import { operateInstance, type Operation } from '@/lib/engine/runtime/operate-instance';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';
import { listInstanceEvents } from '@/lib/engine/runtime/list-instance-events';
import { checkReplay, type ReplayCheck } from '@/lib/instances/replay-check';

export type ActionResult = { ok: true; message: string } | { ok: false; error: string };

const Reason = z.string().trim().min(3, 'Give a reason of at least 3 characters: it goes into the audit log.').max(500);
const Id = z.string().min(1).max(200);
const Variables = z.record(z.string(), JsonValueSchema);

function failure(error: unknown): ActionResult {
  if (error instanceof z.ZodError) return { ok: false, error: error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') };
  if (error instanceof AppError) return { ok: false, error: error.message };
  console.error('[instances] action failed:', error);
  return { ok: false, error: 'Something went wrong; nothing was changed.' };
}

function outcome(result: CommandResult, done: string): ActionResult {
  return result.ok ? { ok: true, message: done } : { ok: false, error: `${result.code}: ${result.message}` };
}

async function operate(instanceId: string, operation: Operation, reason: string, actor: Parameters<typeof operateInstance>[1]['actor']): Promise<CommandResult> {
  return operateInstance(runtimeContextFor(getDb()), { instanceId, operation, reason, actor });
}

export async function cancelInstanceAction(input: { instanceId: string; reason: string }): Promise<ActionResult> {
  try {
    const { actor } = await requireAction('instance:cancel');
    const parsed = z.object({ instanceId: Id, reason: Reason }).parse(input);
    return outcome(await operate(parsed.instanceId, { kind: 'cancel' }, parsed.reason, actor), 'Instance cancelled.');
  } catch (error) {
    return failure(error);
  }
}

export async function suspendInstanceAction(input: { instanceId: string; reason: string }): Promise<ActionResult> {
  try {
    const { actor } = await requireAction('instance:modify');
    const parsed = z.object({ instanceId: Id, reason: Reason }).parse(input);
    return outcome(await operate(parsed.instanceId, { kind: 'suspend' }, parsed.reason, actor), 'Instance suspended: no job or timer runs until it is resumed.');
  } catch (error) {
    return failure(error);
  }
}

export async function resumeInstanceAction(input: { instanceId: string; reason: string }): Promise<ActionResult> {
  try {
    const { actor } = await requireAction('instance:modify');
    const parsed = z.object({ instanceId: Id, reason: Reason }).parse(input);
    return outcome(await operate(parsed.instanceId, { kind: 'resume' }, parsed.reason, actor), 'Instance resumed.');
  } catch (error) {
    return failure(error);
  }
}

export async function retryIncidentAction(input: { instanceId: string; incidentKey: string; variables?: Record<string, unknown>; reason: string }): Promise<ActionResult> {
  try {
    const { actor } = await requireAction('instance:retry');
    const parsed = z.object({ instanceId: Id, incidentKey: Id, variables: Variables.optional(), reason: Reason }).parse(input);
    return outcome(
      await operate(parsed.instanceId, { kind: 'retry', incidentKey: parsed.incidentKey, ...(parsed.variables ? { variables: parsed.variables } : {}) }, parsed.reason, actor),
      'Incident resolved: the step runs again.',
    );
  } catch (error) {
    return failure(error);
  }
}

export async function modifyInstanceAction(input: {
  instanceId: string;
  activate: { elementId: string }[];
  terminate: string[];
  variables?: Record<string, unknown>;
  reason: string;
}): Promise<ActionResult> {
  try {
    const { actor } = await requireAction('instance:modify');
    const parsed = z
      .object({
        instanceId: Id,
        activate: z.array(z.object({ elementId: Id })).max(20),
        terminate: z.array(Id).max(20),
        variables: Variables.optional(),
        reason: Reason,
      })
      .refine((v) => v.activate.length + v.terminate.length > 0, 'Say which token to move or which element to activate.')
      .parse(input);
    return outcome(
      await operate(parsed.instanceId, { kind: 'modify', activate: parsed.activate, terminate: parsed.terminate, ...(parsed.variables ? { variables: parsed.variables } : {}) }, parsed.reason, actor),
      'Instance modified.',
    );
  } catch (error) {
    return failure(error);
  }
}

export async function bulkCancelAction(input: { instanceIds: string[]; reason: string }): Promise<ActionResult> {
  try {
    const { actor } = await requireAction('instance:cancel');
    const parsed = z.object({ instanceIds: z.array(Id).min(1).max(500), reason: Reason }).parse(input);
    let done = 0;
    const failed: string[] = [];
    for (const id of parsed.instanceIds) {
      const result = await operate(id, { kind: 'cancel' }, parsed.reason, actor);
      if (result.ok) done++;
      else failed.push(`${id}: ${result.message}`);
    }
    return failed.length === 0 ? { ok: true, message: `Cancelled ${done} instance${done === 1 ? '' : 's'}.` } : { ok: false, error: `Cancelled ${done}; ${failed.length} failed: ${failed.slice(0, 3).join('; ')}` };
  } catch (error) {
    return failure(error);
  }
}

export async function bulkRetryAction(input: { instanceIds: string[]; reason: string }): Promise<ActionResult> {
  try {
    const { actor } = await requireAction('instance:retry');
    const parsed = z.object({ instanceIds: z.array(Id).min(1).max(500), reason: Reason }).parse(input);
    const db = getDb();
    const incidents = await db.incident.findMany({ where: { instanceId: { in: parsed.instanceIds }, status: 'open' }, select: { id: true, instanceId: true } });
    let done = 0;
    const failed: string[] = [];
    for (const incident of incidents) {
      const result = await operate(incident.instanceId, { kind: 'retry', incidentKey: incident.id }, parsed.reason, actor);
      if (result.ok) done++;
      else failed.push(`${incident.id}: ${result.message}`);
    }
    return failed.length === 0 ? { ok: true, message: `Retried ${done} incident${done === 1 ? '' : 's'}.` } : { ok: false, error: `Retried ${done}; ${failed.length} failed: ${failed.slice(0, 3).join('; ')}` };
  } catch (error) {
    return failure(error);
  }
}

export type PlanResult = { ok: true; plan: MigrationPlan } | { ok: false; error: string };

export async function planMigrationAction(input: { sourceVersionId: string; targetVersionId: string; instanceIds?: string[]; mapping?: Record<string, string> }): Promise<PlanResult> {
  try {
    await requireAction('instance:migrate');
    const parsed = z
      .object({ sourceVersionId: Id, targetVersionId: Id, instanceIds: z.array(Id).max(500).optional(), mapping: z.record(Id, Id).optional() })
      .parse(input);
    return { ok: true, plan: await planMigration(getDb(), parsed) };
  } catch (error) {
    const f = failure(error);
    return { ok: false, error: f.ok ? 'unexpected' : f.error };
  }
}

export async function migrateInstancesAction(input: { sourceVersionId: string; targetVersionId: string; instanceIds: string[]; mapping: Record<string, string>; reason: string }): Promise<ActionResult> {
  try {
    const { actor } = await requireAction('instance:migrate');
    const parsed = z
      .object({ sourceVersionId: Id, targetVersionId: Id, instanceIds: z.array(Id).min(1).max(500), mapping: z.record(Id, Id), reason: Reason })
      .parse(input);
    const results = await applyMigration(runtimeContextFor(getDb()), { ...parsed, actor });
    const failed = results.filter((r) => !r.result.ok);
    if (results.length === 0) return { ok: false, error: 'None of the selected instances is running on the source version.' };
    return failed.length === 0
      ? { ok: true, message: `Migrated ${results.length} instance${results.length === 1 ? '' : 's'}.` }
      : { ok: false, error: `Migrated ${results.length - failed.length}; ${failed.length} failed: ${failed.map((f) => (f.result.ok ? '' : `${f.instanceId}: ${f.result.message}`)).join('; ')}` };
  } catch (error) {
    return failure(error);
  }
}

export type ReplayResult = { ok: true; check: ReplayCheck } | { ok: false; error: string };

export async function replayCheckAction(input: { instanceId: string }): Promise<ReplayResult> {
  try {
    await requireAction('instance:read');
    const { instanceId } = z.object({ instanceId: Id }).parse(input);
    const db = getDb();
    const row = await db.processInstance.findUnique({ where: { id: instanceId }, select: { versionId: true } });
    if (row === null) return { ok: false, error: `process instance ${instanceId} does not exist` };
    const events = [];
    for (let after = 0; ; ) {
      const page = await listInstanceEvents(db, { instanceId, after, limit: 1000 });
      events.push(...page.items.map((i) => i.event));
      if (page.items.length < 1000) break;
      after = page.nextAfter;
    }
    const rt = runtimeContextFor(db);
    const versionIds = new Set<string>([row.versionId]);
    let first = row.versionId;
    const migrations = events.filter((e) => e.type === 'InstanceMigrated');
    if (migrations[0]?.type === 'InstanceMigrated') first = migrations[0].sourceVersionId;
    for (const m of migrations) if (m.type === 'InstanceMigrated') versionIds.add(m.sourceVersionId).add(m.targetVersionId);
    versionIds.add(first);
    const definitions = new Map<string, Definition>();
    for (const id of versionIds) definitions.set(id, (await rt.definitions.get(id)).definition);
    return { ok: true, check: checkReplay(events, (id) => definitions.get(id) as Definition, first) };
  } catch (error) {
    const f = failure(error);
    return { ok: false, error: f.ok ? 'unexpected' : f.error };
  }
}
