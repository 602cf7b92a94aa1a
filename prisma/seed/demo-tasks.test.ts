import { expect, it } from 'vitest';
import { loadUserSubject } from '@/lib/auth/load-subject';
import { describeEachDatabase } from '@/lib/db/test-database';
import { getTaskView, listTasks } from '@/lib/tasks';
import { ensureDemoTasks } from './demo-tasks';
import { runSeed } from './run-seed';

describeEachDatabase('demo tasks of the seed', (database) => {
  it('given a development seed, then finance and compliance have open tasks (one overdue, one with the agent’s recommendation), and a second run adds nothing', async () => {
    const { db } = database;
    await runSeed(db, { credentials: { demoPasswords: true, production: false } });
    expect(await ensureDemoTasks(db, { production: true })).toEqual([]);
    expect(await ensureDemoTasks(db, { production: false })).toEqual(['5 demo tasks']);
    expect(await ensureDemoTasks(db, { production: false })).toEqual([]);

    const subject = async (email: string) => (await loadUserSubject(db, (await db.user.findUniqueOrThrow({ where: { email } })).id))!;
    const finance = await subject('finance@baton.local');
    const compliance = await subject('compliance@baton.local');
    const financeTasks = await listTasks({ db, subject: finance }, { view: 'groups' });
    expect(financeTasks.items.map((i) => i.name)).toEqual(['Approve expense', 'Approve expense', 'Approve expense']);
    expect(financeTasks.items.filter((i) => i.overdue)).toHaveLength(1);

    const complianceTasks = await listTasks({ db, subject: compliance }, { view: 'groups' });
    expect(complianceTasks.items.map((i) => i.name).sort()).toEqual(['Approve request', 'Compliance check']);
    const review = complianceTasks.items.find((i) => i.name === 'Approve request')!;
    const view = await getTaskView({ db, subject: compliance }, review.id);
    expect(view.agent).toMatchObject({
      elementId: 'assess_request',
      recommendation: { assessment: { risk: 'medium', recommendation: 'approve' } },
      reasoning: expect.stringMatching(/^Approve: the licence/),
      toolCalls: [expect.objectContaining({ tool: 'lookup_policy', success: true }), expect.objectContaining({ tool: 'customer_history' })],
    });
    expect(Object.keys(view.variables).sort()).toEqual(['amount', 'assessment', 'purpose', 'requester']);
    // The compliance check is not for whoever approved the expense in finance (four-eyes).
    const check = complianceTasks.items.find((i) => i.name === 'Compliance check')!;
    expect((await getTaskView({ db, subject: compliance }, check.id)).task.mayComplete).toBe(true);
  });
});
