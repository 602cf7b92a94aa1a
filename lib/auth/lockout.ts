/**
 * Account lockout after repeated failed sign-ins, kept on the user row (failedSignIns,
 * lockedUntil) so that it holds across processes and restarts.
 *
 * Contract
 * - `MAX_FAILED_SIGN_INS` wrong passwords in a row lock the account for `LOCKOUT_MINUTES`;
 *   while locked, sign-in is refused even with the right password (lib/auth/auth.ts).
 * - A successful sign-in, an admin's password reset or unlock clears the count.
 * - When a lock has run out, counting starts again from zero.
 * This is per account; better-auth's own rate limiter adds a per-address limit on the sign-in
 * endpoint (lib/auth/auth.ts).
 */
import type { Db } from '@/lib/db/client';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export type LockState = { failedSignIns: number; lockedUntil: Date | null };

export function isLocked(state: Pick<LockState, 'lockedUntil'>, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The lock state after one more failed sign-in at `now`. Pure. */
export function afterFailedSignIn(state: LockState, now: Date): LockState {
  const expired = state.lockedUntil !== null && !isLocked(state, now);
  const failedSignIns = (expired ? 0 : state.failedSignIns) + 1;
  if (failedSignIns >= MAX_FAILED_SIGN_INS) return { failedSignIns, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) };
  return { failedSignIns, lockedUntil: expired ? null : state.lockedUntil };
}

/** Records a failed sign-in of `userId`; answers the new state (locked when `isLocked(state, now)`). */
export async function recordFailedSignIn(db: Db, userId: string, now: Date): Promise<LockState> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { failedSignIns: true, lockedUntil: true } });
    const next = afterFailedSignIn(user, now);
    await tx.user.update({ where: { id: userId }, data: next });
    return next;
  });
}

export async function clearFailedSignIns(db: Db, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, OR: [{ failedSignIns: { gt: 0 } }, { lockedUntil: { not: null } }] }, data: { failedSignIns: 0, lockedUntil: null } });
}
