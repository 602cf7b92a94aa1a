'use client';
/**
 * The live instance page: the diagram with its overlay, the time-travel slider, the audit
 * timeline (filters, search), the variables with their history, incidents and operations.
 *
 * Contract
 * - The log is the only input: the state shown is `evolve` folded over the first `position`
 *   events (the core's stateAt), so time travel and live view are the same computation.
 * - `?at=<seq>` in the URL keeps the position (shareable); no `at` means live: new events from
 *   the server-sent stream show at once.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BpmnModel } from '@/lib/bpmn/model';
import { apply, Draft } from '@/lib/engine/core/evolve';
import { EMPTY_STATE, type InstanceState } from '@/lib/engine/core/state';
import { computeOverlay } from '@/lib/instances/overlay';
import { hasSlaTargets, slaBreachesOf } from '@/lib/instances/sla';
import { filterTimeline, shapeTimeline, variableHistory, type TimelineFilter } from '@/lib/instances/timeline';
import { InstanceDiagram } from './instance-diagram';
import { formatTime } from './format';
import { OperationsPanel, type Permissions } from './operations-panel';
import { SlaPanel } from './sla-panel';
import { StatusBadge } from './status-badge';
import { Timeline } from './timeline';
import { useLiveEvents, type LiveEvent } from './use-live-events';
import { VariablesPanel } from './variables-panel';

export type ViewerVersion = { id: string; number: number; model: BpmnModel };

export type ViewerProps = {
  instance: { id: string; processKey: string; processName: string; businessKey: string | null; startedBy: string | null; startedAt: string };
  versions: ViewerVersion[];
  otherVersions: { id: string; number: number }[];
  events: LiveEvent[];
  actors: Record<string, string>;
  elementNames: Record<string, string>;
  permissions: Permissions;
  initialAt: number | null;
};

function fold(events: readonly LiveEvent[], n: number): InstanceState {
  const draft = new Draft(EMPTY_STATE);
  for (let i = 0; i < n && i < events.length; i++) apply(draft, events[i].event);
  return draft.state;
}

export function InstanceViewer(props: ViewerProps) {
  const { events, connected } = useLiveEvents(props.instance.id, props.events);
  const [at, setAt] = useState<number | null>(props.initialAt);
  const [filter, setFilter] = useState<TimelineFilter>({});
  const [selectedElement, setSelectedElement] = useState<string | undefined>(undefined);

  // A person or token the page has no name for acted live: ask the server for the names again.
  const router = useRouter();
  const asked = useRef(new Set<string>());
  useEffect(() => {
    const unknown = new Set<string>();
    for (const e of events) {
      if (e.actor !== null && (e.actor.startsWith('person:') || e.actor.startsWith('token:')) && props.actors[e.actor] === undefined) unknown.add(e.actor);
      if (e.event.type === 'UserTaskCompleted' && e.event.completedBy && props.actors[`person:${e.event.completedBy}`] === undefined) unknown.add(`person:${e.event.completedBy}`);
    }
    const fresh = [...unknown].filter((a) => !asked.current.has(a));
    if (fresh.length === 0) return;
    for (const a of fresh) asked.current.add(a);
    router.refresh();
  }, [events, props.actors, router]);

  const position = at === null ? events.length : Math.min(Math.max(1, at), events.length);
  const live = at === null;

  const moveTo = useCallback((seq: number | null) => {
    setAt(seq);
    const url = new URL(window.location.href);
    if (seq === null) url.searchParams.delete('at');
    else url.searchParams.set('at', String(seq));
    window.history.replaceState(null, '', url);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === 'ArrowLeft') moveTo(Math.max(1, position - 1));
      if (e.key === 'ArrowRight') moveTo(position + 1 >= events.length ? null : position + 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [moveTo, position, events.length]);

  const state = useMemo(() => fold(events, position), [events, position]);
  const liveState = useMemo(() => (live ? state : fold(events, events.length)), [events, live, state]);
  const shown = useMemo(() => events.slice(0, position).map((e) => e.event), [events, position]);
  const overlay = useMemo(() => computeOverlay(shown, state), [shown, state]);

  const versionAt = useMemo(() => {
    let versionId = props.versions[0]?.id;
    for (const e of shown) if (e.type === 'InstanceMigrated') versionId = e.targetVersionId;
    return props.versions.find((v) => v.id === versionId) ?? props.versions.at(-1) ?? props.versions[0];
  }, [shown, props.versions]);

  const slaShown = versionAt !== undefined && hasSlaTargets(versionAt.model, props.instance.processKey);
  const slaBreaches = useMemo(() => (slaShown ? slaBreachesOf(shown, versionAt.model, props.instance.processKey) : []), [slaShown, shown, versionAt, props.instance.processKey]);

  const entries = useMemo(() => shapeTimeline(events, { actors: props.actors, elements: props.elementNames }), [events, props.actors, props.elementNames]);
  const filtered = useMemo(() => filterTimeline(entries, { ...filter, ...(selectedElement ? { elementId: selectedElement } : {}) }), [entries, filter, selectedElement]);
  const history = useMemo(() => variableHistory(entries.slice(0, position)), [entries, position]);
  const variables = state.instanceKey === null ? {} : (state.variables.get(state.instanceKey) ?? {});
  const status = overlay.status === 'none' ? 'active' : overlay.status;
  const liveStatus = liveState.status === 'active' && liveState.suspended ? 'suspended' : liveState.status;
  const current = events[position - 1];

  return (
    <div className="flex flex-col gap-4" data-testid="instance-viewer" data-position={position} data-live={live ? 'true' : 'false'}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="mb-1 text-sm text-gray-500">
            <Link href="/instances" className="hover:underline">Instances</Link> / {props.instance.processName}
          </div>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight text-gray-900">
            <span className="font-mono text-xl" data-testid="instance-id">{props.instance.id}</span>
            <StatusBadge status={status} incidents={state.incidents.size} />
          </h1>
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-gray-600">
            <div><dt className="inline text-gray-500">Process </dt><dd className="inline font-medium text-gray-900">{props.instance.processKey}</dd></div>
            <div><dt className="inline text-gray-500">Version </dt><dd className="inline font-medium text-gray-900" data-testid="instance-version">v{versionAt?.number}</dd></div>
            {props.instance.businessKey && <div><dt className="inline text-gray-500">Business key </dt><dd className="inline font-medium text-gray-900">{props.instance.businessKey}</dd></div>}
            <div><dt className="inline text-gray-500">Started </dt><dd className="inline text-gray-900">{formatTime(props.instance.startedAt)}</dd></div>
            {props.instance.startedBy && <div><dt className="inline text-gray-500">by </dt><dd className="inline text-gray-900">{props.instance.startedBy}</dd></div>}
          </dl>
        </div>
        <div className="no-print flex shrink-0 items-center gap-2">
          <span className={`inline-flex items-center gap-1.5 text-xs ${connected ? 'text-green-700' : 'text-gray-500'}`} data-testid="live-indicator">
            <span className={`h-2 w-2 rounded-full ${connected ? 'bg-green-500' : 'bg-gray-400'}`} />
            {connected ? 'Live' : 'Connecting…'}
          </span>
          <a className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50" href={`/instances/${props.instance.id}/export?format=json`} data-testid="export-json">Export JSON</a>
          <a className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50" href={`/instances/${props.instance.id}/export?format=csv`} data-testid="export-csv">Export CSV</a>
          <a className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-700 hover:bg-gray-50" href={`/instances/${props.instance.id}/print`} target="_blank" rel="noreferrer">Print report</a>
        </div>
      </div>

      <section className="rounded-lg border border-gray-200 bg-white p-3" aria-label="Diagram">
        {versionAt && <InstanceDiagram model={versionAt.model} overlay={overlay} onElementClick={(id) => setSelectedElement((s) => (s === id ? undefined : id))} selectedElementId={selectedElement} />}
        <div className="mt-3 flex items-center gap-3" data-testid="time-travel">
          <button type="button" className="rounded border border-gray-300 px-2 py-1 text-xs hover:bg-gray-50 disabled:opacity-40" onClick={() => moveTo(Math.max(1, position - 1))} disabled={position <= 1} aria-label="Previous event">◀</button>
          <input
            type="range"
            min={1}
            max={Math.max(1, events.length)}
            value={position}
            onChange={(e) => {
              const n = Number(e.target.value);
              moveTo(n >= events.length ? null : n);
            }}
            className="flex-1 accent-blue-600"
            aria-label="Time travel: position in the event log"
            data-testid="time-slider"
          />
          <button type="button" className="rounded border border-gray-300 px-2 py-1 text-xs hover:bg-gray-50 disabled:opacity-40" onClick={() => moveTo(position + 1 >= events.length ? null : position + 1)} disabled={live} aria-label="Next event">▶</button>
          <span className="w-64 truncate text-xs text-gray-600" data-testid="position-label">
            {live ? <>Live · event {events.length}</> : <>As right after #{position} {current?.event.type} · {current ? formatTime(current.at) : ''}</>}
          </span>
          <button type="button" onClick={() => moveTo(null)} disabled={live} className="rounded-md bg-blue-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-blue-700 disabled:bg-gray-200 disabled:text-gray-500" data-testid="go-live">
            Go live
          </button>
        </div>
        {!live && (
          <p className="mt-2 rounded bg-amber-50 px-3 py-1.5 text-xs text-amber-900" data-testid="time-travel-banner">
            You are looking at the past: the diagram, tokens and variables are as they were right after event #{position}. Operations act on the instance as it is now.
          </p>
        )}
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <section className="rounded-lg border border-gray-200 bg-white lg:col-span-2" aria-label="Audit timeline">
          <Timeline
            entries={filtered}
            all={entries}
            position={position}
            filter={filter}
            onFilter={setFilter}
            selectedElement={selectedElement}
            onClearElement={() => setSelectedElement(undefined)}
            onSelect={(seq) => moveTo(seq >= events.length ? null : seq)}
          />
        </section>
        <div className="flex flex-col gap-4">
          <OperationsPanel
            instanceId={props.instance.id}
            status={liveStatus}
            state={liveState}
            versionId={props.versions.at(-1)?.id ?? ''}
            versionNumber={props.versions.at(-1)?.number ?? 0}
            otherVersions={props.otherVersions}
            model={props.versions.at(-1)?.model}
            permissions={props.permissions}
          />
          {slaShown && <SlaPanel breaches={slaBreaches} elementNames={props.elementNames} />}
          <VariablesPanel variables={variables} history={history} />
        </div>
      </div>
    </div>
  );
}
