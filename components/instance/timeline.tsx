'use client';
/** The audit timeline: every event with time, actor, element and details; filters and search. */
import { useMemo } from 'react';
import type { TimelineEntry, TimelineFilter } from '@/lib/instances/timeline';
import { formatClock, formatValue } from './format';

const CATEGORY_STYLE: Record<TimelineEntry['category'], string> = {
  instance: 'bg-gray-800 text-white',
  element: 'bg-blue-50 text-blue-700',
  flow: 'bg-green-50 text-green-700',
  variables: 'bg-violet-50 text-violet-700',
  job: 'bg-sky-50 text-sky-700',
  timer: 'bg-cyan-50 text-cyan-700',
  task: 'bg-amber-50 text-amber-800',
  message: 'bg-teal-50 text-teal-700',
  incident: 'bg-red-50 text-red-700',
  agent: 'bg-fuchsia-50 text-fuchsia-700',
  operation: 'bg-orange-50 text-orange-800',
  call: 'bg-indigo-50 text-indigo-700',
};

const ACTOR_STYLE: Record<string, string> = { person: 'bg-sky-100 text-sky-800', token: 'bg-amber-100 text-amber-800', agent: 'bg-fuchsia-100 text-fuchsia-800', system: 'bg-gray-100 text-gray-600' };

