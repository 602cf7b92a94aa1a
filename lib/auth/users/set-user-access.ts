/**
 * Replaces a user's roles and groups.
 *
 * Contract
 * - Takes effect on the user's next request (subjects are read fresh); no new sign-in needed.
 * - Refused with `user.last-admin` (409) when it would leave no active admin.
 * - Audited in the same transaction: `user.roles-change` with the roles before and after, and
 *   `user.groups-change` likewise, each only when that part changed.
 */
import { z } from 'zod';
import { ConflictError, NotFoundError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import { GroupNameSchema, knownRoles, RoleSchema } from '@/lib/auth/roles';
import { findUserOrThrow, otherActiveAdmins, toUserSummary, type UserSummary } from '@/lib/auth/users/user-dto';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';

export const SetUserAccessInputSchema = z.object({
  userId: z.string().min(1),
  roles: z.array(RoleSchema),
  groups: z.array(GroupNameSchema),
});

export async function setUserAccess(db: Db, actor: Actor, raw: z.input<typeof SetUserAccessInputSchema>): Promise<UserSummary> {
  const input = SetUserAccessInputSchema.parse(raw);
  const roles = knownRoles(input.roles);
  const groupNames = [...new Set(input.groups)].sort();

  await db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, input.userId);
    const rolesBefore = knownRoles(user.roles.map((r) => r.role));
    const groupsBefore = user.memberships.map((m) => m.group.name).sort();
    if (rolesBefore.includes('admin') && !roles.includes('admin') && user.active && (await otherActiveAdmins(tx, user.id)) === 0) {
      throw new ConflictError('user.last-admin', `${user.email} is the last active admin; make someone else an admin first.`, { userId: user.id });
    }
    const groups = await tx.group.findMany({ where: { name: { in: groupNames } }, select: { id: true, name: true } });
    const missing = groupNames.filter((g) => !groups.some((k) => k.name === g));
    if (missing.length > 0) throw new NotFoundError('group.not-found', `No group named ${missing.map((g) => `"${g}"`).join(', ')}.`, { groups: missing });

    if (JSON.stringify(rolesBefore) !== JSON.stringify(roles)) {
      await tx.userRole.deleteMany({ where: { userId: user.id } });
      if (roles.length > 0) await tx.userRole.createMany({ data: roles.map((role) => ({ userId: user.id, role })) });
      await writeAudit(tx, { actor, action: 'user.roles-change', resource: { type: 'user', id: user.id }, details: { email: user.email, before: rolesBefore, after: roles } });
    }
    if (JSON.stringify(groupsBefore) !== JSON.stringify(groupNames)) {
      await tx.groupMembership.deleteMany({ where: { userId: user.id } });
      if (groups.length > 0) await tx.groupMembership.createMany({ data: groups.map((g) => ({ userId: user.id, groupId: g.id })) });
      await writeAudit(tx, { actor, action: 'user.groups-change', resource: { type: 'user', id: user.id }, details: { email: user.email, before: groupsBefore, after: groupNames } });
    }
  });
  return toUserSummary(await findUserOrThrow(db, input.userId));
}
