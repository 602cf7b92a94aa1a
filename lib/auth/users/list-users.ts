/** Every user, by e-mail, as the admin pages see them. Callers authorise first (`user:manage`). */
import type { Db } from '@/lib/db/client';
import { findUserOrThrow, toUserSummary, USER_SUMMARY_SELECT, type UserSummary } from '@/lib/auth/users/user-dto';

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db.user.findMany({ select: USER_SUMMARY_SELECT, orderBy: { email: 'asc' } });
  return rows.map((row) => toUserSummary(row));
}

export async function getUser(db: Db, userId: string): Promise<UserSummary> {
  return toUserSummary(await findUserOrThrow(db, userId));
}
