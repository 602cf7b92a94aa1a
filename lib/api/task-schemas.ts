/**
 * Request and response schemas of the task API (lib/api/task-endpoints.ts): what custom task
 * UIs send and receive. The shapes are those of lib/tasks (listTasks, getTaskView, ...).
 */
import { z } from 'zod';
import { FormFieldSchema, JsonValueSchema } from '@/lib/bpmn/model';
import { TaskListQuerySchema } from '@/lib/tasks/list-tasks';
import { AssignTaskInputSchema } from '@/lib/tasks/assign-task';
import { CompleteTaskInputSchema } from '@/lib/tasks/complete-task';

const Timestamp = z.iso.datetime();
const TaskStatus = z.enum(['created', 'completed', 'cancelled']);

export { TaskListQuerySchema };
export const AssignTaskBodySchema = AssignTaskInputSchema;
export const CompleteTaskBodySchema = CompleteTaskInputSchema;

export const TaskListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  elementId: z.string(),
  processKey: z.string(),
  instanceId: z.string(),
  status: TaskStatus,
  assignee: z.string().nullable(),
  assigneeLabel: z.string().nullable(),
  candidateGroups: z.array(z.string()),
  candidateUsers: z.array(z.string()),
  priority: z.number().int(),
  dueAt: Timestamp.nullable(),
  followUpAt: Timestamp.nullable(),
  createdAt: Timestamp,
  completedAt: Timestamp.nullable(),
  overdue: z.boolean(),
});

export const TaskListSchema = z.object({
  items: z.array(TaskListItemSchema),
  counts: z.object({ mine: z.number().int(), groups: z.number().int(), all: z.number().int().nullable() }),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});

const Refusal = z.enum(['not-candidate', 'assigned-to-someone-else', 'not-open', 'four-eyes']);

export const TaskViewSchema = z.object({
  task: TaskListItemSchema.omit({ overdue: true }).extend({
    overdue: z.boolean(),
    claimedAt: Timestamp.nullable(),
    completedById: z.string().nullable(),
    result: z.record(z.string(), JsonValueSchema).nullable(),
    mayClaim: z.boolean(),
    mayUnclaim: z.boolean(),
    mayAssign: z.boolean(),
    mayDelegate: z.boolean(),
    mayComplete: z.boolean(),
    completeRefusedBecause: z.string().nullable(),
    completeRefusedReason: Refusal.nullable(),
  }),
  form: z.object({ formKey: z.string().nullable(), fields: z.array(FormFieldSchema) }),
  variables: z.record(z.string(), JsonValueSchema).describe('Only the variables the model marks visible for this task, and its form fields.'),
  history: z.array(z.object({ seq: z.number().int(), at: Timestamp, type: z.string(), elementId: z.string().nullable(), actor: z.string().nullable(), summary: z.string() })),
  agent: z
    .object({
      elementId: z.string(),
      elementName: z.string().nullable(),
      recommendation: JsonValueSchema.nullable(),
      reasoning: z.string().nullable(),
      toolCalls: z.array(z.object({ tool: z.string(), arguments: JsonValueSchema, outcome: z.string(), success: z.boolean(), reason: z.string().nullable() })),
    })
    .nullable(),
  diagram: z.object({ versionId: z.string(), versionNumber: z.number().int().nullable(), activeElementIds: z.array(z.string()) }),
});

export const TaskActionResultSchema = z.object({ taskId: z.string(), assignee: z.string().nullable() });
export const CompletedTaskSchema = z.object({ taskId: z.string(), instanceId: z.string(), status: z.literal('completed'), variables: z.record(z.string(), JsonValueSchema) });