export function Timeline({
  entries,
  all,
  position,
  filter,
  onFilter,
  onSelect,
  selectedElement,
  onClearElement,
}: {
  entries: TimelineEntry[];
  all: TimelineEntry[];
  position: number;
  filter: TimelineFilter;
  onFilter: (f: TimelineFilter) => void;
  onSelect: (seq: number) => void;
  selectedElement?: string;
  onClearElement: () => void;
}) {
  const options = useMemo(() => {
    const elements = new Set<string>();
    const actors = new Set<string>();
    const types = new Set<string>();
    for (const e of all) {
      if (e.elementId) elements.add(e.elementId);
      actors.add(e.actor.label);
      types.add(e.type);
    }
    return { elements: [...elements].sort(), actors: [...actors].sort(), types: [...types].sort() };
  }, [all]);
  const select = 'rounded-md border border-gray-300 bg-white px-2 py-1 text-xs text-gray-800';
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2 border-b border-gray-200 px-4 py-3">
        <h2 className="mr-2 text-sm font-semibold text-gray-900">Audit timeline</h2>
        <input
          type="search"
          placeholder="Search events…"
          value={filter.q ?? ''}
          onChange={(e) => onFilter({ ...filter, q: e.target.value || undefined })}
          className="w-44 rounded-md border border-gray-300 px-2 py-1 text-xs"
          aria-label="Search the timeline"
          data-testid="timeline-search"
        />
        <select className={select} value={filter.elementId ?? ''} onChange={(e) => onFilter({ ...filter, elementId: e.target.value || undefined })} aria-label="Filter by element">
          <option value="">All elements</option>
          {options.elements.map((id) => <option key={id} value={id}>{id}</option>)}
        </select>
        <select className={select} value={filter.actor ?? ''} onChange={(e) => onFilter({ ...filter, actor: e.target.value || undefined })} aria-label="Filter by actor">
          <option value="">All actors</option>
          {options.actors.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
        <select className={select} value={filter.type ?? ''} onChange={(e) => onFilter({ ...filter, type: e.target.value || undefined })} aria-label="Filter by event type" data-testid="timeline-type">
          <option value="">All event types</option>
          {options.types.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        {selectedElement && (
          <button type="button" onClick={onClearElement} className="rounded-full bg-blue-50 px-2 py-0.5 text-xs text-blue-700 hover:bg-blue-100">
            element: {selectedElement} ✕
          </button>
        )}
        <span className="ml-auto text-xs text-gray-500" data-testid="timeline-count">{entries.length} of {all.length} events</span>
      </div>
      <ol className="max-h-[560px] divide-y divide-gray-100 overflow-y-auto" data-testid="timeline">
        {entries.map((e) => {
          const future = e.seq > position;
          const here = e.seq === position;
          return (
            <li key={e.seq} className={`${here ? 'bg-blue-50' : 'hover:bg-gray-50'} ${future ? 'opacity-45' : ''}`} data-testid="timeline-entry" data-seq={e.seq} data-type={e.type}>
              <button type="button" onClick={() => onSelect(e.seq)} className="grid w-full grid-cols-[44px_92px_1fr] items-start gap-2 px-4 py-2 text-left" title="Show the instance as it was right after this event">
                <span className="pt-0.5 font-mono text-[11px] text-gray-400">#{e.seq}</span>
                <span className="pt-0.5 font-mono text-[11px] text-gray-500">{formatClock(e.at)}</span>
                <span className="min-w-0">
                  <span className="flex flex-wrap items-center gap-1.5">
                    <span className={`rounded px-1.5 py-0.5 font-mono text-[10px] font-semibold ${CATEGORY_STYLE[e.category]}`}>{e.type}</span>
                    <span className="truncate text-sm text-gray-900">{e.summary}</span>
                  </span>
                  <span className="mt-0.5 flex flex-wrap gap-x-3 text-[11px] text-gray-500">
                    <span data-testid="timeline-actor"><span className={`mr-1 rounded px-1 text-[10px] ${ACTOR_STYLE[e.actor.kind]}`}>{e.actor.kind}</span>{e.actor.label}</span>
                    {e.elementId && <span className="font-mono">{e.elementId}</span>}
                    {e.job && <span>job attempt {e.job.attempt}{e.job.retriesLeft !== undefined ? ` · ${e.job.retriesLeft} retries left` : ''}{e.job.retryAt ? ` · retry at ${formatClock(e.job.retryAt)}` : ''}</span>}
                  </span>
                  {e.job?.error && <span className="mt-1 block rounded bg-red-50 px-2 py-1 font-mono text-[11px] text-red-800">{e.job.error}</span>}
                  {e.changes && e.changes.length > 0 && (
                    <span className="mt-1 block rounded border border-gray-100 bg-gray-50 px-2 py-1 font-mono text-[11px]" data-testid="variable-diff">
                      {e.changes.map((c) => (
                        <span key={`${c.scope}:${c.name}`} className="block">
                          <span className="text-gray-700">{c.name}</span>
                          {c.scope !== 'process' && <span className="text-gray-400"> @{c.scope}</span>}
                          {': '}
                          {c.kind === 'added' ? (
                            <span className="text-green-700">+ {formatValue(c.after)}</span>
                          ) : (
                            <>
                              <span className="text-red-700 line-through">{formatValue(c.before)}</span> → <span className="text-green-700">{formatValue(c.after)}</span>
                            </>
                          )}
                        </span>
                      ))}
                    </span>
                  )}
                  {e.agent && (
                    <span className="mt-1 grid grid-cols-2 gap-x-4 rounded border border-fuchsia-100 bg-fuchsia-50/50 px-2 py-1 text-[11px] text-gray-700">
                      {e.agent.model && <span>model <b>{e.agent.model}</b></span>}
                      {e.agent.tokens !== undefined && <span>tokens <b>{e.agent.tokens}</b></span>}
                      {e.agent.latencyMs !== undefined && <span>latency <b>{e.agent.latencyMs} ms</b></span>}
                      {e.agent.toolCalls && <span>tools <b>{e.agent.toolCalls.join(', ')}</b></span>}
                      {e.agent.decision && <span>decision <b>{e.agent.decision}</b></span>}
                      {e.agent.reason && <span className="col-span-2">reason: {e.agent.reason}</span>}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
        {entries.length === 0 && <li className="px-4 py-8 text-center text-sm text-gray-500">No event matches the filters.</li>}
      </ol>
    </div>
  );
}
