/**
 * What the task rules of lib/auth/task-rules.ts need to know about one UserTask row, loaded
 * from the rows the runtime writes: the task, its candidates, the four-eyes rule in its
 * settings, the instance's starter and who completed which earlier tasks of that instance.
 *
 * Contract: answers null when no task has this id; callers answer "not found" both for that
 * and for a task the subject may not see, so guessing ids reveals nothing.
 */
import { z } from 'zod';
import { fourEyesExcludedUsers, type TaskFacts } from '@/lib/auth/task-rules';
import { FourEyesSchema } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';

/** The parts of `UserTask.settings` (JSON) that access depends on; other keys are kept as they are. */
export const UserTaskSettingsSchema = z.looseObject({
  visibleVariables: z.array(z.string()).optional(),
  fourEyes: FourEyesSchema.optional(),
  /** Written by the runtime (plan-outbox.ts): the users the engine's four-eyes rule excluded when the task was created. */
  excludedUsers: z.array(z.string()).optional(),
  form: z.looseObject({ fields: z.array(z.looseObject({ key: z.string() })).default([]) }).optional(),
});
export type UserTaskSettings = z.infer<typeof UserTaskSettingsSchema>;

/** The settings of a task; a row whose settings cannot be read counts as having none (no four-eyes, no visible variables). */
export function parseTaskSettings(json: string): UserTaskSettings {
  try {
    const parsed = UserTaskSettingsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const TaskStatusSchema = z.enum(['created', 'completed', 'cancelled']);

export async function loadTaskFacts(db: Db, taskId: string) {
  const task = await db.userTask.findUnique({ where: { id: taskId }, include: { candidates: true } });
  if (!task) return null;
  const settings = parseTaskSettings(task.settings);
  const rule = settings.fourEyes;
  const needsHistory = rule !== undefined && (rule.notStarter || rule.notCompleterOf.length > 0);

  let excludedUsers: string[] = [];
  if (needsHistory) {
    const instance = await db.processInstance.findUnique({ where: { id: task.instanceId }, select: { startedById: true } });
    const completed = rule.notCompleterOf.length > 0
      ? await db.userTask.findMany({
          where: { instanceId: task.instanceId, status: 'completed', elementId: { in: rule.notCompleterOf }, id: { not: task.id } },
          select: { elementId: true, completedById: true },
        })
      : [];
    excludedUsers = fourEyesExcludedUsers({ rule, starterId: instance?.startedById ?? null, completed });
  }
  if (settings.excludedUsers !== undefined && settings.excludedUsers.length > 0) excludedUsers = [...new Set([...excludedUsers, ...settings.excludedUsers])].sort();

  const facts: TaskFacts = {
    status: TaskStatusSchema.catch('cancelled').parse(task.status),
    assignee: task.assignee,
    candidateUsers: task.candidates.filter((c) => c.kind === 'user').map((c) => c.value),
    candidateGroups: task.candidates.filter((c) => c.kind === 'group').map((c) => c.value),
    completedById: task.completedById,
    excludedUsers,
  };
  return { task, settings, facts };
}
