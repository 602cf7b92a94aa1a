/**
 * The subject of a signed-in user: their roles and groups, read fresh. Answers null for a user
 * that does not exist or is deactivated, so a deactivated user's surviving session is worth
 * nothing.
 */
import type { Db } from '@/lib/db/client';
import { knownRoles } from '@/lib/auth/roles';
import type { Subject } from '@/lib/auth/subject';

export async function loadUserSubject(db: Db, userId: string): Promise<Subject | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, active: true, roles: { select: { role: true } }, memberships: { select: { group: { select: { name: true } } } } },
  });
  if (!user || !user.active) return null;
  return {
    type: 'user',
    id: user.id,
    label: user.email,
    email: user.email,
    roles: knownRoles(user.roles.map((r) => r.role)),
    groups: user.memberships.map((m) => m.group.name).sort(),
  };
}
