import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { describeEachDatabase } from '@/lib/db/test-database';
import { updateDraft } from '@/lib/models/update-draft';
import { CORPUS_DIR, TEST_ACTOR, validModel } from '@/lib/models/test-support';
import { DEMO_PASSWORDS, verifyPassword } from '@/lib/auth/passwords';
import { DEMO_USERS, type SeedCredentials } from './demo-users';
import { runSeed } from './run-seed';

/** Every row the seed may touch, to compare two runs. */
async function snapshot(db: Db) {
  return {
    users: await db.user.findMany({ orderBy: { email: 'asc' } }),
    roles: await db.userRole.findMany({ orderBy: [{ userId: 'asc' }, { role: 'asc' }] }),
    groups: await db.group.findMany({ orderBy: { name: 'asc' } }),
    memberships: await db.groupMembership.findMany({ orderBy: [{ userId: 'asc' }, { groupId: 'asc' }] }),
    models: await db.processModel.findMany({ orderBy: { key: 'asc' } }),
    versions: await db.processVersion.findMany({ orderBy: [{ modelId: 'asc' }, { number: 'asc' }] }),
    audits: await db.auditLog.findMany({ orderBy: { id: 'asc' } }),
  };
}

const DEVELOPMENT: SeedCredentials = { demoPasswords: true, production: false };

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeEachDatabase('prisma/seed', (database) => {
  it('creates the demo users with their roles and groups, and publishes the example processes as version 1 by the system', async () => {
    const { db } = database;
    const line = await runSeed(db, { credentials: DEVELOPMENT });

    expect(line).toMatch(/^seed: created 6 demo users, 4 groups, 4 roles, 3 group memberships, 6 demo passwords, agent-ad-hoc-checks v1, agent-approval v1, order-fulfilment v1, provider llm-stub, tool lookup_policy, tool customer_history$/);
    const users = await db.user.findMany({ include: { roles: true, memberships: { include: { group: true } } } });
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email);
      expect(user?.roles.map((r) => r.role).sort(), demo.email).toEqual([...demo.roles].sort());
      expect(user?.memberships.map((m) => m.group.name).sort(), demo.email).toEqual([...demo.groups].sort());
    }
    expect((await db.group.findMany()).map((g) => g.name).sort()).toEqual(['analyst', 'compliance', 'finance', 'operations']);

    const models = await db.processModel.findMany({ include: { versions: true }, orderBy: { key: 'asc' } });
    expect(models.map((m) => [m.key, m.latestVersion, m.versions.length])).toEqual([
      ['agent-ad-hoc-checks', 1, 1],
      ['agent-approval', 1, 1],
      ['order-fulfilment', 1, 1],
    ]);
    const publishes = await db.auditLog.findMany({ where: { action: 'model.publish' } });
    expect(publishes.map((a) => a.actorType)).toEqual(['system', 'system', 'system']);

    // Outside production every demo user has the README's password, stored only as a scrypt hash.
    for (const demo of DEMO_USERS) {
      const account = await db.account.findFirstOrThrow({ where: { user: { email: demo.email }, providerId: 'credential' } });
      expect(account.password).not.toContain(DEMO_PASSWORDS[demo.email]);
      expect(await verifyPassword(account.password!, DEMO_PASSWORDS[demo.email])).toBe(true);
    }
  });

  it('given a second run, then it changes nothing and says so', async () => {
    const before = await snapshot(database.db);
    expect(await runSeed(database.db, { credentials: DEVELOPMENT })).toBe('seed: nothing to do (demo users and 3 example processes present)');
    expect(await snapshot(database.db)).toEqual(before);
  });

  it('never publishes a seeded model that someone has edited', async () => {
    const { db } = database;
    const model = await db.processModel.findUniqueOrThrow({ where: { key: 'order-fulfilment' } });
    await updateDraft({ db, actor: TEST_ACTOR, idOrKey: model.id, lock: model.lock, source: { model: validModel('Edited') } });
    const before = await snapshot(db);
    await runSeed(db, { credentials: DEVELOPMENT });
    expect(await snapshot(db)).toEqual(before);
  });

  it('given an earlier seed stopped between import and publish, then it publishes the untouched draft', async () => {
    const { db } = database;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'baton-seed-'));
    tempDirs.push(dir);
    copyFileSync(path.join(CORPUS_DIR, 'camunda7/simpleSubProcess.bpmn20.xml'), path.join(dir, 'simple.bpmn'));
    await runSeed(db, { processesDir: dir, credentials: DEVELOPMENT });
    const key = 'simple-sub-process';
    const seeded = await db.processModel.findUniqueOrThrow({ where: { key } });
    // Simulate the interrupted run: the model exists, its version does not.
    await db.processVersion.deleteMany({ where: { modelId: seeded.id } });
    await db.processModel.update({ where: { id: seeded.id }, data: { latestVersion: 0 } });

    expect(await runSeed(db, { processesDir: dir, credentials: DEVELOPMENT })).toBe(`seed: created ${key} v1`);
    expect(await db.processVersion.count({ where: { modelId: seeded.id } })).toBe(1);
  });
});


