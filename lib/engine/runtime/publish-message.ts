/**
 * Publishes a message: correlates it to one waiting subscription, or starts an instance at a
 * message start event, or buffers it until its time to live ends.
 *
 * Contract
 * - Exactly-once correlation: a message is correlated by a CorrelateMessage command whose events
 *   commit in the same transaction as the message's record. A subscription consumed meanwhile by
 *   another message makes the command fail (NO_MATCHING_SUBSCRIPTION) and the next candidate is
 *   tried; a buffered message is taken by a conditional update in the transaction that
 *   correlates it (correlate-buffered-messages.ts), so two runtimes cannot both deliver it.
 * - Matching: same name; a subscription with a correlation key takes only messages with that
 *   key, one without takes messages without a key. Oldest subscription first.
 * - De-duplication: with a `messageId`, the message is recorded (BufferedMessage row) until its
 *   TTL ends, whatever happened to it; publishing the same id again within that time changes
 *   nothing and answers `duplicate`.
 * - `ttlMs` 0: a message nothing waits for is dropped (`not-correlated`).
 */
import type { Variables } from '@/lib/engine/core/events';
import { executeCommands, type CommandResult } from './execute-command';
import { isUniqueViolation } from './fire-due-timers';
import type { RuntimeContext, Tx } from './runtime-context';
import { syncStartEvents } from './sync-start-events';

export type PublishMessageRequest = {
  name: string;
  correlationKey?: string;
  variables?: Variables;
  /** How long an uncorrelated message waits for a subscription, ms (0: not buffered). */
  ttlMs?: number;
  messageId?: string;
};

export type PublishMessageResult =
  | { status: 'correlated'; instanceId: string; messageId?: string }
  | { status: 'started'; instanceId: string; messageId?: string }
  | { status: 'buffered'; bufferedId: string; expiresAt: string; messageId?: string }
  | { status: 'not-correlated'; messageId?: string }
  | { status: 'duplicate'; messageId: string };

export type PublishOptions = { within?: (tx: Tx) => Promise<void> };

const CANDIDATES = 20;

class Duplicate extends Error {}

export async function publishMessage(rt: RuntimeContext, request: PublishMessageRequest, options: PublishOptions = {}): Promise<PublishMessageResult> {
  const messageId = request.messageId;
  const ttlMs = Math.max(0, request.ttlMs ?? 0);
  const now = rt.clock.now();
  const variables = request.variables ?? {};
  if (messageId !== undefined) {
    const seen = await rt.db.bufferedMessage.findUnique({ where: { messageId }, select: { expiresAt: true } });
    if (seen !== null && seen.expiresAt.getTime() > now) return { status: 'duplicate', messageId };
    if (seen !== null) await rt.db.bufferedMessage.deleteMany({ where: { messageId, expiresAt: { lte: new Date(now) } } });
  }
  const ids = messageId === undefined ? {} : { messageId };

  /** In the correlating transaction: the message's de-duplication record, then the caller's writes. */
  const record = async (tx: Tx, results: readonly CommandResult[]) => {
    if (!results[0]?.ok) return;
    if (messageId !== undefined) {
      await tx.bufferedMessage.create({
        data: { name: request.name, correlationKey: request.correlationKey ?? null, messageId, variables: JSON.stringify(variables), expiresAt: new Date(now + ttlMs), correlatedAt: new Date(now) },
      });
    }
    if (options.within !== undefined) await options.within(tx);
  };

  try {
    const subscriptions = await rt.db.messageSubscription.findMany({
      where: { kind: 'message', messageName: request.name, instanceId: { not: null }, correlationKey: request.correlationKey ?? null },
      orderBy: { createdAt: 'asc' },
      take: CANDIDATES,
      select: { instanceId: true },
    });
    for (const { instanceId } of subscriptions) {
      if (instanceId === null) continue;
      const [result] = await executeCommands(
        rt,
        [
          {
            instanceId,
            command: {
              type: 'CorrelateMessage',
              messageName: request.name,
              ...(request.correlationKey === undefined ? {} : { correlationKey: request.correlationKey }),
              ...(messageId === undefined ? {} : { messageKey: messageId }),
              variables,
            },
          },
        ],
        { within: duplicateAware(record) },
      );
      if (result.ok) return { status: 'correlated', instanceId, ...ids };
    }

    await syncStartEvents(rt);
    const starts = await rt.db.messageSubscription.findMany({ where: { kind: 'message', messageName: request.name, instanceId: null }, select: { versionId: true } });
    for (const { versionId } of starts) {
      if (versionId === null) continue;
      const [result] = await executeCommands(
        rt,
        [
          {
            instanceId: rt.newId(),
            versionId,
            command: { type: 'CreateInstance', messageName: request.name, variables, ...(request.correlationKey === undefined ? {} : { businessKey: request.correlationKey }) },
          },
        ],
        { within: duplicateAware(record) },
      );
      if (result.ok) return { status: 'started', instanceId: result.instanceId, ...ids };
    }

    if (ttlMs === 0) {
      if (options.within !== undefined) await rt.db.$transaction(async (tx) => options.within?.(tx));
      return { status: 'not-correlated', ...ids };
    }
    const expiresAt = new Date(now + ttlMs);
    const buffered = await rt.db.$transaction(async (tx) => {
      const row = await tx.bufferedMessage.create({
        data: { name: request.name, correlationKey: request.correlationKey ?? null, variables: JSON.stringify(variables), expiresAt, ...(messageId === undefined ? {} : { messageId }) },
        select: { id: true },
      });
      if (options.within !== undefined) await options.within(tx);
      return row;
    });
    return { status: 'buffered', bufferedId: buffered.id, expiresAt: expiresAt.toISOString(), ...ids };
  } catch (error) {
    if (messageId !== undefined && (error instanceof Duplicate || isUniqueViolation(error))) return { status: 'duplicate', messageId };
    throw error;
  }
}

/** A unique violation on the message id inside the transaction means a concurrent publish of the same id won. */
function duplicateAware(record: (tx: Tx, results: readonly CommandResult[]) => Promise<void>) {
  return async (tx: Tx, results: readonly CommandResult[]) => {
    try {
      await record(tx, results);
    } catch (error) {
      if (isUniqueViolation(error)) throw new Duplicate('the message id was published concurrently');
      throw error;
    }
  };
}
