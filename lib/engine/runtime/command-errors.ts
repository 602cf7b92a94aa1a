/**
 * Maps a command's outcome to the API's named errors: a rejection the engine gave is 409
 * `command.rejected` (details.reason: the engine's code), bad variables 422
 * `command.invalid-variables`, a missing instance 404 `instance.not-found`.
 */
import { ConflictError, NotFoundError, UnprocessableError } from '@/lib/api/errors';
import type { CommandResult } from './execute-command';

export function commandSucceeded(result: CommandResult): Extract<CommandResult, { ok: true }> {
  if (result.ok) return result;
  if (result.code === 'INSTANCE_NOT_FOUND') throw new NotFoundError('instance.not-found', result.message, {});
  if (result.code === 'INVALID_VARIABLES' || result.code === 'VARIABLES_TOO_LARGE') {
    throw new UnprocessableError('command.invalid-variables', result.message, { reason: result.code });
  }
  throw new ConflictError('command.rejected', result.message, { reason: result.code });
}