describeEachDatabase('prisma/seed in production', (database) => {
  const PRODUCTION: SeedCredentials = { demoPasswords: false, production: true };
  const ADMIN_PASSWORD = 'first-start-admin-password';

  it('given no BATON_ADMIN_PASSWORD, then no user has a password and the seed says how to set one', async () => {
    const line = await runSeed(database.db, { credentials: PRODUCTION });
    expect(line).not.toMatch(/\d+ demo passwords?/);
    expect(line).toContain('WARNING no admin has a password yet');
    expect(line).toContain('BATON_ADMIN_PASSWORD');
    expect(await database.db.account.count()).toBe(0);
  });

  it('given a demo password as BATON_ADMIN_PASSWORD, then the seed refuses it', async () => {
    await expect(runSeed(database.db, { credentials: { ...PRODUCTION, adminPassword: DEMO_PASSWORDS['admin@baton.local'] } })).rejects.toThrow(/demo password cannot be used in production/);
    expect(await database.db.account.count()).toBe(0);
  });

  it('given BATON_ADMIN_PASSWORD, then the admin gets it (hashed, audited) and nobody else gets any', async () => {
    const line = await runSeed(database.db, { credentials: { ...PRODUCTION, adminPassword: ADMIN_PASSWORD } });
    expect(line).toBe('seed: created the admin password from BATON_ADMIN_PASSWORD');
    const accounts = await database.db.account.findMany({ include: { user: true } });
    expect(accounts.map((a) => a.user.email)).toEqual(['admin@baton.local']);
    expect(accounts[0].password).not.toContain(ADMIN_PASSWORD);
    expect(await verifyPassword(accounts[0].password!, ADMIN_PASSWORD)).toBe(true);
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'user.password-set' } });
    expect(audit.details).not.toContain(ADMIN_PASSWORD);
  });

  it('given a later start with another BATON_ADMIN_PASSWORD, then the password the admin has is kept', async () => {
    await runSeed(database.db, { credentials: { ...PRODUCTION, adminPassword: 'a-different-password-later' } });
    const account = await database.db.account.findFirstOrThrow({ where: { user: { email: 'admin@baton.local' } } });
    expect(await verifyPassword(account.password!, ADMIN_PASSWORD)).toBe(true);
  });
});

describeEachDatabase('prisma/seed: from a development database to production', (database) => {
  it('given demo passwords from a development seed, then BATON_ADMIN_PASSWORD replaces the admin one', async () => {
    await runSeed(database.db, { credentials: DEVELOPMENT });
    await runSeed(database.db, { credentials: { demoPasswords: false, production: true, adminPassword: 'production-admin-password' } });
    const account = await database.db.account.findFirstOrThrow({ where: { user: { email: 'admin@baton.local' } } });
    expect(await verifyPassword(account.password!, 'production-admin-password')).toBe(true);
  });
});
