import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { loadDashboard } from './queries';

describeEachDatabase('dashboard queries: open tasks by group', (database) => {
  const now = new Date(Date.UTC(2026, 4, 10, 12));
  beforeAll(async () => {
    const { db } = database;
    const task = (id: string, dueInHours: number | null, groups: string[], status = 'created') =>
      db.userTask.create({
        data: {
          id,
          instanceId: `i-${id}`,
          elementId: 'review',
          elementInstanceId: `e-${id}`,
          name: 'Review',
          processKey: 'claims',
          versionId: 'v1',
          status,
          dueAt: dueInHours === null ? null : new Date(now.getTime() + dueInHours * 3_600_000),
          candidates: { create: groups.map((value) => ({ kind: 'group', value })) },
        },
      });
    await task('a', -2, ['finance']);
    await task('b', 5, ['finance', 'compliance']);
    await task('c', null, ['compliance']);
    await task('d', -1, ['compliance']);
    await task('e', -9, ['finance'], 'completed');
  });

  it('given open, overdue and completed tasks, when the dashboard loads, then each group counts its open tasks and those past due', async () => {
    const dashboard = await loadDashboard(database.db, { from: '2026-05-01', to: '2026-05-10' }, now);
    expect(dashboard.tasksByGroup).toEqual([
      { group: 'compliance', open: 3, overdue: 1 },
      { group: 'finance', open: 2, overdue: 1 },
    ]);
    expect(dashboard.totals).toMatchObject({ openTasks: 4, overdueTasks: 2 });
  });
});
