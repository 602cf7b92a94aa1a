/**
 * The demo users and groups of a fresh Baton (README "Demo users"), as data, and their
 * credentials.
 *
 * Credentials (see lib/auth/passwords.ts and lib/auth/admin-setup.ts)
 * - Outside production each demo user gets the demo password the README prints, for local use.
 * - In production (`NODE_ENV=production`) nobody gets a demo password (and sign-in refuses them
 *   anyway); the admin's first password comes from `BATON_ADMIN_PASSWORD`.
 */
import { applyAdminPassword, DEFAULT_ADMIN_EMAIL, type AdminPasswordOutcome } from '@/lib/auth/admin-setup';
import { DEMO_PASSWORDS, hashPassword, isProduction } from '@/lib/auth/passwords';
import type { Db } from '@/lib/db/client';

export const DEMO_GROUPS = [
  { name: 'finance', description: 'Approves spending and payments.' },
  { name: 'compliance', description: 'Reviews requests against policy; four-eyes approvals.' },
  { name: 'operations', description: 'Runs the processes day to day: incidents, retries.' },
  { name: 'analyst', description: 'What agent tasks act as when they call tools.' },
] as const;

type GroupName = (typeof DEMO_GROUPS)[number]['name'];
type Role = 'admin' | 'modeler' | 'operator' | 'auditor';

export const DEMO_USERS: { email: string; name: string; roles: Role[]; groups: GroupName[] }[] = [
  { email: 'admin@baton.local', name: 'Ada Admin', roles: ['admin'], groups: [] },
  { email: 'modeler@baton.local', name: 'Milo Modeler', roles: ['modeler'], groups: [] },
  { email: 'operator@baton.local', name: 'Olga Operator', roles: ['operator'], groups: ['operations'] },
  { email: 'auditor@baton.local', name: 'Aurelio Auditor', roles: ['auditor'], groups: [] },
  { email: 'finance@baton.local', name: 'Fiona Finance', roles: [], groups: ['finance'] },
  { email: 'compliance@baton.local', name: 'Cem Compliance', roles: [], groups: ['compliance'] },
];

/** How the seed treats credentials: from the environment in prisma/seed.ts, explicit in tests. */
export type SeedCredentials = {
  /** Give demo users their README passwords (never in production). */
  demoPasswords: boolean;
  /** BATON_ADMIN_PASSWORD: the first admin password. */
  adminPassword?: string;
  /** BATON_ADMIN_EMAIL: whose password that is. */
  adminEmail?: string;
  production: boolean;
};

export function seedCredentialsFromEnv(env: Record<string, string | undefined>): SeedCredentials {
  const production = isProduction(env);
  return {
    demoPasswords: !production,
    production,
    ...(env.BATON_ADMIN_PASSWORD ? { adminPassword: env.BATON_ADMIN_PASSWORD } : {}),
    ...(env.BATON_ADMIN_EMAIL ? { adminEmail: env.BATON_ADMIN_EMAIL } : {}),
  };
}

export type Created = { users: number; groups: number; roles: number; memberships: number; passwords: number; adminPassword?: AdminPasswordOutcome };

/**
 * Creates whatever of the demo users, groups, roles, memberships and (outside production) demo
 * passwords is missing; never changes or removes what exists (an admin may have renamed a user,
 * left a group or set a real password). Then applies BATON_ADMIN_PASSWORD, if given.
 */
export async function ensureDemoUsers(db: Db, credentials: SeedCredentials): Promise<Created> {
  if (credentials.demoPasswords && credentials.production) throw new Error('demo passwords are never seeded in production');
  const created: Created = { users: 0, groups: 0, roles: 0, memberships: 0, passwords: 0 };

  const groupIds = new Map<string, string>();
  for (const group of DEMO_GROUPS) {
    const existing = await db.group.findUnique({ where: { name: group.name }, select: { id: true } });
    const row = existing ?? (await db.group.create({ data: group, select: { id: true } }));
    if (!existing) created.groups += 1;
    groupIds.set(group.name, row.id);
  }

  for (const user of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
    const { id: userId } = existing ?? (await db.user.create({ data: { email: user.email, name: user.name, emailVerified: true }, select: { id: true } }));
    if (!existing) created.users += 1;

    for (const role of user.roles) {
      if (await db.userRole.findUnique({ where: { userId_role: { userId, role } } })) continue;
      await db.userRole.create({ data: { userId, role } });
      created.roles += 1;
    }
    for (const group of user.groups) {
      const groupId = groupIds.get(group)!;
      if (await db.groupMembership.findUnique({ where: { userId_groupId: { userId, groupId } } })) continue;
      await db.groupMembership.create({ data: { userId, groupId } });
      created.memberships += 1;
    }
    const demoPassword = DEMO_PASSWORDS[user.email];
    if (credentials.demoPasswords && demoPassword && !(await db.account.findFirst({ where: { userId, providerId: 'credential' }, select: { id: true } }))) {
      await db.account.create({ data: { userId, providerId: 'credential', accountId: userId, password: await hashPassword(demoPassword) } });
      created.passwords += 1;
    }
  }

  if (credentials.adminPassword) {
    created.adminPassword = await applyAdminPassword(db, {
      email: credentials.adminEmail ?? DEFAULT_ADMIN_EMAIL,
      password: credentials.adminPassword,
      production: credentials.production,
    });
  }
  return created;
}
