/**
 * The raw values of a task form as submitted (FormData → text per field key), the same on the
 * client (before validating in the browser) and in the server action (before validating again).
 * A checkbox that is not ticked is "false": for a boolean field, false is an answer.
 */
import type { FormField } from '@/lib/bpmn/model';

export function formValuesOf(fields: readonly FormField[], data: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    if (field.type === 'boolean') {
      values[field.key] = data.get(field.key) === 'true' ? 'true' : 'false';
      continue;
    }
    const value = data.get(field.key);
    if (typeof value === 'string') values[field.key] = value;
  }
  return values;
}

/** The select field a form's decision buttons stand for (approve / reject / request changes), if any. */
export function decisionFieldOf(fields: readonly FormField[]): FormField | undefined {
  return fields.find((field) => field.type === 'select' && ['decision', 'outcome'].includes(field.key) && field.options.length > 0 && field.options.length <= 5);
}

/** Button colours by what a decision value means. */
export function decisionTone(value: string): 'approve' | 'reject' | 'neutral' {
  if (/^(approve|approved|accept|accepted|yes|ok)$/i.test(value)) return 'approve';
  if (/^(reject|rejected|deny|denied|decline|declined|no)$/i.test(value)) return 'reject';
  return 'neutral';
}
