'use server';
/**
 * Server actions of the admin pages. Each one: authorise with `requireAction()` (can(), so
 * only admins), parse the form with zod, call one lib/auth function (which writes the audit row
 * in its transaction), refresh the page, and answer what the form shows.
 */
import { refresh } from 'next/cache';
import { z, ZodError } from 'zod';
import type { AdminActionState } from '@/components/admin/action-state';
import { AppError } from '@/lib/api/errors';
import { requireAction } from '@/lib/auth/current-subject';
import { createGroup, deleteGroup } from '@/lib/auth/groups/groups';
import { isProduction } from '@/lib/auth/passwords';
import { RoleSchema } from '@/lib/auth/roles';
import { createApiToken } from '@/lib/auth/tokens/create-api-token';
import { revokeApiToken } from '@/lib/auth/tokens/revoke-api-token';
import { createUser } from '@/lib/auth/users/create-user';
import { resetUserPassword } from '@/lib/auth/users/reset-password';
import { setUserAccess } from '@/lib/auth/users/set-user-access';
import { setUserActive } from '@/lib/auth/users/set-user-active';
import { unlockUser } from '@/lib/auth/users/unlock-user';
import { getDb } from '@/lib/db/client';

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
};
const list = (formData: FormData, name: string) => formData.getAll(name).filter((v): v is string => typeof v === 'string');
const Roles = z.array(RoleSchema);

/** The state a form shows for a thrown error: our named errors and bad input say what; anything else is logged. */
function failed(error: unknown): AdminActionState {
  if (error instanceof AppError) return { status: 'error', message: error.message };
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return { status: 'error', message: `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}` };
  }
  console.error('An admin action failed', error);
  return { status: 'error', message: 'Something went wrong on our side; nothing was changed.' };
}

export async function createUserAction(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('user:manage');
    const user = await createUser(
      getDb(),
      actor,
      { email: text(formData, 'email'), name: text(formData, 'name'), password: text(formData, 'password'), roles: Roles.parse(list(formData, 'roles')), groups: list(formData, 'groups') },
      { production: isProduction() },
    );
    refresh();
    return { status: 'done', message: `Created ${user.email}. Hand over the password in person; they can change it under their account.` };
  } catch (error) {
    return failed(error);
  }
}

export async function setUserAccessAction(userId: string, _previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('user:manage');
    const user = await setUserAccess(getDb(), actor, { userId, roles: Roles.parse(list(formData, 'roles')), groups: list(formData, 'groups') });
    refresh();
    return { status: 'done', message: `Saved: ${user.roles.join(', ') || 'no role'}; groups ${user.groups.join(', ') || 'none'}.` };
  } catch (error) {
    return failed(error);
  }
}

export async function setUserActiveAction(userId: string, active: boolean, _previous: AdminActionState, _formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('user:manage');
    const user = await setUserActive(getDb(), actor, { userId, active });
    refresh();
    return { status: 'done', message: user.active ? `${user.email} can sign in again.` : `${user.email} is deactivated and signed out everywhere.` };
  } catch (error) {
    return failed(error);
  }
}

export async function resetPasswordAction(userId: string, _previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('user:manage');
    const user = await resetUserPassword(getDb(), actor, { userId, password: text(formData, 'password'), production: isProduction() });
    refresh();
    return { status: 'done', message: `New password set for ${user.email}; their sessions have ended.` };
  } catch (error) {
    return failed(error);
  }
}

export async function unlockUserAction(userId: string, _previous: AdminActionState, _formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('user:manage');
    const user = await unlockUser(getDb(), actor, userId);
    refresh();
    return { status: 'done', message: `${user.email} may try to sign in again.` };
  } catch (error) {
    return failed(error);
  }
}

export async function createGroupAction(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('group:manage');
    const group = await createGroup(getDb(), actor, { name: text(formData, 'name'), description: text(formData, 'description') || undefined });
    refresh();
    return { status: 'done', message: `Created the group ${group.name}.` };
  } catch (error) {
    return failed(error);
  }
}

export async function deleteGroupAction(groupId: string, _previous: AdminActionState, _formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('group:manage');
    await deleteGroup(getDb(), actor, groupId);
    refresh();
    return { status: 'done', message: 'Group deleted.' };
  } catch (error) {
    return failed(error);
  }
}

const ExpiresInDays = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : Number(value)))
  .pipe(z.number().int().min(1).max(3650).optional());

export async function createApiTokenAction(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('api-token:manage');
    const { secret, token } = await createApiToken(getDb(), actor, {
      name: text(formData, 'name'),
      roles: Roles.parse(list(formData, 'roles')),
      groups: list(formData, 'groups'),
      expiresInDays: ExpiresInDays.parse(text(formData, 'expiresInDays')),
    });
    refresh();
    return { status: 'token-created', name: token.name, secret };
  } catch (error) {
    return failed(error);
  }
}

export async function revokeApiTokenAction(tokenId: string, _previous: AdminActionState, _formData: FormData): Promise<AdminActionState> {
  try {
    const { actor } = await requireAction('api-token:manage');
    const token = await revokeApiToken(getDb(), actor, tokenId);
    refresh();
    return { status: 'done', message: `Revoked ${token.name}.` };
  } catch (error) {
    return failed(error);
  }
}
