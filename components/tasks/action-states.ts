/** What the task page's server actions answer, for the forms that show it. */

export type TaskActionState =
  | { status: 'idle' }
  | { status: 'done'; message: string }
  /** `reason` is the rule that refused (four-eyes, not-candidate, ...), when one did. */
  | { status: 'error'; message: string; reason?: string };

export type CompleteTaskState =
  | { status: 'idle' }
  | {
      status: 'error';
      message: string;
      reason?: string;
      /** One message per form field key. */
      fieldErrors: Record<string, string>;
      /** What was submitted, so the form keeps it. */
      values: Record<string, string>;
    };

export type TaskAction = (previous: TaskActionState, formData: FormData) => Promise<TaskActionState>;
export type CompleteTaskAction = (previous: CompleteTaskState, formData: FormData) => Promise<CompleteTaskState>;
