/**
 * Carries out runtime work rows (plan-outbox.ts `work`): what one instance's events ask of
 * another instance or of the outside.
 *
 * Contract
 * - A row is claimed with a lease, carried out, and deleted in the transaction of its effect
 *   where the effect is one transaction (start or answer an instance, publish a message), so it
 *   happens once. A broadcast is deleted after it (at-least-once).
 * - Idempotent effects: a called child's instance id is the call key (starting it twice meets
 *   the primary key); a published message carries the work id as its message id (a second
 *   publish is a duplicate); an answer the caller no longer expects is rejected and dropped.
 * - A called process that cannot start — no process with that id, no published version (or not
 *   the pinned one), a version that does not compile, the child's start refused — ends the call
 *   with an incident at the call activity carrying the reason (FailCallActivity, in the
 *   transaction that deletes the row). Resolving the incident after publishing the child
 *   activates the call activity again, which asks for a new start.
 * - Any other failure (the database) keeps the row, counts the attempt, records the error and
 *   retries after a backoff; so does a failed call whose caller is suspended (until resumed).
 */
import { z } from 'zod';
import { CommandSchema } from '@/lib/engine/core';
import { VariablesSchema } from '@/lib/engine/core/events';
import { broadcastSignal } from './broadcast-signal';
import { dateParam } from './claim-jobs';
import { executeCommand, executeCommands } from './execute-command';
import { isUniqueViolation } from './fire-due-timers';
import { publishMessage } from './publish-message';
import { dialect, type RuntimeContext, type Tx } from './runtime-context';
import { VersionNotRunnableError } from './definitions';
import { resolveVersion, StartError } from './start-instance';

const Parent = z.object({ instanceKey: z.string(), elementInstanceKey: z.string(), callKey: z.string() });

const PayloadSchemas = {
  'publish-message': z.object({ messageName: z.string(), correlationKey: z.string().optional(), variables: VariablesSchema }),
  'broadcast-signal': z.object({ signalName: z.string(), variables: VariablesSchema, fromInstanceId: z.string() }),
  'start-call': z.object({
    callKey: z.string(),
    elementInstanceKey: z.string(),
    elementId: z.string(),
    processId: z.string(),
    version: z.union([z.literal('latest'), z.number().int().positive()]),
    variables: VariablesSchema,
  }),
  'cancel-call': z.object({ callKey: z.string() }),
  'answer-caller': z.object({ parent: Parent, answer: CommandSchema }),
};

const WorkRowSchema = z.object({ id: z.string(), instanceId: z.string(), kind: z.string(), payload: z.string(), attempts: z.coerce.number() });
type WorkRow = z.infer<typeof WorkRowSchema>;

const WORK_LEASE_MS = 15_000;

async function claimWork(rt: RuntimeContext, owner: string, max: number): Promise<WorkRow[]> {
  const now = rt.clock.now();
  const candidates =
    `SELECT "id" FROM "RuntimeWork" WHERE "dueAt" <= ? AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" <= ?) ORDER BY "dueAt" LIMIT ?` +
    (rt.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '');
  const rows: unknown[] = await rt.db.$queryRawUnsafe(
    dialect(rt.kind, `UPDATE "RuntimeWork" SET "leaseOwner" = ?, "leaseExpiresAt" = ? WHERE "id" IN (${candidates}) RETURNING "id", "instanceId", "kind", "payload", "attempts"`),
    owner,
    dateParam(rt, now + WORK_LEASE_MS),
    dateParam(rt, now),
    dateParam(rt, now),
    max,
  );
  return rows.map((row) => WorkRowSchema.parse(row));
}

/** Carries out up to `max` due work rows; returns how many it claimed. */
export async function dispatchWork(rt: RuntimeContext, options: { owner: string; max: number }): Promise<number> {
  const rows = await claimWork(rt, options.owner, options.max);
  for (const row of rows) {
    try {
      await carryOut(rt, row);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = Math.min(60_000, 1000 * 2 ** Math.min(6, row.attempts));
      await rt.db.runtimeWork.updateMany({
        where: { id: row.id },
        data: { attempts: row.attempts + 1, lastError: message.slice(0, 2000), dueAt: new Date(rt.clock.now() + delay), leaseOwner: null, leaseExpiresAt: null },
      });
    }
  }
  return rows.length;
}

