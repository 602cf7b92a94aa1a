/**
 * The zod schema of a user task's form, built from the form definition of the model
 * (`baton:form`, lib/bpmn/model.ts FormFieldSchema). Pure and free of server code: the task page
 * validates with it in the browser, and complete-task.ts validates with it again on the server.
 *
 * Contract
 * - One key per field; unknown keys are dropped (a form submits its own fields only).
 * - Values arrive as JSON (API) or as text (an HTML form): a number field takes a number or
 *   numeric text, a boolean field a boolean or "true"/"false"/"on"/"off", a date field
 *   YYYY-MM-DD. Empty text counts as not given.
 * - A required field must be given (a required boolean must be present; false is an answer).
 *   Optional fields that are not given are left out of the result.
 * - text/textarea: `min`/`max` bound the length, `pattern` must match the whole value;
 *   number: `min`/`max` bound the value; select: the value must be one of `options`.
 * - `validateForm` answers the parsed values, or one message per field key (the first problem).
 */
import { z } from 'zod';
import { FormFieldSchema, type FormField } from '@/lib/bpmn/model';

export type { FormField };
export type FormValues = Record<string, string | number | boolean>;
export type FormErrors = Record<string, string>;
export type FormResult = { ok: true; values: FormValues } | { ok: false; errors: FormErrors };

/** Reads a form definition as stored with a task (unknown shapes are dropped, never trusted). */
export function parseFormFields(fields: readonly unknown[]): FormField[] {
  const parsed: FormField[] = [];
  for (const field of fields) {
    const result = FormFieldSchema.safeParse(field);
    if (result.success) parsed.push(result.data);
  }
  return parsed;
}

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function labelOf(field: FormField): string {
  return field.label ?? field.key;
}

function fieldSchema(field: FormField): z.ZodType<string | number | boolean | undefined> {
  const label = labelOf(field);
  let inner: z.ZodType<string | number | boolean>;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      let text = z.string({ error: `${label} must be text` });
      if (field.min !== undefined) text = text.min(field.min, `${label} needs at least ${field.min} characters`);
      if (field.max !== undefined) text = text.max(field.max, `${label} allows at most ${field.max} characters`);
      if (field.pattern !== undefined) {
        const pattern = safeRegExp(field.pattern);
        if (pattern) text = text.regex(pattern, `${label} does not have the expected format`);
      }
      inner = text;
      break;
    }
    case 'number': {
      let number = z.number({ error: `${label} must be a number` }).finite(`${label} must be a number`);
      if (field.min !== undefined) number = number.min(field.min, `${label} must be at least ${field.min}`);
      if (field.max !== undefined) number = number.max(field.max, `${label} must be at most ${field.max}`);
      inner = z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value), number);
      break;
    }
    case 'boolean':
      inner = z.preprocess(
        (value) => (value === 'true' || value === 'on' ? true : value === 'false' || value === 'off' ? false : value),
        z.boolean({ error: `${label} must be yes or no` }),
      );
      break;
    case 'select': {
      const values = field.options.map((option) => option.value);
      inner = z.string({ error: `${label} must be one of: ${values.join(', ')}` }).refine((value) => values.includes(value), {
        message: `${label} must be one of: ${values.join(', ')}`,
      });
      break;
    }
    case 'date':
      inner = z
        .string({ error: `${label} must be a date (YYYY-MM-DD)` })
        .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD)`)
        .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), `${label} must be a real date`);
      break;
  }
  const required = `${label} is required`;
  return field.required
    ? z.preprocess(blankToUndefined, z.union([z.undefined(), inner]).refine((value) => value !== undefined, required)) as z.ZodType<string | number | boolean>
    : z.preprocess(blankToUndefined, inner.optional());
}

function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return null;
  }
}

/** The zod schema of a form: an object with one (possibly optional) key per field. */
export function formSchemaOf(fields: readonly FormField[]) {
  const shape: Record<string, z.ZodType<string | number | boolean | undefined>> = {};
  for (const field of fields) shape[field.key] = fieldSchema(field);
  return z.object(shape);
}

/** Validates submitted values against the form: the values to save, or an error per field. */
export function validateForm(fields: readonly FormField[], values: Readonly<Record<string, unknown>>): FormResult {
  const result = formSchemaOf(fields).safeParse(values);
  if (!result.success) {
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (!(key in errors)) errors[key] = issue.message;
    }
    return { ok: false, errors };
  }
  const clean: FormValues = {};
  for (const [key, value] of Object.entries(result.data)) if (value !== undefined) clean[key] = value as string | number | boolean;
  return { ok: true, values: clean };
}
