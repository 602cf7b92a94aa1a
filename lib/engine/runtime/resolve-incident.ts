/**
 * Resolves an incident by retrying what failed, optionally after editing variables.
 *
 * Contract
 * - The variables (if any) are set first — on the process scope, or on `scopeKey` — and the
 *   incident is resolved right after, in ONE transaction (two commands decided in order on the
 *   same instance). A job incident gives the job `retries` again (default 1): it becomes
 *   activatable at once. Other incidents re-run the element's activation or completion.
 * - All or nothing: when the engine rejects either command, neither commits.
 * - An incident that does not exist is `{ ok: false, code: 'INCIDENT_NOT_FOUND' }`; one that is
 *   already resolved is rejected by the engine with the same code.
 */
import type { Variables } from '@/lib/engine/core/events';
import { executeCommands, type CommandRequest, type CommandResult } from './execute-command';
import type { RuntimeContext } from './runtime-context';

export async function resolveIncident(
  rt: RuntimeContext,
  request: { incidentId: string; retries?: number; variables?: Variables; scopeKey?: string; actor?: string },
): Promise<CommandResult> {
  const incident = await rt.db.incident.findUnique({ where: { id: request.incidentId }, select: { instanceId: true } });
  if (incident === null) return { ok: false, code: 'INCIDENT_NOT_FOUND', message: `incident ${request.incidentId} does not exist` };
  const requests: CommandRequest[] = [];
  if (request.variables !== undefined && Object.keys(request.variables).length > 0) {
    requests.push({
      instanceId: incident.instanceId,
      actor: request.actor,
      command: { type: 'SetVariables', variables: request.variables, ...(request.scopeKey === undefined ? {} : { scopeKey: request.scopeKey }) },
    });
  }
  requests.push({
    instanceId: incident.instanceId,
    actor: request.actor,
    command: { type: 'ResolveIncident', incidentKey: request.incidentId, ...(request.retries === undefined ? {} : { retries: request.retries }) },
  });
  let rejected: CommandResult | undefined;
  try {
    const results = await executeCommands(rt, requests, {
      // All or nothing: a rejected variable edit must not let the retry commit on its own.
      within: async (_tx, results) => {
        rejected = results.find((r) => !r.ok);
        if (rejected !== undefined) throw new Rejected();
      },
    });
    return results[results.length - 1];
  } catch (error) {
    if (error instanceof Rejected && rejected !== undefined) return rejected;
    throw error;
  }
}

class Rejected extends Error {}