/** Starts the called child; returns why it cannot start (the caller gets an incident), or undefined. */
async function startCall(rt: RuntimeContext, row: WorkRow, p: z.infer<(typeof PayloadSchemas)['start-call']>): Promise<string | undefined> {
  let version: { id: string };
  try {
    version = await resolveVersion(rt, p.processId, p.version === 'latest' ? undefined : p.version);
  } catch (error) {
    if (error instanceof StartError) return error.message;
    throw error;
  }
  try {
    const [result] = await executeCommands(
      rt,
      [
        {
          instanceId: p.callKey,
          versionId: version.id,
          command: { type: 'CreateInstance', variables: p.variables, parent: { instanceKey: row.instanceId, elementInstanceKey: p.elementInstanceKey, callKey: p.callKey } },
        },
      ],
      { within: async (tx, results) => (results[0]?.ok === true ? done(tx, row) : undefined) },
    );
    return result.ok ? undefined : result.message;
  } catch (error) {
    if (error instanceof VersionNotRunnableError) return error.message;
    if (!isUniqueViolation(error)) throw error;
    await rt.db.runtimeWork.deleteMany({ where: { id: row.id } }); // the child exists already
    return undefined;
  }
}

/** Ends the call with an incident at the call activity, and the row with it. */
async function failCall(rt: RuntimeContext, row: WorkRow, callKey: string, message: string): Promise<void> {
  await executeCommand(
    rt,
    { instanceId: row.instanceId, command: { type: 'FailCallActivity', callKey, errorMessage: message } },
    {
      within: async (tx, results) => {
        const result = results[0];
        // A suspended caller accepts it later: keep the row (retried with backoff).
        if (result !== undefined && !result.ok && result.code === 'INSTANCE_SUSPENDED') throw new Error(result.message);
        await done(tx, row);
      },
    },
  );
}

async function done(tx: Tx, row: WorkRow): Promise<void> {
  await tx.runtimeWork.deleteMany({ where: { id: row.id } });
}

async function carryOut(rt: RuntimeContext, row: WorkRow): Promise<void> {
  const payload: unknown = JSON.parse(row.payload);
  switch (row.kind) {
    case 'publish-message': {
      const p = PayloadSchemas['publish-message'].parse(payload);
      // The work id is the message id: a publish repeated after a crash is a duplicate.
      const result = await publishMessage(
        rt,
        { name: p.messageName, variables: p.variables, messageId: row.id, ...(p.correlationKey === undefined ? {} : { correlationKey: p.correlationKey }) },
        { within: (tx) => done(tx, row) },
      );
      if (result.status === 'duplicate') await rt.db.runtimeWork.deleteMany({ where: { id: row.id } });
      return;
    }
    case 'broadcast-signal': {
      const p = PayloadSchemas['broadcast-signal'].parse(payload);
      await broadcastSignal(rt, { name: p.signalName, variables: p.variables, exceptInstanceId: p.fromInstanceId });
      await rt.db.runtimeWork.deleteMany({ where: { id: row.id } });
      return;
    }
    case 'start-call': {
      const p = PayloadSchemas['start-call'].parse(payload);
      const failure = await startCall(rt, row, p);
      if (failure !== undefined) await failCall(rt, row, p.callKey, `the called process "${p.processId}" could not be started: ${failure}`);
      return;
    }
    case 'cancel-call': {
      const p = PayloadSchemas['cancel-call'].parse(payload);
      await executeCommand(rt, { instanceId: p.callKey, command: { type: 'CancelInstance', reason: 'the calling activity ended' } }, { within: (tx) => done(tx, row) });
      return;
    }
    case 'answer-caller': {
      const p = PayloadSchemas['answer-caller'].parse(payload);
      await executeCommand(rt, { instanceId: p.parent.instanceKey, command: p.answer }, { within: (tx) => done(tx, row) });
      return;
    }
    default:
      throw new Error(`unknown runtime work kind "${row.kind}"`);
  }
}
