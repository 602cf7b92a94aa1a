/**
 * Creates a user (the admin's "invite": Baton sends no e-mail, so the admin sets a first
 * password and hands it over; the user may change it on their account page).
 *
 * Contract
 * - The e-mail is unique, compared in lower case (`user.email-taken`, 409); groups must exist.
 * - The password follows the policy of lib/auth/passwords.ts (`user.password-rejected`, 422) and
 *   is stored only as better-auth's hash, in a `credential` Account, as sign-in expects.
 * - The user, their roles, groups, credential and the `user.create` audit row (e-mail, roles,
 *   groups — never the password) are one transaction. Callers authorise first (`user:manage`).
 */
import { z } from 'zod';
import { ConflictError, NotFoundError, UnprocessableError } from '@/lib/api/errors';
import { writeAudit } from '@/lib/audit/write-audit';
import { hashPassword, passwordProblem } from '@/lib/auth/passwords';
import { GroupNameSchema, RoleSchema } from '@/lib/auth/roles';
import { findUserOrThrow, toUserSummary, type UserSummary } from '@/lib/auth/users/user-dto';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';
import { isUniqueViolation } from '@/lib/models/db';

export const CreateUserInputSchema = z.object({
  email: z.email('an e-mail address, e.g. ana@example.com').max(320).transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1, 'a name').max(200),
  password: z.string(),
  roles: z.array(RoleSchema).default([]),
  groups: z.array(GroupNameSchema).default([]),
});
export type CreateUserInput = z.input<typeof CreateUserInputSchema>;

export async function createUser(db: Db, actor: Actor, raw: CreateUserInput, options: { production: boolean }): Promise<UserSummary> {
  const input = CreateUserInputSchema.parse(raw);
  const problem = passwordProblem(input.password, options);
  if (problem) throw new UnprocessableError('user.password-rejected', `The password was not accepted: ${problem}.`, { problem });
  const roles = [...new Set(input.roles)].sort();
  const groupNames = [...new Set(input.groups)].sort();
  const hash = await hashPassword(input.password);

  try {
    const userId = await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw new ConflictError('user.email-taken', `A user with the e-mail ${input.email} exists already.`, { email: input.email });
      }
      const groups = await tx.group.findMany({ where: { name: { in: groupNames } }, select: { id: true, name: true } });
      const missing = groupNames.filter((g) => !groups.some((k) => k.name === g));
      if (missing.length > 0) throw new NotFoundError('group.not-found', `No group named ${missing.map((g) => `"${g}"`).join(', ')}.`, { groups: missing });
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          emailVerified: true,
          roles: { create: roles.map((role) => ({ role })) },
          memberships: { create: groups.map((g) => ({ groupId: g.id })) },
        },
        select: { id: true },
      });
      await tx.account.create({ data: { userId: user.id, providerId: 'credential', accountId: user.id, password: hash } });
      await writeAudit(tx, { actor, action: 'user.create', resource: { type: 'user', id: user.id }, details: { email: input.email, name: input.name, roles, groups: groupNames } });
      return user.id;
    });
    return toUserSummary(await findUserOrThrow(db, userId));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('user.email-taken', `A user with the e-mail ${input.email} exists already.`, { email: input.email });
    throw error;
  }
}
