/**
 * Sends one engine command about a task through the runtime (execute-command.ts), with the
 * audit row written in the same transaction as the events, and maps the engine's refusals to
 * the API's named errors.
 *
 * Contract: nothing is written when the engine refuses (the audit row goes with the events);
 * USER_TASK_NOT_FOUND → 409 `task.not-open`, USER_TASK_ASSIGNEE_CHANGED → 409
 * `task.already-claimed`, FOUR_EYES_VIOLATION → 403 (details.reason `four-eyes`), bad
 * variables → 422 `command.invalid-variables`, anything else → 409 `command.rejected`.
 */
import { ConflictError, ForbiddenError } from '@/lib/api/errors';
import { writeAudit, type AuditEntry } from '@/lib/audit/write-audit';
import type { Command } from '@/lib/engine/core';
import { commandSucceeded } from '@/lib/engine/runtime/command-errors';
import { executeCommand } from '@/lib/engine/runtime/execute-command';
import { actorOfCaller, eventActorOfCaller, runtimeOf, type TaskCaller } from '@/lib/tasks/task-caller';

export async function sendTaskCommand(
  caller: TaskCaller,
  input: { instanceId: string; taskId: string; command: Command; audit: Omit<AuditEntry, 'actor' | 'resource'> },
): Promise<void> {
  const result = await executeCommand(
    runtimeOf(caller),
    { instanceId: input.instanceId, command: input.command, actor: eventActorOfCaller(caller) },
    {
      within: async (tx, results) => {
        if (results[0]?.ok) await writeAudit(tx, { ...input.audit, actor: actorOfCaller(caller), resource: { type: 'task', id: input.taskId } });
      },
    },
  );
  if (!result.ok) {
    if (result.code === 'USER_TASK_NOT_FOUND') throw new ConflictError('task.not-open', `Task "${input.taskId}" is no longer open: it was completed or cancelled.`, { taskId: input.taskId });
    if (result.code === 'USER_TASK_ASSIGNEE_CHANGED') throw new ConflictError('task.already-claimed', `Task "${input.taskId}" was claimed or reassigned meanwhile.`, { taskId: input.taskId });
    if (result.code === 'FOUR_EYES_VIOLATION') {
      throw new ForbiddenError('The four-eyes rule of this task needs someone else to complete it (not the starter of the process, nor who completed the earlier step).', { reason: 'four-eyes' });
    }
  }
  commandSucceeded(result);
}
