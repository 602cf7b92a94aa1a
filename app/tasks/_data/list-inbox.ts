import 'server-only';
/**
 * The inbox list for the /tasks page, read from the UserTask rows.
 *
 * TODO(inbox backend): replace with `listTasks` / counts from lib/tasks when they land; this is
 * the closest thing that works against the existing rows meanwhile, with the same visibility
 * rule as lib/auth/task-rules.ts (assignee only while assigned; candidates while unassigned).
 *
 * Contract
 * - `mine`: open tasks assigned to the subject (by id or e-mail); completed tasks they completed.
 * - `groups`: unassigned tasks of their groups or naming them as candidate user.
 * - `all`: everything the subject may see (mine ∪ groups).
 * - Cursor pages: the cursor is the id of the last row; the order always ends with `id`, so pages
 *   neither skip nor repeat rows.
 */
import type { Prisma } from '@/lib/db/generated/sqlite/client';
import { PRIORITY_BANDS, type InboxParams, type InboxView } from '@/components/tasks/inbox-params';
import type { InboxCounts, InboxRow } from '@/components/tasks/types';
import type { Subject } from '@/lib/auth/subject';
import type { Db } from '@/lib/db/client';

const STATUS_OF = { open: 'created', completed: 'completed', cancelled: 'cancelled' } as const;

function namesOf(subject: Subject): string[] {
  if (subject.type !== 'user') return [];
  return subject.email ? [subject.id, subject.email, subject.email.toLowerCase()] : [subject.id];
}

function viewWhere(subject: Subject, view: InboxView, status: InboxParams['status']): Prisma.UserTaskWhereInput {
  const me = namesOf(subject);
  const mine: Prisma.UserTaskWhereInput =
    status === 'completed' ? { completedById: subject.id } : { assignee: { in: me } };
  const groups: Prisma.UserTaskWhereInput = {
    assignee: null,
    candidates: { some: { OR: [{ kind: 'group', value: { in: subject.groups } }, { kind: 'user', value: { in: me } }] } },
  };
  if (view === 'mine') return mine;
  if (view === 'groups') return groups;
  return { OR: [mine, groups] };
}

function filterWhere(params: InboxParams, now: Date): Prisma.UserTaskWhereInput[] {
  const and: Prisma.UserTaskWhereInput[] = [{ status: STATUS_OF[params.status] }];
  if (params.process) and.push({ processKey: params.process });
  if (params.name) and.push({ name: { contains: params.name } });
  if (params.priority) and.push({ priority: { gte: PRIORITY_BANDS[params.priority].min, lte: PRIORITY_BANDS[params.priority].max } });
  if (params.dueBefore) and.push({ dueAt: { lt: new Date(`${params.dueBefore}T00:00:00Z`) } });
  if (params.dueAfter) and.push({ dueAt: { gte: new Date(`${params.dueAfter}T00:00:00Z`) } });
  if (params.overdue) and.push({ dueAt: { lt: now } });
  if (params.q) and.push({ OR: [{ name: { contains: params.q } }, { processKey: { contains: params.q } }, { instanceId: params.q }, { id: params.q }] });
  return and;
}

function orderBy(params: InboxParams): Prisma.UserTaskOrderByWithRelationInput[] {
  const dir = params.dir;
  const first: Prisma.UserTaskOrderByWithRelationInput =
    params.sort === 'due'
      ? { dueAt: { sort: dir, nulls: 'last' } }
      : params.sort === 'followUp'
        ? { followUpAt: { sort: dir, nulls: 'last' } }
        : params.sort === 'priority'
          ? { priority: dir }
          : { createdAt: dir };
  return [first, { createdAt: 'desc' }, { id: 'asc' }];
}

export async function listInbox(db: Db, subject: Subject, params: InboxParams, input: { limit: number; now: Date }) {
  const where: Prisma.UserTaskWhereInput = { AND: [viewWhere(subject, params.view, params.status), ...filterWhere(params, input.now)] };
  const rows = await db.userTask.findMany({
    where,
    orderBy: orderBy(params),
    take: input.limit + 1,
    ...(params.cursor ? { cursor: { id: params.cursor }, skip: 1 } : {}),
    include: { candidates: true },
  });
  const page = rows.slice(0, input.limit);
  const users = await userLabels(db, page.map((r) => r.assignee).filter((a): a is string => a !== null));
  const items: InboxRow[] = page.map((row) => ({
    id: row.id,
    name: row.name,
    processKey: row.processKey,
    instanceId: row.instanceId,
    status: row.status,
    assignee: row.assignee,
    assigneeLabel: row.assignee === null ? null : (users.get(row.assignee) ?? row.assignee),
    candidateGroups: row.candidates.filter((c) => c.kind === 'group').map((c) => c.value),
    priority: row.priority,
    dueAt: row.dueAt?.toISOString() ?? null,
    followUpAt: row.followUpAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    overdue: row.status === 'created' && row.dueAt !== null && row.dueAt < input.now,
  }));
  return { items, nextCursor: rows.length > input.limit ? page.at(-1)?.id ?? null : null };
}

/** Open tasks per view; `all` only when the subject may use that view. */
export async function countInbox(db: Db, subject: Subject, input: { withAll: boolean }): Promise<InboxCounts> {
  const open = { status: 'created' };
  const [mine, groups, all] = await Promise.all([
    db.userTask.count({ where: { AND: [open, viewWhere(subject, 'mine', 'open')] } }),
    db.userTask.count({ where: { AND: [open, viewWhere(subject, 'groups', 'open')] } }),
    input.withAll ? db.userTask.count({ where: { AND: [open, viewWhere(subject, 'all', 'open')] } }) : Promise.resolve(null),
  ]);
  return { mine, groups, all };
}

/** The process keys of the tasks the subject may see, for the process filter. */
export async function inboxProcessKeys(db: Db, subject: Subject): Promise<string[]> {
  const rows = await db.userTask.findMany({ where: viewWhere(subject, 'all', 'open'), distinct: ['processKey'], select: { processKey: true }, orderBy: { processKey: 'asc' }, take: 100 });
  return rows.map((r) => r.processKey);
}

/** E-mails of users named by id (or by e-mail already). */
export async function userLabels(db: Db, values: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(values)];
  if (unique.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}
