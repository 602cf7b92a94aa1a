/**
 * Deactivates or reactivates a user.
 *
 * Contract
 * - Deactivating ends every session of the user at once (rows deleted) and refuses their
 *   sign-ins from then on; their data and history stay. Reactivating lets them sign in again.
 * - Refused with `user.last-admin` (409) for the last active admin and for an admin
 *   deactivating themself (so nobody locks the door from inside).
 * - The change, the session removal and the `user.deactivate` / `user.reactivate` audit row are
 *   one transaction; setting what already is changes and records nothing.
 */
import { ConflictError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import { findUserOrThrow, otherActiveAdmins, toUserSummary, type UserSummary } from '@/lib/auth/users/user-dto';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';

export async function setUserActive(db: Db, actor: Actor, input: { userId: string; active: boolean }): Promise<UserSummary> {
  await db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, input.userId);
    if (user.active === input.active) return;
    if (!input.active) {
      if (actor.type === 'user' && actor.id === user.id) throw new ConflictError('user.last-admin', 'You cannot deactivate yourself.', { userId: user.id });
      if (user.roles.some((r) => r.role === 'admin') && (await otherActiveAdmins(tx, user.id)) === 0) {
        throw new ConflictError('user.last-admin', `${user.email} is the last active admin; make someone else an admin first.`, { userId: user.id });
      }
    }
    await tx.user.update({ where: { id: user.id }, data: { active: input.active } });
    let sessionsEnded = 0;
    if (!input.active) sessionsEnded = (await tx.session.deleteMany({ where: { userId: user.id } })).count;
    await writeAudit(tx, {
      actor,
      action: input.active ? 'user.reactivate' : 'user.deactivate',
      resource: { type: 'user', id: user.id },
      details: { email: user.email, ...(input.active ? {} : { sessionsEnded }) },
    });
  });
  return toUserSummary(await findUserOrThrow(db, input.userId));
}
