/**
 * Broadcasts a signal: every instance with an open signal subscription of that name gets one
 * BroadcastSignal command, and every latest version with a signal start event of that name
 * starts an instance.
 *
 * Contract
 * - Each waiting instance receives the signal once per broadcast (one command per instance; its
 *   own decide delivers it to each of its subscriptions). Instances are commanded in batches.
 * - `exceptInstanceId`: the instance that threw the signal (its own subscriptions were already
 *   triggered inside its decide).
 * - Not atomic across instances: a runtime that dies mid-broadcast re-runs it from its work row
 *   (dispatch-work.ts), and instances that already got it may get it again.
 */
import type { Variables } from '@/lib/engine/core/events';
import { executeCommands } from './execute-command';
import type { RuntimeContext } from './runtime-context';
import { syncStartEvents } from './sync-start-events';

const BATCH = 100;

export async function broadcastSignal(
  rt: RuntimeContext,
  request: { name: string; variables?: Variables; exceptInstanceId?: string; actor?: string },
): Promise<{ delivered: number; started: number }> {
  const variables = request.variables ?? {};
  const rows = await rt.db.messageSubscription.findMany({
    where: { kind: 'signal', messageName: request.name, instanceId: { not: null } },
    distinct: ['instanceId'],
    select: { instanceId: true },
  });
  const instanceIds = rows.map((r) => r.instanceId).filter((id): id is string => id !== null && id !== request.exceptInstanceId);
  let delivered = 0;
  for (let i = 0; i < instanceIds.length; i += BATCH) {
    const results = await executeCommands(
      rt,
      instanceIds.slice(i, i + BATCH).map((instanceId) => ({ instanceId, actor: request.actor, command: { type: 'BroadcastSignal' as const, signalName: request.name, variables } })),
    );
    delivered += results.filter((r) => r.ok).length;
  }
  await syncStartEvents(rt);
  const starts = await rt.db.messageSubscription.findMany({ where: { kind: 'signal', messageName: request.name, instanceId: null }, select: { versionId: true } });
  const creates = starts
    .filter((s): s is { versionId: string } => s.versionId !== null)
    .map((s) => ({ instanceId: rt.newId(), versionId: s.versionId, actor: request.actor, command: { type: 'CreateInstance' as const, signalName: request.name, variables } }));
  const started = (await executeCommands(rt, creates)).filter((r) => r.ok).length;
  return { delivered, started };
}
