/**
 * Groups: free-form names (finance, compliance...) that human tasks name as candidate groups and
 * tool guardrails name as roles. Callers authorise first (`group:manage`); each change and its
 * audit row (`group.create`, `group.delete`) are one transaction.
 */
import { z } from 'zod';
import { ConflictError, NotFoundError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import { GroupNameSchema } from '@/lib/auth/roles';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';
import { isUniqueViolation } from '@/lib/models/db';

export type GroupSummary = { id: string; name: string; description: string | null; createdAt: Date; members: { id: string; email: string; name: string }[] };

export const CreateGroupInputSchema = z.object({
  name: GroupNameSchema,
  description: z.string().trim().max(500).optional(),
});

export async function listGroups(db: Db): Promise<GroupSummary[]> {
  const rows = await db.group.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, description: true, createdAt: true, members: { select: { user: { select: { id: true, email: true, name: true } } } } },
  });
  return rows.map((g) => ({ ...g, members: g.members.map((m) => m.user).sort((a, b) => a.email.localeCompare(b.email)) }));
}

export async function createGroup(db: Db, actor: Actor, raw: z.input<typeof CreateGroupInputSchema>): Promise<{ id: string; name: string }> {
  const input = CreateGroupInputSchema.parse(raw);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.group.findUnique({ where: { name: input.name }, select: { id: true } })) {
        throw new ConflictError('group.name-taken', `A group named "${input.name}" exists already.`, { name: input.name });
      }
      const group = await tx.group.create({ data: { name: input.name, description: input.description || null }, select: { id: true, name: true } });
      await writeAudit(tx, { actor, action: 'group.create', resource: { type: 'group', id: group.id }, details: { name: group.name } });
      return group;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('group.name-taken', `A group named "${input.name}" exists already.`, { name: input.name });
    throw error;
  }
}

/**
 * Deletes a group and its memberships. Tasks and tokens that name it keep the name (it is just
 * a string there): re-creating the group gives them members again.
 */
export async function deleteGroup(db: Db, actor: Actor, groupId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const group = await tx.group.findUnique({ where: { id: groupId }, select: { id: true, name: true, members: { select: { user: { select: { email: true } } } } } });
    if (!group) throw new NotFoundError('group.not-found', `No group with id "${groupId}".`, { groupId });
    await tx.group.delete({ where: { id: groupId } });
    await writeAudit(tx, { actor, action: 'group.delete', resource: { type: 'group', id: groupId }, details: { name: group.name, members: group.members.map((m) => m.user.email).sort() } });
  });
}
