import { beforeAll, expect, it } from 'vitest';
import { createGroup, deleteGroup, listGroups } from '@/lib/auth/groups/groups';
import { loadUserSubject } from '@/lib/auth/load-subject';
import { DEMO_PASSWORDS, verifyPassword } from '@/lib/auth/passwords';
import { signIn, testAuth } from '@/lib/auth/test-support';
import { createUser } from '@/lib/auth/users/create-user';
import { listUsers } from '@/lib/auth/users/list-users';
import { resetUserPassword } from '@/lib/auth/users/reset-password';
import { setUserAccess } from '@/lib/auth/users/set-user-access';
import { setUserActive } from '@/lib/auth/users/set-user-active';
import { unlockUser } from '@/lib/auth/users/unlock-user';
import { describeEachDatabase } from '@/lib/db/test-database';
import type { Actor } from '@/lib/models/actor';
import { runSeed } from '@/prisma/seed/run-seed';

const PASSWORD = 'a-first-password-for-nora';
const DEV = { production: false };

describeEachDatabase('admin: users and groups', (database) => {
  let admin: Actor;
  let noraId = '';

  beforeAll(async () => {
    await runSeed(database.db, { credentials: { demoPasswords: true, production: false } });
    const row = await database.db.user.findUniqueOrThrow({ where: { email: 'admin@baton.local' } });
    admin = { type: 'user', id: row.id, label: row.email, ip: '127.0.0.1' };
  });

  it('given an admin creates a user with roles and groups, then they can sign in with that password, stored hashed', async () => {
    const nora = await createUser(database.db, admin, { email: 'Nora@Example.com', name: 'Nora', password: PASSWORD, roles: ['operator'], groups: ['finance'] }, DEV);
    noraId = nora.id;
    expect(nora).toMatchObject({ email: 'nora@example.com', roles: ['operator'], groups: ['finance'], active: true, hasPassword: true });
    expect((await signIn(testAuth(database.db), 'nora@example.com', PASSWORD)).status).toBe(200);
    const stored = JSON.stringify([await database.db.account.findMany(), await database.db.auditLog.findMany()]);
    expect(stored).not.toContain(PASSWORD);
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'user.create', resourceId: noraId } });
    expect(JSON.parse(audit.details)).toEqual({ email: 'nora@example.com', name: 'Nora', roles: ['operator'], groups: ['finance'] });
  });

  it.each([
    ['the same e-mail again', { email: 'nora@example.com', password: PASSWORD }, 'user.email-taken'],
    ['a short password', { email: 'x@example.com', password: 'short' }, 'user.password-rejected'],
    ['a group that does not exist', { email: 'y@example.com', password: PASSWORD, groups: ['nope'] }, 'group.not-found'],
  ])('given %s, then refused and nothing created', async (_name, input, code) => {
    const before = await database.db.user.count();
    await expect(createUser(database.db, admin, { name: 'X', ...input }, DEV)).rejects.toMatchObject({ code });
    expect(await database.db.user.count()).toBe(before);
  });

  it('given a demo password in production, then refused', async () => {
    await expect(createUser(database.db, admin, { email: 'z@example.com', name: 'Z', password: DEMO_PASSWORDS['admin@baton.local'] }, { production: true })).rejects.toMatchObject({
      code: 'user.password-rejected',
    });
  });

  it('given new roles and groups, then the next request sees them and the change is audited with before and after', async () => {
    await setUserAccess(database.db, admin, { userId: noraId, roles: ['auditor', 'modeler'], groups: ['compliance'] });
    expect(await loadUserSubject(database.db, noraId)).toMatchObject({ roles: ['modeler', 'auditor'], groups: ['compliance'] });
    const roles = await database.db.auditLog.findFirstOrThrow({ where: { action: 'user.roles-change', resourceId: noraId } });
    expect(JSON.parse(roles.details)).toMatchObject({ before: ['operator'], after: ['modeler', 'auditor'] });
    const groups = await database.db.auditLog.findFirstOrThrow({ where: { action: 'user.groups-change', resourceId: noraId } });
    expect(JSON.parse(groups.details)).toMatchObject({ before: ['finance'], after: ['compliance'] });
  });

  it('given the last admin, then their admin role cannot be taken away, nor can they deactivate themself', async () => {
    await expect(setUserAccess(database.db, admin, { userId: admin.id!, roles: [], groups: [] })).rejects.toMatchObject({ code: 'user.last-admin' });
    await expect(setUserActive(database.db, admin, { userId: admin.id!, active: false })).rejects.toMatchObject({ code: 'user.last-admin' });
  });

  it('given deactivation, then the sessions end, sign-in is refused, and reactivation lets them back', async () => {
    const answer = await signIn(testAuth(database.db), 'nora@example.com', PASSWORD);
    expect(await testAuth(database.db).api.getSession({ headers: new Headers({ cookie: answer.cookie! }) })).not.toBeNull();
    await setUserActive(database.db, admin, { userId: noraId, active: false });
    expect(await database.db.session.count({ where: { userId: noraId } })).toBe(0);
    expect(await testAuth(database.db).api.getSession({ headers: new Headers({ cookie: answer.cookie! }) })).toBeNull();
    expect((await signIn(testAuth(database.db), 'nora@example.com', PASSWORD)).status).toBe(401);
    await setUserActive(database.db, admin, { userId: noraId, active: true });
    expect((await signIn(testAuth(database.db), 'nora@example.com', PASSWORD)).status).toBe(200);
    expect((await database.db.auditLog.findMany({ where: { resourceId: noraId, action: { in: ['user.deactivate', 'user.reactivate'] } } })).map((a) => a.action).sort()).toEqual([
      'user.deactivate',
      'user.reactivate',
    ]);
  });

  it('given a password reset, then the old password and sessions stop working, a lock is lifted, and the new one works', async () => {
    await database.db.user.update({ where: { id: noraId }, data: { failedSignIns: 5, lockedUntil: new Date(Date.now() + 600_000) } });
    await resetUserPassword(database.db, admin, { userId: noraId, password: 'a-brand-new-password', production: false });
    expect((await signIn(testAuth(database.db), 'nora@example.com', PASSWORD)).status).toBe(401);
    expect((await signIn(testAuth(database.db), 'nora@example.com', 'a-brand-new-password')).status).toBe(200);
    const account = await database.db.account.findFirstOrThrow({ where: { userId: noraId } });
    expect(await verifyPassword(account.password!, 'a-brand-new-password')).toBe(true);
  });

  it('given a locked user, then an admin can unlock them', async () => {
    await database.db.user.update({ where: { id: noraId }, data: { failedSignIns: 5, lockedUntil: new Date(Date.now() + 600_000) } });
    expect((await listUsers(database.db)).find((u) => u.id === noraId)?.lockedUntil).not.toBeNull();
    expect((await unlockUser(database.db, admin, noraId)).lockedUntil).toBeNull();
    expect(await database.db.auditLog.count({ where: { action: 'user.unlock', resourceId: noraId } })).toBe(1);
  });

  it('given groups created and deleted, then both are audited and memberships go with the group', async () => {
    const group = await createGroup(database.db, admin, { name: 'treasury', description: 'Cash' });
    await expect(createGroup(database.db, admin, { name: 'treasury' })).rejects.toMatchObject({ code: 'group.name-taken' });
    await expect(createGroup(database.db, admin, { name: 'Not Valid!' })).rejects.toThrow();
    await setUserAccess(database.db, admin, { userId: noraId, roles: [], groups: ['treasury'] });
    expect((await listGroups(database.db)).find((g) => g.name === 'treasury')?.members.map((m) => m.email)).toEqual(['nora@example.com']);
    await deleteGroup(database.db, admin, group.id);
    expect(await loadUserSubject(database.db, noraId)).toMatchObject({ groups: [] });
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'group.delete' } });
    expect(JSON.parse(audit.details)).toEqual({ name: 'treasury', members: ['nora@example.com'] });
  });
});
