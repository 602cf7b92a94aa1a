/**
 * The first administrator's password, and whether anyone can administer Baton at all.
 *
 * Contract
 * - In production no default password works (lib/auth/passwords.ts), so the first start needs
 *   the admin password from `BATON_ADMIN_PASSWORD` (the seed applies it through
 *   `applyAdminPassword`; the admin's e-mail is `BATON_ADMIN_EMAIL`, default admin@baton.local).
 * - `applyAdminPassword` sets the password only when that admin has none yet, or still has the
 *   demo password: it is a first-start setting, and a password the admin later chose is never
 *   overwritten by a variable left in the environment. It is audited (user.password-set).
 * - `adminSignInProblem` says why nobody could sign in as an admin (for the sign-in page and
 *   the seed's output), or null when some active admin has a password that works here.
 */
import { writeAudit } from '@/lib/audit/write-audit';
import { DEMO_PASSWORDS, hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/passwords';
import type { Db } from '@/lib/db/client';
import { SYSTEM_ACTOR } from '@/lib/models/actor';

export const DEFAULT_ADMIN_EMAIL = 'admin@baton.local';

/** True when `hash` is the hash of the demo password of `email` (always false for other e-mails). */
async function isDemoHash(email: string, hash: string): Promise<boolean> {
  const demo = DEMO_PASSWORDS[email];
  return demo !== undefined && (await verifyPassword(hash, demo));
}

export type AdminPasswordOutcome = 'set' | 'kept';

export async function applyAdminPassword(db: Db, input: { email: string; password: string; production: boolean }): Promise<AdminPasswordOutcome> {
  const problem = passwordProblem(input.password, { production: input.production });
  if (problem) throw new Error(`BATON_ADMIN_PASSWORD cannot be used: ${problem}.`);
  const email = input.email.trim().toLowerCase();

  const user =
    (await db.user.findUnique({ where: { email }, select: { id: true } })) ??
    (await db.user.create({ data: { email, name: 'Administrator', emailVerified: true, roles: { create: { role: 'admin' } } }, select: { id: true } }));
  if (!(await db.userRole.findUnique({ where: { userId_role: { userId: user.id, role: 'admin' } } }))) {
    throw new Error(`BATON_ADMIN_EMAIL ${email} belongs to a user who is not an admin; name an admin, or leave it unset.`);
  }
  const account = await db.account.findFirst({ where: { userId: user.id, providerId: 'credential' }, select: { id: true, password: true } });
  if (account?.password && !(await isDemoHash(email, account.password))) return 'kept';

  const hash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    if (account) await tx.account.update({ where: { id: account.id }, data: { password: hash } });
    else await tx.account.create({ data: { userId: user.id, providerId: 'credential', accountId: user.id, password: hash } });
    await tx.user.update({ where: { id: user.id }, data: { active: true, failedSignIns: 0, lockedUntil: null } });
    await writeAudit(tx, { actor: SYSTEM_ACTOR, action: 'user.password-set', resource: { type: 'user', id: user.id }, details: { email, source: 'BATON_ADMIN_PASSWORD' } });
  });
  return 'set';
}

export async function adminSignInProblem(db: Db, options: { production: boolean }): Promise<string | null> {
  const admins = await db.user.findMany({
    where: { active: true, roles: { some: { role: 'admin' } } },
    select: { email: true, accounts: { select: { providerId: true, password: true } } },
  });
  if (admins.length === 0) return 'there is no active admin';
  for (const admin of admins) {
    for (const { providerId, password } of admin.accounts) {
      if (providerId !== 'credential') return null; // signs in through single sign-on
      if (!password) continue;
      if (!options.production || !(await isDemoHash(admin.email, password))) return null;
    }
  }
  return options.production ? 'no admin has a password yet (demo passwords do not work in production): set BATON_ADMIN_PASSWORD and restart' : 'no admin has a password yet';
}
