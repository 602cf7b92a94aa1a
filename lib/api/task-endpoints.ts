/**
 * The task endpoints of the machine API (for custom task UIs), as data like lib/api/endpoints.ts,
 * which lists them in ENDPOINTS. Every signed-in caller may call them (`inbox:read`); the task's
 * own rules (lib/auth/task-rules.ts, applied by lib/tasks) decide per task: a task the caller may
 * not see is 404, as one that does not exist.
 */
import { defineEndpoint } from '@/lib/api/endpoint';
import { TaskParamsSchema } from '@/lib/api/schemas';
import {
  AssignTaskBodySchema,
  CompletedTaskSchema,
  CompleteTaskBodySchema,
  TaskActionResultSchema,
  TaskListQuerySchema,
  TaskListSchema,
  TaskViewSchema,
} from '@/lib/api/task-schemas';

export const listTasks = defineEndpoint({
  operationId: 'listTasks',
  method: 'GET',
  path: '/api/v1/tasks',
  summary: 'The caller’s inbox: my tasks, my groups’ tasks or all they may see, filtered, sorted, cursor pages, counts per view',
  auth: { action: 'inbox:read' },
  query: TaskListQuerySchema,
  responses: { 200: { description: 'One page of tasks, the open tasks per view, the next cursor.', schema: TaskListSchema } },
  errors: [],
});

export const getTask = defineEndpoint({
  operationId: 'getTask',
  method: 'GET',
  path: '/api/v1/tasks/{id}',
  summary: 'A human task with its form, the variables its model lets the worker see, a short history and the agent’s recommendation',
  description:
    'Only its assignee, or while unassigned its candidate users and the members of its candidate groups, see a task; for anyone else the answer is 404 `task.not-found`, as for a task that does not exist. ' +
    'The answer says whether the caller may claim, assign and complete it (and why not: four-eyes, assigned to someone else...).',
  auth: { action: 'inbox:read' },
  params: TaskParamsSchema,
  responses: { 200: { description: 'The task.', schema: TaskViewSchema } },
  errors: ['task.not-found'],
});

export const claimTask = defineEndpoint({
  operationId: 'claimTask',
  method: 'POST',
  path: '/api/v1/tasks/{id}/claim',
  summary: 'Claim a task of your groups (you become its assignee)',
  auth: { action: 'inbox:read' },
  params: TaskParamsSchema,
  responses: { 200: { description: 'The task and its assignee.', schema: TaskActionResultSchema } },
  errors: ['task.not-found', 'task.already-claimed', 'task.not-open'],
});

export const unclaimTask = defineEndpoint({
  operationId: 'unclaimTask',
  method: 'POST',
  path: '/api/v1/tasks/{id}/unclaim',
  summary: 'Give a task you hold back to its candidates',
  auth: { action: 'inbox:read' },
  params: TaskParamsSchema,
  responses: { 200: { description: 'The task, now unassigned.', schema: TaskActionResultSchema } },
  errors: ['task.not-found', 'task.already-claimed', 'task.not-open'],
});

export const assignTask = defineEndpoint({
  operationId: 'assignTask',
  method: 'POST',
  path: '/api/v1/tasks/{id}/assign',
  summary: 'Assign a task to one of its candidates (user id or e-mail)',
  auth: { action: 'inbox:read' },
  params: TaskParamsSchema,
  body: { schema: AssignTaskBodySchema, description: '`{ assignee }`: a user id or e-mail of a candidate.' },
  responses: { 200: { description: 'The task and its new assignee.', schema: TaskActionResultSchema } },
  errors: ['task.not-found', 'task.already-claimed', 'task.not-open', 'task.assignee-invalid'],
});

export const completeTask = defineEndpoint({
  operationId: 'completeTask',
  method: 'POST',
  path: '/api/v1/tasks/{id}/complete',
  summary: 'Complete a task: the form checked on the server, the four-eyes rule enforced',
  description:
    'Form errors are 400 `task.form-invalid` with `details.fields` (one message per field key) and change nothing. ' +
    'A caller the four-eyes rule excludes (the starter of the instance, or who completed an earlier step) gets 403 with `details.reason: "four-eyes"`.',
  auth: { action: 'inbox:read' },
  params: TaskParamsSchema,
  body: { schema: CompleteTaskBodySchema, description: '`{ decision?, comment?, variables? }`' },
  responses: { 200: { description: 'The completed task and the variables it passed to the instance.', schema: CompletedTaskSchema } },
  errors: ['task.not-found', 'task.form-invalid', 'task.not-open', 'command.rejected'],
});

export const TASK_ENDPOINTS = [listTasks, getTask, claimTask, unclaimTask, assignTask, completeTask] as const;
