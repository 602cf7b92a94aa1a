/**
 * The in-app notifications of a person: list (newest first, with the unread count) and mark read.
 *
 * Contract
 * - A person sees the notifications addressed to them (by user id or e-mail) and to their
 *   groups, from when they were created; an API token has none.
 * - Read state is per person (a group notification read by one member stays unread for the
 *   others). Marking read is idempotent; ids that are not the caller's are 404
 *   `notification.not-found` and nothing is marked.
 * - `title` is a sentence a person reads; `href` the task page it is about.
 */
import { z } from 'zod';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import type { Subject } from '@/lib/auth/subject';
import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/sqlite/client';

export type NotificationItem = {
  id: string;
  kind: string;
  taskId: string | null;
  instanceId: string | null;
  title: string;
  href: string | null;
  createdAt: string;
  read: boolean;
};
export type NotificationList = { items: NotificationItem[]; unread: number };

export const NotificationQuerySchema = z.object({
  unreadOnly: z.union([z.boolean(), z.enum(['1', 'true', '0', 'false'])]).transform((v) => v === true || v === '1' || v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const MarkReadInputSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
]);

function addressedTo(subject: Subject): Prisma.NotificationWhereInput {
  if (subject.type !== 'user') return { id: { in: [] } };
  const me = subject.email ? [...new Set([subject.id, subject.email, subject.email.toLowerCase()])] : [subject.id];
  return {
    OR: [
      { recipientKind: 'user', recipient: { in: me } },
      ...(subject.groups.length > 0 ? [{ recipientKind: 'group', recipient: { in: subject.groups } }] : []),
    ],
  };
}

/** The sentence a person reads for a notification (the list and the e-mail subject). */
export function titleOf(kind: string, taskName: string, details: Record<string, unknown>, recipientKind: string): string {
  switch (kind) {
    case 'task-created':
      return recipientKind === 'group' ? `New task for ${'your group'}: ${taskName}` : `New task for you: ${taskName}`;
    case 'task-assigned':
      return details.reason === 'delegate' ? `A task was delegated to you: ${taskName}` : `A task was assigned to you: ${taskName}`;
    case 'task-reminder':
      return `Reminder: ${taskName} is waiting`;
    case 'task-escalated':
      return details.action === 'reassign'
        ? `Escalated to ${Array.isArray(details.groups) ? details.groups.join(', ') : 'your group'}: ${taskName}`
        : `Escalated (priority ${String(details.priority ?? 'raised')}): ${taskName}`;
    default:
      return taskName;
  }
}

export function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function listNotifications(db: Db, subject: Subject, input: z.input<typeof NotificationQuerySchema> = {}): Promise<NotificationList> {
  const parsed = NotificationQuerySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError('request.invalid', `Invalid query: ${issue.path.join('.')}: ${issue.message}`, { issues: parsed.error.issues.map((i) => ({ in: 'query', path: i.path.join('.'), message: i.message })) });
  }
  const query = parsed.data;
  const where = addressedTo(subject);
  const unreadWhere: Prisma.NotificationWhereInput = { AND: [where, { NOT: { id: { in: await readIds(db, subject) } } }] };
  const [rows, unread] = await Promise.all([
    db.notification.findMany({ where: query.unreadOnly ? unreadWhere : where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit }),
    db.notification.count({ where: unreadWhere }),
  ]);
  const taskIds = [...new Set(rows.map((r) => r.taskId).filter((id): id is string => id !== null))];
  const [tasks, reads] = await Promise.all([
    taskIds.length === 0 ? [] : db.userTask.findMany({ where: { id: { in: taskIds } }, select: { id: true, name: true } }),
    subject.type !== 'user' || rows.length === 0 ? [] : db.notificationRead.findMany({ where: { userId: subject.id, notificationId: { in: rows.map((r) => r.id) } }, select: { notificationId: true } }),
  ]);
  const names = new Map(tasks.map((t) => [t.id, t.name]));
  const read = new Set(reads.map((r) => r.notificationId));
  return {
    unread,
    items: rows.map((row) => {
      const details = parseDetails(row.details);
      const taskName = (row.taskId && names.get(row.taskId)) ?? (typeof details.name === 'string' ? details.name : 'a task');
      return {
        id: row.id,
        kind: row.kind,
        taskId: row.taskId,
        instanceId: row.instanceId,
        title: titleOf(row.kind, taskName, details, row.recipientKind),
        href: row.taskId === null ? null : `/tasks/${row.taskId}`,
        createdAt: row.createdAt.toISOString(),
        read: read.has(row.id),
      };
    }),
  };
}

/** Ids of the notifications the person has read (a person reads few; the list stays small). */
async function readIds(db: Db, subject: Subject): Promise<string[]> {
  if (subject.type !== 'user') return [];
  const rows = await db.notificationRead.findMany({ where: { userId: subject.id }, select: { notificationId: true }, orderBy: { readAt: 'desc' }, take: 5000 });
  return rows.map((r) => r.notificationId);
}

export async function markNotificationsRead(db: Db, subject: Subject, input: z.input<typeof MarkReadInputSchema>): Promise<{ marked: number }> {
  const parsed = MarkReadInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new BadRequestError('request.invalid', 'Invalid body: send { ids: [...] } or { all: true }.', { issues: parsed.error.issues.map((i) => ({ in: 'body', path: i.path.join('.'), message: i.message })) });
  }
  const addressed = addressedTo(subject);
  const wanted: Prisma.NotificationWhereInput = 'ids' in parsed.data ? { AND: [addressed, { id: { in: parsed.data.ids } }] } : addressed;
  const rows = await db.notification.findMany({ where: wanted, select: { id: true } });
  if ('ids' in parsed.data) {
    const mine = new Set(rows.map((r) => r.id));
    const missing = parsed.data.ids.filter((id) => !mine.has(id));
    if (missing.length > 0) throw new NotFoundError('notification.not-found', `No notification "${missing[0]}" for you.`, { ids: missing });
  }
  const already = new Set((await db.notificationRead.findMany({ where: { userId: subject.id, notificationId: { in: rows.map((r) => r.id) } }, select: { notificationId: true } })).map((r) => r.notificationId));
  const fresh = rows.filter((r) => !already.has(r.id)).map((r) => ({ notificationId: r.id, userId: subject.id }));
  if (fresh.length > 0) await db.notificationRead.createMany({ data: fresh });
  return { marked: fresh.length };
}
