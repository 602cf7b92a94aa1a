/**
 * Operator operations on instances, each recorded in the audit log with who and why in the
 * transaction of the change: cancel, retry an incident after editing variables, modify
 * (move/activate tokens), suspend, resume, and migrate to another version.
 *
 * Contract
 * - Every operation needs a reason (non-empty); it goes into the audit row's details and, where
 *   the event has one (cancel, suspend, resume, migrate), into the event.
 * - All or nothing: the commands of one operation, the work rows it changes and its audit row
 *   commit in one transaction; a rejection commits nothing and comes back as the result.
 * - Suspension: the instance's activatable jobs and scheduled timers get status `suspended`, so
 *   no worker claims them and no timer fires; resume gives them back (a timer that came due
 *   meanwhile fires at once). The core rejects every command that would move a suspended
 *   instance (INSTANCE_SUSPENDED).
 * - Migration re-pins the instance to the target version and renames the element ids of its
 *   open work rows (jobs, timers, tasks, subscriptions, incidents) through the mapping.
 */
import { writeAudit } from '@/lib/audit/write-audit';
import type { JsonValue } from '@/lib/bpmn/model';
import type { Command } from '@/lib/engine/core';
import type { Variables } from '@/lib/engine/core/events';
import type { Actor } from '@/lib/models/actor';
import { executeCommands, type CommandResult } from './execute-command';
import { eventActorOf } from './event-actor';
import type { RuntimeContext, Tx } from './runtime-context';

export type Operation =
  | { kind: 'cancel' }
  | { kind: 'suspend' }
  | { kind: 'resume' }
  | { kind: 'retry'; incidentKey: string; variables?: Variables; retries?: number }
  | { kind: 'modify'; activate: { elementId: string; scopeKey?: string }[]; terminate: string[]; variables?: Variables }
  | { kind: 'migrate'; sourceVersionId: string; targetVersionId: string; targetProcessKey: string; processId: string; mapping: Record<string, string> };

class Rejected extends Error {}

function eventActor(actor: Actor): string {
  return actor.type === 'system' || actor.id === undefined ? 'system' : eventActorOf({ type: actor.type, id: actor.id });
}

function commandsOf(operation: Operation, reason: string): Command[] {
  switch (operation.kind) {
    case 'cancel':
      return [{ type: 'CancelInstance', reason }];
    case 'suspend':
      return [{ type: 'SuspendInstance', reason }];
    case 'resume':
      return [{ type: 'ResumeInstance', reason }];
    case 'retry':
      return [
        ...(operation.variables !== undefined && Object.keys(operation.variables).length > 0 ? [{ type: 'SetVariables', variables: operation.variables } as const] : []),
        { type: 'ResolveIncident', incidentKey: operation.incidentKey, ...(operation.retries === undefined ? {} : { retries: operation.retries }) },
      ];
    case 'modify':
      return [
        ...(operation.variables !== undefined && Object.keys(operation.variables).length > 0 ? [{ type: 'SetVariables', variables: operation.variables } as const] : []),
        ...operation.activate.map((a): Command => ({ type: 'ActivateElement', elementId: a.elementId, ...(a.scopeKey === undefined ? {} : { scopeKey: a.scopeKey }) })),
        ...operation.terminate.map((key): Command => ({ type: 'TerminateElement', elementInstanceKey: key })),
      ];
    case 'migrate':
      return [{ type: 'MigrateInstance', sourceVersionId: operation.sourceVersionId, targetVersionId: operation.targetVersionId, processId: operation.processId, mapping: operation.mapping, reason }];
  }
}

async function workRows(tx: Tx, instanceId: string, operation: Operation): Promise<void> {
  switch (operation.kind) {
    case 'suspend':
      await tx.job.updateMany({ where: { instanceId, status: 'activatable' }, data: { status: 'suspended' } });
      await tx.timer.updateMany({ where: { instanceId, status: 'scheduled' }, data: { status: 'suspended' } });
      return;
    case 'resume':
      await tx.job.updateMany({ where: { instanceId, status: 'suspended' }, data: { status: 'activatable' } });
      await tx.timer.updateMany({ where: { instanceId, status: 'suspended' }, data: { status: 'scheduled' } });
      return;
    case 'migrate': {
      await tx.processInstance.update({ where: { id: instanceId }, data: { versionId: operation.targetVersionId, processKey: operation.targetProcessKey } });
      for (const [from, to] of Object.entries(operation.mapping)) {
        if (from === to) continue;
        await tx.job.updateMany({ where: { instanceId, elementId: from }, data: { elementId: to } });
        await tx.timer.updateMany({ where: { instanceId, elementId: from }, data: { elementId: to } });
        await tx.userTask.updateMany({ where: { instanceId, elementId: from }, data: { elementId: to } });
        await tx.messageSubscription.updateMany({ where: { instanceId, elementId: from }, data: { elementId: to } });
        await tx.incident.updateMany({ where: { instanceId, elementId: from }, data: { elementId: to } });
      }
      return;
    }
    default:
      return;
  }
}

function auditDetails(operation: Operation, reason: string): Record<string, JsonValue> {
  const { kind: _kind, ...rest } = operation;
  return { reason, ...(JSON.parse(JSON.stringify(rest)) as Record<string, JsonValue>) };
}

/** Runs one operation on one instance; the last command's result, or the rejection. */
export async function operateInstance(rt: RuntimeContext, input: { instanceId: string; operation: Operation; reason: string; actor: Actor }): Promise<CommandResult> {
  const reason = input.reason.trim();
  if (reason === '') return { ok: false, code: 'INVALID_VARIABLES', message: 'an operation needs a reason: say why' };
  const commands = commandsOf(input.operation, reason);
  let rejected: CommandResult | undefined;
  try {
    const results = await executeCommands(
      rt,
      commands.map((command) => ({ instanceId: input.instanceId, actor: eventActor(input.actor), command })),
      {
        within: async (tx, results) => {
          rejected = results.find((r) => !r.ok);
          if (rejected !== undefined) throw new Rejected();
          await workRows(tx, input.instanceId, input.operation);
          await writeAudit(tx, {
            actor: input.actor,
            action: `instance.${input.operation.kind}`,
            resource: { type: 'instance', id: input.instanceId },
            details: auditDetails(input.operation, reason),
          });
        },
      },
    );
    return results[results.length - 1];
  } catch (error) {
    if (error instanceof Rejected && rejected !== undefined) return rejected;
    throw error;
  }
}
