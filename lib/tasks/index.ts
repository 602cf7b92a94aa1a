/**
 * The human task inbox, server side — the functions the inbox pages, server actions and the
 * API (app/api/v1/tasks) call. Server code only; `form-schema.ts` is the one module the browser
 * may import too (build the client-side zod schema of a task's form with `formSchemaOf`).
 *
 * Every function takes a `TaskCaller` first: `{ db, subject, actor?, rt? }` (actor defaults to
 * the subject's audit actor, `rt` to this process's runtime context for `db`; tests inject a
 * clock through `rt`). Inputs are parsed with zod; bad input is 400 `request.invalid` naming
 * the field. Errors are `AppError`s (lib/api/errors.ts): map them with `statusOf(error.code)`.
 *
 *   listTasks(caller, { view: 'mine'|'groups'|'all', process?, name?, priority?: 'high'|'medium'|'low',
 *             priorityMin?, priorityMax?, dueBefore?, dueAfter?, overdue?, status?: 'open'|'completed'|'cancelled',
 *             q?, sort?: 'created'|'due'|'followUp'|'priority', dir?, cursor?, limit? })
 *     → { items: TaskListItem[], counts: { mine, groups, all|null }, nextCursor }
 *   mayViewAllTasks(subject), listTaskProcessKeys(db, subject), countTasks(db, subject)
 *   getTaskView(caller, taskId)
 *     → { task (with mayClaim/mayUnclaim/mayAssign/mayDelegate/mayComplete, completeRefusedBecause),
 *         form: { formKey, fields }, variables (only those the model marks visible + form fields),
 *         history (summary of the instance log), agent (recommendation, reasoning, toolCalls) | null,
 *         diagram: { versionId, versionNumber, activeElementIds } }          404 task.not-found
 *   claimTask(caller, taskId)                       409 task.already-claimed | task.not-open, 404
 *   unclaimTask(caller, taskId)                     403 not the assignee
 *   assignTask(caller, taskId, { assignee })        422 task.assignee-invalid (unknown / not a candidate)
 *   delegateTask(caller, taskId, { assignee })      403 unless the assignee
 *   completeTask(caller, taskId, { decision?, comment?, variables? })
 *     → { taskId, instanceId, status: 'completed', variables }
 *       400 task.form-invalid (details.fields: { [fieldKey]: message }; nothing saved),
 *       403 auth.forbidden (details.reason: four-eyes | assigned-to-someone-else | not-open), 404, 409
 *
 * Each mutation is one engine command through the runtime (UpdateUserTask / CompleteUserTask →
 * events in the instance's log) with its audit row in the same transaction.
 */
export { listTasks, countTasks, listTaskProcessKeys, mayViewAllTasks, TaskListQuerySchema, PRIORITY_BANDS, TASK_VIEWS, TASK_SORTS, TASK_STATUSES } from './list-tasks';
export type { TaskList, TaskListItem, TaskCounts, TaskListQuery, TaskView as TaskListView } from './list-tasks';
export { getTaskView } from './get-task-view';
export type { TaskView, TaskHistoryEntry, AgentContext, AgentToolCall } from './get-task-view';
export { claimTask, unclaimTask, assignTask, delegateTask, AssignTaskInputSchema } from './assign-task';
export type { TaskActionResult, AssignTaskInput } from './assign-task';
export { completeTask, CompleteTaskInputSchema } from './complete-task';
export type { CompleteTaskInput, CompleteTaskResult } from './complete-task';
export { formSchemaOf, validateForm, parseFormFields } from './form-schema';
export type { FormField, FormValues, FormErrors, FormResult } from './form-schema';
export type { TaskCaller } from './task-caller';
