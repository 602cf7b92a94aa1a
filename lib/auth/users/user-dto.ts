/** A user as the admin pages see them: never a password or its hash. */
import type { Db } from '@/lib/db/client';
import { knownRoles, type Role } from '@/lib/auth/roles';
import { isLocked } from '@/lib/auth/lockout';
import { NotFoundError } from '@/lib/api/errors';
import type { Tx } from '@/lib/models/db';

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  active: boolean;
  roles: Role[];
  groups: string[];
  /** Whether the user has a password (else only single sign-on, or nothing yet). */
  hasPassword: boolean;
  failedSignIns: number;
  /** Set while the account is locked after failed sign-ins. */
  lockedUntil: Date | null;
  createdAt: Date;
  lastSignInAt: Date | null;
};

export const USER_SUMMARY_SELECT = {
  id: true,
  email: true,
  name: true,
  active: true,
  failedSignIns: true,
  lockedUntil: true,
  createdAt: true,
  roles: { select: { role: true } },
  memberships: { select: { group: { select: { name: true } } } },
  accounts: { select: { providerId: true, password: true } },
  sessions: { select: { createdAt: true }, orderBy: { createdAt: 'desc' as const }, take: 1 },
} as const;

type Row = {
  id: string;
  email: string;
  name: string;
  active: boolean;
  failedSignIns: number;
  lockedUntil: Date | null;
  createdAt: Date;
  roles: { role: string }[];
  memberships: { group: { name: string } }[];
  accounts: { providerId: string; password: string | null }[];
  sessions: { createdAt: Date }[];
};

export function toUserSummary(row: Row, now: Date = new Date()): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    active: row.active,
    roles: knownRoles(row.roles.map((r) => r.role)),
    groups: row.memberships.map((m) => m.group.name).sort(),
    hasPassword: row.accounts.some((a) => a.providerId === 'credential' && a.password !== null),
    failedSignIns: row.failedSignIns,
    lockedUntil: isLocked(row, now) ? row.lockedUntil : null,
    createdAt: row.createdAt,
    lastSignInAt: row.sessions[0]?.createdAt ?? null,
  };
}

export async function findUserOrThrow(db: Db | Tx, userId: string): Promise<Row> {
  const row = await db.user.findUnique({ where: { id: userId }, select: USER_SUMMARY_SELECT });
  if (!row) throw new NotFoundError('user.not-found', `No user with id "${userId}".`, { userId });
  return row;
}

/** Active admins other than `userId`. */
export async function otherActiveAdmins(db: Db | Tx, userId: string): Promise<number> {
  return db.user.count({ where: { id: { not: userId }, active: true, roles: { some: { role: 'admin' } } } });
}
