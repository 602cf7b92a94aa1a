/**
 * An external worker's answer to a job it activated: complete (with variables), fail (with the
 * retries left and a backoff; 0 retries raises an incident with the error), or throw a BPMN error
 * (caught by an error boundary or event sub-process, else an incident).
 *
 * Contract: one durable command on the job's instance. A job that no longer exists (completed,
 * cancelled with its scope, or never existed) is 404 `job.not-found`; the lease is not checked —
 * as in Zeebe, any worker's answer counts while the job exists.
 */
import { NotFoundError } from '@/lib/api/errors';
import type { Command } from '@/lib/engine/core';
import type { Variables } from '@/lib/engine/core/events';
import { commandSucceeded } from './command-errors';
import { executeCommand } from './execute-command';
import type { RuntimeContext } from './runtime-context';

export type JobAnswer =
  | { kind: 'complete'; variables?: Variables }
  | { kind: 'fail'; retries: number; errorMessage?: string; retryBackoffMs?: number }
  | { kind: 'error'; errorCode: string; errorMessage?: string; variables?: Variables };

export async function answerJob(rt: RuntimeContext, input: { jobKey: string; answer: JobAnswer; actor?: string }): Promise<{ instanceId: string; lastSeq: number }> {
  const job = await rt.db.job.findUnique({ where: { id: input.jobKey }, select: { instanceId: true } });
  if (job === null) throw new NotFoundError('job.not-found', `job ${input.jobKey} does not exist (completed, cancelled, or never created)`, { jobKey: input.jobKey });
  const a = input.answer;
  const command: Command =
    a.kind === 'complete'
      ? { type: 'CompleteJob', jobKey: input.jobKey, variables: a.variables ?? {} }
      : a.kind === 'fail'
        ? {
            type: 'FailJob',
            jobKey: input.jobKey,
            retries: a.retries,
            ...(a.errorMessage === undefined ? {} : { errorMessage: a.errorMessage }),
            ...(a.retryBackoffMs === undefined ? {} : { retryBackoffMs: a.retryBackoffMs }),
          }
        : {
            type: 'ThrowJobError',
            jobKey: input.jobKey,
            errorCode: a.errorCode,
            ...(a.errorMessage === undefined ? {} : { errorMessage: a.errorMessage }),
            ...(a.variables === undefined ? {} : { variables: a.variables }),
          };
  const result = await executeCommand(rt, { instanceId: job.instanceId, command, actor: input.actor });
  if (!result.ok && result.code === 'JOB_NOT_FOUND') throw new NotFoundError('job.not-found', result.message, { jobKey: input.jobKey });
  const done = commandSucceeded(result);
  return { instanceId: done.instanceId, lastSeq: done.lastSeq };
}
