'use client';
/**
 * The task's form, rendered from the form definition of its model, validated in the browser with
 * the shared zod schema (lib/tasks/form-schema.ts) and again by the server action; errors sit
 * beside their fields and nothing is sent while there are any. A `decision` select becomes the
 * decision buttons (approve / reject / request changes, as the form lists them).
 */
import { useActionState, useState, useTransition, type FormEvent } from 'react';
import type { FormField } from '@/lib/bpmn/model';
import { validateForm } from '@/lib/tasks/form-schema';
import type { CompleteTaskAction, CompleteTaskState } from './action-states';
import { decisionFieldOf, decisionTone, formValuesOf } from './form-values';

const input =
  'block w-full rounded-md border bg-white px-3 py-2 text-sm text-gray-900 shadow-xs focus:ring-1 focus:outline-none disabled:bg-gray-50 disabled:text-gray-500';
const inputTone = (error: string | undefined) => (error ? 'border-red-400 focus:border-red-500 focus:ring-red-500' : 'border-gray-300 focus:border-blue-500 focus:ring-blue-500');

const TONES = {
  approve: 'bg-emerald-600 text-white hover:bg-emerald-700 focus-visible:outline-emerald-600',
  reject: 'bg-red-600 text-white hover:bg-red-700 focus-visible:outline-red-600',
  neutral: 'border border-gray-300 bg-white text-gray-800 hover:bg-gray-50 focus-visible:outline-gray-400',
} as const;

export function TaskForm({
  taskId,
  fields,
  action,
  disabled,
  disabledReason,
  disabledBecause,
}: {
  taskId: string;
  fields: FormField[];
  action: CompleteTaskAction;
  /** The form is shown but cannot be sent (not claimed, four-eyes...): `disabledReason` says why. */
  disabled: boolean;
  disabledReason?: string;
  /** The rule behind `disabledReason` (four-eyes, must-claim...), for tests and styling. */
  disabledBecause?: string;
}) {
  const [state, dispatch] = useActionState<CompleteTaskState, FormData>(action, { status: 'idle' });
  const [pending, startTransition] = useTransition();
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const decision = decisionFieldOf(fields);
  const others = fields.filter((field) => field !== decision);
  const serverErrors = state.status === 'error' ? state.fieldErrors : {};
  const errors = clientErrors ?? serverErrors;
  const kept = state.status === 'error' ? state.values : {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (decision && submitter?.name !== decision.key) return;
    const data = new FormData(event.currentTarget, submitter);
    const checked = validateForm(fields, formValuesOf(fields, data));
    if (!checked.ok) {
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(data));
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form
      onSubmit={onSubmit}
      // Enter in a field must not press the first decision button (that would approve by accident).
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
      }}
      noValidate
      className="space-y-5"
      data-testid="task-form"
    >
      <input type="hidden" name="taskId" value={taskId} />
      {state.status === 'error' && clientErrors === null && errorCount === 0 && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="complete-refused" data-reason={state.reason}>
          <p className="font-medium">{state.reason === 'four-eyes' ? 'You may not complete this task' : 'The task was not completed'}</p>
          <p className="mt-0.5">{state.message}</p>
        </div>
      )}
      {errorCount > 0 && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-800" data-testid="form-errors">
          {errorCount === 1 ? 'One field needs your attention.' : `${errorCount} fields need your attention.`} Nothing was saved.
        </div>
      )}
      {disabled && disabledReason && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900" data-testid="form-disabled-reason" data-reason={disabledBecause}>
          {disabledReason}
        </p>
      )}
      {others.length === 0 && !decision && <p className="text-sm text-gray-600">This task has no form: complete it when the work is done.</p>}
      <fieldset disabled={disabled || pending} className="space-y-4">
        {others.map((field) => (
          <Field key={field.key} field={field} error={errors[field.key]} kept={kept[field.key]} />
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3 border-t border-gray-100 pt-4">
        {decision ? (
          decision.options.map((option) => (
            <button
              key={option.value}
              type="submit"
              name={decision.key}
              value={option.value}
              disabled={disabled || pending}
              className={`rounded-md px-4 py-2 text-sm font-semibold shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-50 ${TONES[decisionTone(option.value)]}`}
              data-testid={`decision-${option.value}`}
            >
              {option.label ?? option.value}
            </button>
          ))
        ) : (
          <button
            type="submit"
            disabled={disabled || pending}
            className="rounded-md bg-blue-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-blue-700 disabled:cursor-not-allowed disabled:opacity-50"
            data-testid="complete-task"
          >
            Complete task
          </button>
        )}
        {pending && <span className="text-sm text-gray-500">Completing…</span>}
        {decision && errors[decision.key] && (
          <p className="w-full text-sm text-red-700" data-testid={`error-${decision.key}`}>
            {errors[decision.key]}
          </p>
        )}
      </div>
    </form>
  );
}

function Field({ field, error, kept }: { field: FormField; error?: string; kept?: string }) {
  const id = `field-${field.key}`;
  const describedBy = error ? `${id}-error` : undefined;
  const label = field.label ?? field.key;
  const initial = kept ?? field.defaultValue ?? '';
  const hint = hintOf(field);

  if (field.type === 'boolean') {
    return (
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-gray-900">
          <input
            id={id}
            type="checkbox"
            name={field.key}
            value="true"
            defaultChecked={initial === 'true'}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className="h-4 w-4 rounded border-gray-300 text-blue-600"
          />
          {label}
          {field.required && <span className="text-red-600" aria-hidden>*</span>}
        </label>
        {error && <FieldError id={`${id}-error`} fieldKey={field.key} message={error} />}
      </div>
    );
  }

  const common = {
    id,
    name: field.key,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    className: `${input} ${inputTone(error)}`,
  } as const;

  return (
    <div>
      <label htmlFor={id} className="mb-1 flex items-baseline gap-1 text-sm font-medium text-gray-900">
        {label}
        {field.required && <span className="text-red-600" aria-hidden>*</span>}
        {hint && <span className="ml-auto text-xs font-normal text-gray-500">{hint}</span>}
      </label>
      {field.type === 'textarea' ? (
        <textarea {...common} rows={4} defaultValue={initial} />
      ) : field.type === 'select' ? (
        <select {...common} defaultValue={initial}>
          <option value="">Choose…</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label ?? option.value}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'} step={field.type === 'number' ? 'any' : undefined} defaultValue={initial} />
      )}
      {error && <FieldError id={`${id}-error`} fieldKey={field.key} message={error} />}
    </div>
  );
}

function FieldError({ id, fieldKey, message }: { id: string; fieldKey: string; message: string }) {
  return (
    <p id={id} className="mt-1 text-sm text-red-700" data-testid={`error-${fieldKey}`}>
      {message}
    </p>
  );
}

function hintOf(field: FormField): string | null {
  const parts: string[] = [];
  if (field.type === 'number') {
    if (field.min !== undefined && field.max !== undefined) parts.push(`${field.min}–${field.max}`);
    else if (field.min !== undefined) parts.push(`at least ${field.min}`);
    else if (field.max !== undefined) parts.push(`at most ${field.max}`);
  }
  if (field.type === 'text' || field.type === 'textarea') {
    if (field.min !== undefined) parts.push(`min ${field.min} characters`);
    if (field.max !== undefined) parts.push(`max ${field.max} characters`);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}
