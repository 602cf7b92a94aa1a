/**
 * Delivers buffered messages to subscriptions that opened after them, and forgets expired ones.
 *
 * Contract
 * - Exactly once: the CorrelateMessage events and `correlatedAt` of the buffered row commit in
 *   one transaction, and the row is taken only `WHERE correlatedAt IS NULL`; a runtime that lost
 *   that race rolls back its correlation.
 * - Oldest message first; a message goes to the oldest matching subscription (same name and
 *   correlation key, or both without a key).
 * - Messages whose TTL ended are deleted; so are correlated ones whose de-duplication window
 *   (the TTL) ended.
 * - Run by the runtime's message loop (after commits that opened subscriptions, and on a short
 *   poll that also covers a publish and a subscription racing each other).
 */
import { z } from 'zod';
import { VariablesSchema } from '@/lib/engine/core/events';
import { dateParam } from './claim-jobs';
import { executeCommands } from './execute-command';
import { dialect, type RuntimeContext } from './runtime-context';

const PairSchema = z.object({
  messageId: z.string(),
  name: z.string(),
  correlationKey: z.string().nullable(),
  sender: z.string().nullable(),
  variables: z.string(),
  instanceId: z.string(),
});

class AlreadyTaken extends Error {}

export async function correlateBufferedMessages(rt: RuntimeContext, options: { max: number }): Promise<number> {
  const now = rt.clock.now();
  await rt.db.bufferedMessage.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
  const sql =
    'SELECT m."id" AS "messageId", m."name", m."correlationKey", m."messageId" AS "sender", m."variables", s."instanceId" ' +
    'FROM "BufferedMessage" m JOIN "MessageSubscription" s ON s."kind" = \'message\' AND s."messageName" = m."name" AND s."instanceId" IS NOT NULL ' +
    'AND (s."correlationKey" = m."correlationKey" OR (s."correlationKey" IS NULL AND m."correlationKey" IS NULL)) ' +
    'WHERE m."correlatedAt" IS NULL AND m."expiresAt" > ? ORDER BY m."createdAt", s."createdAt" LIMIT ?';
  const rows: unknown[] = await rt.db.$queryRawUnsafe(dialect(rt.kind, sql), dateParam(rt, now), options.max * 4);
  const taken = new Set<string>();
  const busy = new Set<string>();
  let delivered = 0;
  for (const raw of rows) {
    const pair = PairSchema.parse(raw);
    if (taken.has(pair.messageId) || busy.has(pair.instanceId) || delivered >= options.max) continue;
    try {
      const [result] = await executeCommands(
        rt,
        [
          {
            instanceId: pair.instanceId,
            command: {
              type: 'CorrelateMessage',
              messageName: pair.name,
              ...(pair.correlationKey === null ? {} : { correlationKey: pair.correlationKey }),
              ...(pair.sender === null ? {} : { messageKey: pair.sender }),
              variables: VariablesSchema.parse(JSON.parse(pair.variables)),
            },
          },
        ],
        {
          within: async (tx, results) => {
            if (!results[0]?.ok) return;
            const count = await tx.bufferedMessage.updateMany({ where: { id: pair.messageId, correlatedAt: null }, data: { correlatedAt: new Date(now) } });
            if (count.count !== 1) throw new AlreadyTaken();
          },
        },
      );
      if (result.ok) {
        taken.add(pair.messageId);
        busy.add(pair.instanceId);
        delivered++;
      }
    } catch (error) {
      if (error instanceof AlreadyTaken) {
        taken.add(pair.messageId);
        continue;
      }
      throw error;
    }
  }
  return delivered;
}
