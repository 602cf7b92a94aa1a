/**
 * An admin sets a new password for a user (forgotten password, first hand-over).
 *
 * Contract
 * - The password follows the policy of lib/auth/passwords.ts (`user.password-rejected`, 422)
 *   and is stored only as better-auth's hash (the credential Account is created if missing).
 * - Every session of the user ends (rows deleted) and a lockout is lifted.
 * - The change and its `user.reset-password` audit row (never the password) are one transaction.
 */
import { UnprocessableError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import { hashPassword, passwordProblem } from '@/lib/auth/passwords';
import { findUserOrThrow, toUserSummary, type UserSummary } from '@/lib/auth/users/user-dto';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';

export async function resetUserPassword(db: Db, actor: Actor, input: { userId: string; password: string; production: boolean }): Promise<UserSummary> {
  const problem = passwordProblem(input.password, { production: input.production });
  if (problem) throw new UnprocessableError('user.password-rejected', `The password was not accepted: ${problem}.`, { problem });
  const hash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, input.userId);
    const account = await tx.account.findFirst({ where: { userId: user.id, providerId: 'credential' }, select: { id: true } });
    if (account) await tx.account.update({ where: { id: account.id }, data: { password: hash } });
    else await tx.account.create({ data: { userId: user.id, providerId: 'credential', accountId: user.id, password: hash } });
    const sessionsEnded = (await tx.session.deleteMany({ where: { userId: user.id } })).count;
    await tx.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
    await writeAudit(tx, { actor, action: 'user.reset-password', resource: { type: 'user', id: user.id }, details: { email: user.email, sessionsEnded } });
  });
  return toUserSummary(await findUserOrThrow(db, input.userId));
}
