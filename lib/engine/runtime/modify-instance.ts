/**
 * Operator commands on one instance: cancel, set variables, and modification (start tokens at
 * elements, withdraw tokens).
 *
 * Contract: each call is one transaction. A modification's activations and terminations are
 * decided in order on the same instance and commit together or not at all (a rejected step
 * rejects the whole modification). Rejections are named errors (command-errors.ts).
 */
import type { Command } from '@/lib/engine/core';
import type { Variables } from '@/lib/engine/core/events';
import { commandSucceeded } from './command-errors';
import { executeCommand, executeCommands, type CommandResult } from './execute-command';
import type { RuntimeContext } from './runtime-context';

export type CommandSummary = { instanceId: string; status: string; lastSeq: number; events: number };

function summary(result: CommandResult): CommandSummary {
  const done = commandSucceeded(result);
  return { instanceId: done.instanceId, status: done.state.status, lastSeq: done.lastSeq, events: done.events.length };
}

export async function cancelInstance(rt: RuntimeContext, input: { instanceId: string; reason?: string; actor?: string }): Promise<CommandSummary> {
  return summary(await executeCommand(rt, { instanceId: input.instanceId, actor: input.actor, command: { type: 'CancelInstance', ...(input.reason === undefined ? {} : { reason: input.reason }) } }));
}

export async function setInstanceVariables(
  rt: RuntimeContext,
  input: { instanceId: string; variables: Variables; scopeKey?: string; local?: boolean; actor?: string },
): Promise<CommandSummary> {
  const command: Command = {
    type: 'SetVariables',
    variables: input.variables,
    ...(input.scopeKey === undefined ? {} : { scopeKey: input.scopeKey }),
    ...(input.local === undefined ? {} : { local: input.local }),
  };
  return summary(await executeCommand(rt, { instanceId: input.instanceId, actor: input.actor, command }));
}

class Rejected extends Error {}

export async function modifyInstance(
  rt: RuntimeContext,
  input: { instanceId: string; activate: { elementId: string; scopeKey?: string; variables?: Variables }[]; terminate: string[]; actor?: string },
): Promise<CommandSummary> {
  const commands: Command[] = [
    ...input.activate.map(
      (a): Command => ({ type: 'ActivateElement', elementId: a.elementId, ...(a.scopeKey === undefined ? {} : { scopeKey: a.scopeKey }), ...(a.variables === undefined ? {} : { variables: a.variables }) }),
    ),
    ...input.terminate.map((key): Command => ({ type: 'TerminateElement', elementInstanceKey: key })),
  ];
  let rejected: CommandResult | undefined;
  try {
    const results = await executeCommands(
      rt,
      commands.map((command) => ({ instanceId: input.instanceId, actor: input.actor, command })),
      {
        within: async (_tx, results) => {
          rejected = results.find((r) => !r.ok);
          if (rejected !== undefined) throw new Rejected();
        },
      },
    );
    const last = commandSucceeded(results[results.length - 1]);
    return { instanceId: last.instanceId, status: last.state.status, lastSeq: last.lastSeq, events: results.reduce((n, r) => n + (r.ok ? r.events.length : 0), 0) };
  } catch (error) {
    if (error instanceof Rejected && rejected !== undefined) return summary(rejected);
    throw error;
  }
}
