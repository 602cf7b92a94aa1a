/**
 * Completes a human task: the form checked on the server, the four-eyes gate, then
 * CompleteUserTask through the runtime with the audit row in the same transaction.
 *
 * Contract
 * - Input: `{ decision?, comment?, variables? }`. `decision` and `comment` are the form's
 *   fields of those names when the form has them (the example forms do); the form is validated
 *   with form-schema.ts (the schema the browser uses too). Any error is 400 `task.form-invalid`
 *   with `details.fields` (one message per field key) and nothing is saved.
 * - With a form, only its fields reach the instance (other keys are dropped); a task without a
 *   form passes `variables` as they are (custom task UIs), the engine checks they are JSON.
 * - Authorisation: authorize-task-completion.ts — 404 for a task the caller may not see, 403
 *   with the reason (`four-eyes`: "you started this instance…", `assigned-to-someone-else`,
 *   `not-open`), a four-eyes refusal recorded in the audit log. The engine checks four-eyes
 *   once more against its own state.
 * - A task that is no longer open is 409 `task.not-open`.
 * - The comment, when the form has no comment field, is kept in the audit row.
 */
import { z } from 'zod';
import { BadRequestError, ConflictError } from '@/lib/api/errors';
import { JsonValueSchema, type JsonValue } from '@/lib/bpmn/model';
import { authorizeTaskCompletion } from '@/lib/tasks/authorize-task-completion';
import { parseFormFields, validateForm } from '@/lib/tasks/form-schema';
import { sendTaskCommand } from '@/lib/tasks/send-task-command';
import { actorOfCaller, type TaskCaller } from '@/lib/tasks/task-caller';
import { loadTaskFacts } from '@/lib/tasks/task-facts';

export const CompleteTaskInputSchema = z.object({
  decision: z.string().max(200).optional(),
  comment: z.string().max(10_000).optional(),
  variables: z.record(z.string(), JsonValueSchema).default({}),
});
export type CompleteTaskInput = z.input<typeof CompleteTaskInputSchema>;

export type CompleteTaskResult = { taskId: string; instanceId: string; status: 'completed'; variables: Record<string, JsonValue> };

export async function completeTask(caller: TaskCaller, taskId: string, input: CompleteTaskInput): Promise<CompleteTaskResult> {
  const parsed = CompleteTaskInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ in: 'body' as const, path: issue.path.map(String).join('.'), message: issue.message }));
    throw new BadRequestError('request.invalid', `Invalid body: ${issues[0].path}: ${issues[0].message}`, { issues });
  }
  const { decision, comment, variables } = parsed.data;

  await authorizeTaskCompletion(caller.db, { subject: caller.subject, actor: actorOfCaller(caller), taskId });
  const loaded = await loadTaskFacts(caller.db, taskId);
  if (loaded === null) throw new ConflictError('task.not-open', `Task "${taskId}" is no longer open.`, { taskId });
  const { task, settings } = loaded;

  const fields = parseFormFields(settings.form?.fields ?? []);
  let values: Record<string, JsonValue> = variables;
  if (fields.length > 0) {
    const submitted: Record<string, unknown> = { ...variables };
    if (decision !== undefined) submitted.decision = decision;
    if (comment !== undefined) submitted.comment = comment;
    const checked = validateForm(fields, submitted);
    if (!checked.ok) {
      const [key, message] = Object.entries(checked.errors)[0];
      throw new BadRequestError('task.form-invalid', `The form has errors: ${key}: ${message}`, { fields: checked.errors });
    }
    values = checked.values;
  } else {
    values = { ...variables, ...(decision === undefined ? {} : { decision }) };
  }
  const commentKept = comment !== undefined && !fields.some((field) => field.key === 'comment');

  await sendTaskCommand(caller, {
    instanceId: task.instanceId,
    taskId,
    command: { type: 'CompleteUserTask', taskKey: taskId, variables: values, completedBy: caller.subject.id },
    audit: {
      action: 'task.complete',
      details: {
        instanceId: task.instanceId,
        elementId: task.elementId,
        ...(typeof values.decision === 'string' ? { decision: values.decision } : {}),
        ...(commentKept ? { comment } : {}),
      },
    },
  });
  return { taskId, instanceId: task.instanceId, status: 'completed', variables: values };
}
