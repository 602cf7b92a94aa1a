/** Lifts a lockout after failed sign-ins (lib/auth/lockout.ts) before it runs out; audited as `user.unlock`. */
import { writeAudit } from '@/lib/audit/write-audit';
import { findUserOrThrow, toUserSummary, type UserSummary } from '@/lib/auth/users/user-dto';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';

export async function unlockUser(db: Db, actor: Actor, userId: string): Promise<UserSummary> {
  await db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, userId);
    if (user.failedSignIns === 0 && user.lockedUntil === null) return;
    await tx.user.update({ where: { id: userId }, data: { failedSignIns: 0, lockedUntil: null } });
    await writeAudit(tx, { actor, action: 'user.unlock', resource: { type: 'user', id: userId }, details: { email: user.email, failedSignIns: user.failedSignIns } });
  });
  return toUserSummary(await findUserOrThrow(db, userId));
}
