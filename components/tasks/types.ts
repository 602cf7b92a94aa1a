/** What the task components show: plain data the pages hand them (components never read the database). */

export type InboxRow = {
  id: string;
  name: string;
  processKey: string;
  instanceId: string;
  status: string;
  /** A user id or e-mail, as the model or a claim wrote it; `assigneeLabel` is what people read. */
  assignee: string | null;
  assigneeLabel: string | null;
  candidateGroups: string[];
  priority: number;
  dueAt: string | null;
  followUpAt: string | null;
  createdAt: string;
  overdue: boolean;
};

export type InboxCounts = { mine: number; groups: number; all: number | null };

export type NotificationRow = {
  id: string;
  kind: string;
  title: string;
  /** The task page it is about, when it is about a task. */
  href: string | null;
  taskId: string | null;
  createdAt: string;
  read: boolean;
};
