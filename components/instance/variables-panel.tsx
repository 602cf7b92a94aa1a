'use client';
/** The process variables at the shown position, each with its history (click to expand). */
import { useState } from 'react';
import type { VariableVersion } from '@/lib/instances/timeline';
import { formatClock, formatValue } from './format';

export function VariablesPanel({ variables, history }: { variables: Readonly<Record<string, unknown>>; history: Record<string, VariableVersion[]> }) {
  const [open, setOpen] = useState<string | null>(null);
  const names = Object.keys(variables).sort();
  const locals = Object.keys(history).filter((n) => n.includes(' @ ')).sort();
  return (
    <section className="rounded-lg border border-gray-200 bg-white" aria-label="Variables" data-testid="variables-panel">
      <h2 className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">Variables</h2>
      {names.length === 0 && <p className="px-4 py-3 text-sm text-gray-500">No process variables at this point.</p>}
      <ul className="divide-y divide-gray-100">
        {[...names, ...locals].map((name) => {
          const versions = history[name] ?? [];
          const value = name.includes(' @ ') ? versions.at(-1)?.value : variables[name];
          return (
            <li key={name} data-testid={`variable-${name}`}>
              <button type="button" className="flex w-full items-baseline justify-between gap-3 px-4 py-2 text-left hover:bg-gray-50" onClick={() => setOpen(open === name ? null : name)}>
                <span className="font-mono text-xs text-gray-700">{name}</span>
                <span className="truncate font-mono text-xs text-gray-900" data-testid="variable-value">{formatValue(value)}</span>
                <span className="shrink-0 text-[10px] text-gray-400">{versions.length}×</span>
              </button>
              {open === name && (
                <ol className="mx-4 mb-2 rounded bg-gray-50 px-2 py-1 text-[11px]" data-testid="variable-history">
                  {versions.map((v) => (
                    <li key={`${v.seq}-${v.scope}`} className="flex gap-2 py-0.5">
                      <span className="font-mono text-gray-400">#{v.seq}</span>
                      <span className="font-mono text-gray-500">{formatClock(v.at)}</span>
                      <span className="truncate font-mono text-gray-900">{formatValue(v.value)}</span>
                      <span className="ml-auto text-gray-500">{v.actor}</span>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
