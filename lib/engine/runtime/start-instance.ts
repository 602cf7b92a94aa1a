/**
 * Starts process instances of a published version.
 *
 * Contract
 * - `processKey` is the model's key or the BPMN process id of its versions; `version` pins a
 *   version number, otherwise the latest published one runs. The instance stays on that version.
 * - Starting is one durable command (CreateInstance) — the instance row, its first events and
 *   the work they ask for commit together (execute-command.ts).
 * - A key or version that does not exist is `StartError` (`process.not-found`,
 *   `version.not-found`); a start the engine refuses (no matching start event, bad variables)
 *   is `StartError` with the engine's code.
 * - `startInstances` starts many in one transaction (group commit; the benchmark uses it).
 */
import type { Variables } from '@/lib/engine/core/events';
import { executeCommands, type CommandRequest, type CommandResult } from './execute-command';
import type { RuntimeContext } from './runtime-context';

export class StartError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StartError';
  }
}

export type StartRequest = {
  processKey: string;
  version?: number;
  variables?: Variables;
  businessKey?: string;
  /** User id (or token id) of who started it. */
  startedBy?: string;
  /** person:<id> | token:<id> | system. */
  actor?: string;
  /** A start event, message or signal start; default: the none start event. */
  startEventId?: string;
  messageName?: string;
  signalName?: string;
  /** Give the key yourself (idempotent starts: a second start with the same key fails). */
  instanceId?: string;
};

export type StartedInstance = { instanceId: string; versionId: string; versionNumber: number; status: string; lastSeq: number };

/** The version a start names: by model key or BPMN process id, latest unless `version` is given. */
export async function resolveVersion(rt: RuntimeContext, processKey: string, version?: number): Promise<{ id: string; number: number }> {
  const model = await rt.db.processModel.findUnique({ where: { key: processKey }, select: { id: true, latestVersion: true } });
  if (model !== null) {
    const number = version ?? model.latestVersion;
    const row = number > 0 ? await rt.db.processVersion.findUnique({ where: { modelId_number: { modelId: model.id, number } }, select: { id: true, number: true } }) : null;
    if (row === null) throw new StartError('version.not-found', version === undefined ? `process "${processKey}" has no published version` : `process "${processKey}" has no version ${version}`);
    return row;
  }
  const byProcessId = await rt.db.processVersion.findFirst({
    where: { processKey, ...(version === undefined ? {} : { number: version }) },
    orderBy: [{ publishedAt: 'desc' }, { number: 'desc' }],
    select: { id: true, number: true },
  });
  if (byProcessId === null) throw new StartError('process.not-found', `no published process has the key or process id "${processKey}"${version === undefined ? '' : ` with version ${version}`}`);
  return byProcessId;
}

export async function startInstance(rt: RuntimeContext, request: StartRequest): Promise<StartedInstance> {
  const [started] = await startInstances(rt, [request]);
  return started;
}

export async function startInstances(rt: RuntimeContext, requests: readonly StartRequest[]): Promise<StartedInstance[]> {
  const versions = new Map<string, { id: string; number: number }>();
  const commands: (CommandRequest & { versionId: string; versionNumber: number })[] = [];
  for (const request of requests) {
    const cacheKey = `${request.processKey}\u0000${request.version ?? ''}`;
    let version = versions.get(cacheKey);
    if (version === undefined) {
      version = await resolveVersion(rt, request.processKey, request.version);
      versions.set(cacheKey, version);
    }
    const instanceId = request.instanceId ?? rt.newId();
    commands.push({
      instanceId,
      versionId: version.id,
      versionNumber: version.number,
      actor: request.actor,
      command: {
        type: 'CreateInstance' as const,
        variables: request.variables ?? {},
        ...(request.businessKey === undefined ? {} : { businessKey: request.businessKey }),
        ...(request.startedBy === undefined ? {} : { startedBy: request.startedBy }),
        ...(request.startEventId === undefined ? {} : { startEventId: request.startEventId }),
        ...(request.messageName === undefined ? {} : { messageName: request.messageName }),
        ...(request.signalName === undefined ? {} : { signalName: request.signalName }),
      },
    });
  }
  const results = await executeCommands(rt, commands);
  return results.map((result: CommandResult, index) => {
    if (!result.ok) throw new StartError(result.code, result.message);
    return { instanceId: result.instanceId, versionId: commands[index].versionId, versionNumber: commands[index].versionNumber, status: result.state.status, lastSeq: result.lastSeq };
  });
}
