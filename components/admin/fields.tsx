/** Small form fields of the admin pages (server-rendered inside ActionForm). */
import type { ReactNode } from 'react';

const INPUT = 'mt-1 block w-full rounded-md border border-gray-300 px-3 py-1.5 text-sm shadow-xs focus:border-blue-600 focus:ring-1 focus:ring-blue-600 focus:outline-none';

export function TextField({ label, name, type = 'text', required, defaultValue, placeholder, autoComplete, hint }: { label: string; name: string; type?: string; required?: boolean; defaultValue?: string; placeholder?: string; autoComplete?: string; hint?: ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-gray-900">{label}</span>
      <input name={name} type={type} required={required} defaultValue={defaultValue} placeholder={placeholder} autoComplete={autoComplete} className={INPUT} />
      {hint && <span className="mt-1 block text-xs text-gray-500">{hint}</span>}
    </label>
  );
}

/** A set of checkboxes posting every checked value under `name`. */
export function CheckboxGroup({ legend, name, options, checked = [] }: { legend: string; name: string; options: readonly { value: string; label: string; hint?: string }[]; checked?: readonly string[] }) {
  return (
    <fieldset className="text-sm">
      <legend className="font-medium text-gray-900">{legend}</legend>
      {options.length === 0 && <p className="mt-1 text-xs text-gray-500">None yet.</p>}
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-1.5 text-gray-800" title={option.hint}>
            <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
