/**
 * Inbox query benchmark (`npm run bench:inbox`): 10,000 open user tasks (and 5,000 completed)
 * spread over 20 groups, then the first page of "my groups" as the inbox asks for it —
 * `listTasks(view: 'groups')`: the page (25 rows, newest first) AND the three counts of the tabs —
 * timed 200 times after a warm-up, on SQLite and on PostgreSQL. Prints p50/p95 per database for
 * a person in 2 of the 20 groups (about 900 matching tasks) and one in all 20 (about 9,000).
 * Target: p95 under 100 ms.
 *
 * Indexes it relies on (prisma/schema.prisma):
 * - UserTask @@index([status, assignee, createdAt]): the group view is `status = 'created' AND
 *   assignee IS NULL ORDER BY createdAt DESC` — read in index order, stopping after the page;
 *   also the `mine` count (`assignee IN (...)`).
 * - UserTaskCandidate @@id([taskId, kind, value]): the per-row "offered to one of my groups?"
 *   probe of that scan; @@index([kind, value, taskId]): the counts, which start from the
 *   caller's candidate rows and join the tasks by id.
 */
import { performance } from 'node:perf_hooks';
import type { Subject } from '../lib/auth/subject';
import { createDb, type Db } from '../lib/db/client';
import { deployMigrations } from '../lib/db/migrate';
import { createEmptyTestDatabase, type TestDatabaseKind } from '../lib/db/test-database';
import { listTasks } from '../lib/tasks/list-tasks';

const OPEN = 10_000;
const COMPLETED = 5_000;
const GROUPS = Array.from({ length: 20 }, (_, i) => `group-${i}`);
const RUNS = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function seed(db: Db): Promise<void> {
  const start = Date.UTC(2026, 0, 1);
  const tasks = [];
  const candidates = [];
  for (let i = 0; i < OPEN + COMPLETED; i++) {
    const id = `task-${String(i).padStart(6, '0')}`;
    const open = i < OPEN;
    // One task in ten is assigned to someone; the rest wait in their group.
    const assignee = i % 10 === 0 ? `user-${i % 50}` : null;
    tasks.push({
      id,
      instanceId: `instance-${i}`,
      elementId: 'review',
      elementInstanceId: `ei-${i}`,
      name: i % 3 === 0 ? 'Approve invoice' : i % 3 === 1 ? 'Check contract' : 'Review request',
      processKey: i % 2 === 0 ? 'invoice-approval' : 'contract-review',
      versionId: 'version-1',
      status: open ? 'created' : 'completed',
      assignee,
      priority: (i * 37) % 101,
      dueAt: new Date(start + (i % 500) * 3_600_000),
      createdAt: new Date(start + i * 60_000),
      ...(open ? {} : { completedAt: new Date(start + i * 60_000 + 1_000), completedById: `user-${i % 50}` }),
    });
    candidates.push({ taskId: id, kind: 'group', value: GROUPS[i % GROUPS.length] });
    if (i % 7 === 0) candidates.push({ taskId: id, kind: 'user', value: `user-${i % 50}` });
  }
  for (let i = 0; i < tasks.length; i += 500) await db.userTask.createMany({ data: tasks.slice(i, i + 500) });
  for (let i = 0; i < candidates.length; i += 500) await db.userTaskCandidate.createMany({ data: candidates.slice(i, i + 500) });
}

async function measure(db: Db, subject: Subject): Promise<{ p50: number; p95: number; items: number; groups: number }> {
  const caller = { db, subject };
  let last = await listTasks(caller, { view: 'groups' });
  for (let i = 0; i < 20; i++) await listTasks(caller, { view: 'groups' });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await listTasks(caller, { view: 'groups' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), items: last.items.length, groups: last.counts.groups };
}

async function run(kind: TestDatabaseKind): Promise<void> {
  const database = await createEmptyTestDatabase(kind);
  try {
    await deployMigrations({ url: database.url });
    const db = createDb(database.url);
    try {
      const t0 = performance.now();
      await seed(db);
      // Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` keep them on a live database.
      await db.$executeRawUnsafe('ANALYZE');
      const seeded = performance.now() - t0;
      const person = (groups: string[]): Subject => ({ type: 'user', id: 'user-7', label: 'bench@baton.local', email: 'bench@baton.local', roles: [], groups });
      const two = await measure(db, person(GROUPS.slice(0, 2)));
      const all = await measure(db, person(GROUPS));
      const line = (label: string, r: typeof two) =>
        `  ${label.padEnd(26)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   (page ${r.items} rows, ${r.groups} in "my groups")${r.p95 < 100 ? '' : '   ABOVE TARGET'}`;
      console.log(`${kind}: ${OPEN} open + ${COMPLETED} completed tasks over ${GROUPS.length} groups (seeded in ${(seeded / 1000).toFixed(1)} s); first page of "my groups" with the tab counts, ${RUNS} runs`);
      console.log(line('member of 2 groups', two));
      console.log(line('member of all 20 groups', all));
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.remove();
  }
}

const kinds: TestDatabaseKind[] = process.argv.includes('--sqlite-only') ? ['sqlite'] : process.argv.includes('--postgres-only') ? ['postgres'] : ['sqlite', 'postgres'];
for (const kind of kinds) await run(kind);
console.log('target: p95 < 100 ms');
process.exit(0);
