import { beforeAll, expect, it } from 'vitest';
import { loadUserSubject } from '@/lib/auth/load-subject';
import type { Subject } from '@/lib/auth/subject';
import { actorOf } from '@/lib/auth/subject';
import { describeEachDatabase } from '@/lib/db/test-database';
import { authorizeTaskCompletion } from '@/lib/tasks/authorize-task-completion';
import { getTask } from '@/lib/tasks/get-task';
import { runSeed } from '@/prisma/seed/run-seed';

describeEachDatabase('task rules over UserTask rows', (database) => {
  const who = {} as Record<'finance' | 'compliance' | 'felix' | 'operator', Subject>;
  let approveId = '';
  let otherGroupTaskId = '';

  beforeAll(async () => {
    const { db } = database;
    await runSeed(db, { credentials: { demoPasswords: false, production: false } });
    const finance = await db.group.findUniqueOrThrow({ where: { name: 'finance' } });
    // A second finance member, who neither started the instance nor prepared the request.
    await db.user.create({ data: { email: 'felix@baton.local', name: 'Felix', memberships: { create: { groupId: finance.id } } } });
    for (const name of ['finance', 'compliance', 'felix', 'operator'] as const) {
      const user = await db.user.findUniqueOrThrow({ where: { email: `${name}@baton.local` } });
      who[name] = (await loadUserSubject(db, user.id))!;
    }
    // compliance is in finance too here, so that only four-eyes keeps them out.
    await db.groupMembership.create({ data: { userId: who.compliance.id, groupId: finance.id } });
    who.compliance = (await loadUserSubject(db, who.compliance.id))!;

    const version = await db.processVersion.findFirstOrThrow({ where: { model: { key: 'agent-approval' } } });
    const instance = await db.processInstance.create({ data: { versionId: version.id, processKey: version.processKey, startedById: who.finance.id, snapshot: '{}' } });
    const base = { instanceId: instance.id, processKey: version.processKey, versionId: version.id };
    await db.userTask.create({
      data: { ...base, elementId: 'prepare', elementInstanceId: 'ei-prepare', name: 'Prepare', status: 'completed', completedById: who.compliance.id, completedAt: new Date() },
    });
    const approve = await db.userTask.create({
      data: {
        ...base,
        elementId: 'approve',
        elementInstanceId: 'ei-approve',
        name: 'Approve',
        settings: JSON.stringify({ fourEyes: { notStarter: true, notCompleterOf: ['prepare'] }, visibleVariables: ['amount'] }),
        candidates: { create: [{ kind: 'group', value: 'finance' }] },
      },
    });
    approveId = approve.id;
    const other = await db.userTask.create({
      data: { ...base, elementId: 'review', elementInstanceId: 'ei-review', name: 'Compliance review', candidates: { create: [{ kind: 'group', value: 'compliance' }] } },
    });
    otherGroupTaskId = other.id;
  });

  it('given a member of group A guessing the id of a task of group B, then not found — on read and on complete — and nothing recorded', async () => {
    const before = await database.db.auditLog.count();
    await expect(getTask(database.db, who.felix, otherGroupTaskId)).rejects.toMatchObject({ code: 'task.not-found', status: 404 });
    await expect(authorizeTaskCompletion(database.db, { subject: who.felix, actor: actorOf(who.felix), taskId: otherGroupTaskId })).rejects.toMatchObject({ code: 'task.not-found' });
    await expect(getTask(database.db, who.operator, approveId)).rejects.toMatchObject({ code: 'task.not-found' });
    expect(await database.db.auditLog.count()).toBe(before);
  });

  it('given the starter of the instance, then they see the task but may not complete it (four-eyes), and the refusal is recorded', async () => {
    const task = await getTask(database.db, who.finance, approveId);
    expect(task).toMatchObject({ name: 'Approve', candidateGroups: ['finance'], mayClaim: true, mayComplete: false, completeRefusedBecause: 'four-eyes' });
    await expect(authorizeTaskCompletion(database.db, { subject: who.finance, actor: actorOf(who.finance, { ip: '10.0.0.1' }), taskId: approveId })).rejects.toMatchObject({
      code: 'auth.forbidden',
      details: { reason: 'four-eyes' },
    });
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'task.complete-refused', actorId: who.finance.id } });
    expect(audit).toMatchObject({ resourceType: 'task', resourceId: approveId, ip: '10.0.0.1' });
    expect(JSON.parse(audit.details)).toMatchObject({ reason: 'four-eyes', elementId: 'approve', excludedUsers: [who.compliance.id, who.finance.id].sort() });
  });

  it('given whoever completed the earlier step, then refused too', async () => {
    await expect(authorizeTaskCompletion(database.db, { subject: who.compliance, actor: actorOf(who.compliance), taskId: approveId })).rejects.toMatchObject({ details: { reason: 'four-eyes' } });
  });

  it('given a third member of the group, then allowed', async () => {
    const facts = await authorizeTaskCompletion(database.db, { subject: who.felix, actor: actorOf(who.felix), taskId: approveId });
    expect(facts).toMatchObject({ status: 'created', candidateGroups: ['finance'] });
    expect((await getTask(database.db, who.felix, approveId)).mayComplete).toBe(true);
  });

  it('given the task assigned to felix, then the other members no longer see it', async () => {
    await database.db.userTask.update({ where: { id: approveId }, data: { assignee: who.felix.id } });
    await expect(getTask(database.db, who.finance, approveId)).rejects.toMatchObject({ code: 'task.not-found' });
    expect((await getTask(database.db, who.felix, approveId)).assignee).toBe(who.felix.id);
  });
});
