'use client';
/**
 * Form fields of the properties panel, validated with zod as you type. A field keeps what is
 * typed while it has focus; every valid change is committed at once (the panel coalesces a run
 * of keystrokes into one undo step), an invalid one is shown with its message and not committed.
 */
import { useId, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { messageOf } from './property-schemas';

type FieldProps<T> = {
  label: string;
  /** The model's value as text. */
  value: string;
  schema: z.ZodType<T, string>;
  onCommit: (value: T) => void;
  multiline?: boolean;
  placeholder?: string;
  hint?: ReactNode;
  testId?: string;
  /** Checks the model's value too, not only what is typed (conditions, FEEL). */
  validateStored?: boolean;
  monospace?: boolean;
};

export function TextField<T>({ label, value, schema, onCommit, multiline, placeholder, hint, testId, validateStored, monospace }: FieldProps<T>) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? value;
  const parsed = draft !== null || validateStored ? schema.safeParse(text) : undefined;
  const error = parsed && !parsed.success ? messageOf(parsed.error) : undefined;
  const className = `w-full rounded border px-2 py-1 text-xs text-gray-900 ${error ? 'border-red-500 bg-red-50' : 'border-gray-300 bg-white'} ${monospace ? 'font-mono' : ''}`;
  const onChange = (next: string) => {
    setDraft(next);
    const result = schema.safeParse(next);
    if (result.success) onCommit(result.data);
  };
  return (
    <div className="space-y-0.5">
      <label htmlFor={id} className="block text-[11px] font-medium text-gray-600">
        {label}
      </label>
      {multiline ? (
        <textarea
          id={id}
          className={className}
          rows={3}
          value={text}
          placeholder={placeholder}
          data-testid={testId}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => setDraft(null)}
        />
      ) : (
        <input
          id={id}
          className={className}
          value={text}
          placeholder={placeholder}
          data-testid={testId}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => setDraft(null)}
        />
      )}
      {error ? (
        <p className="text-[11px] text-red-700" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      ) : (
        hint && <p className="text-[11px] text-gray-500">{hint}</p>
      )}
    </div>
  );
}

export function CheckboxField({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId?: string }) {
  return (
    <label className="flex items-center gap-2 text-xs text-gray-800">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-0.5">
      <label htmlFor={id} className="block text-[11px] font-medium text-gray-600">
        {label}
      </label>
      <select
        id={id}
        className="w-full rounded border border-gray-300 bg-white px-1.5 py-1 text-xs text-gray-900"
        value={value}
        data-testid={testId}
        onChange={(e) => {
          const next = options.find((o) => o.value === e.target.value);
          if (next) onChange(next.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="space-y-2 border-t border-gray-200 pt-3" data-testid={testId}>
      <h4 className="text-[11px] font-semibold tracking-wide text-gray-500 uppercase">{title}</h4>
      {children}
    </section>
  );
}
