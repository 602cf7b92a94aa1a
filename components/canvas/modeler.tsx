'use client';
/**
 * The modeler: palette, canvas, properties and findings around one model, with undo/redo,
 * keyboard shortcuts, autosave through the draft lock, publishing and files. The page hands it
 * the saved draft and server actions bound to the model; it never reaches the database itself.
 */
import '@xyflow/react/dist/style.css';
import './modeler.css';
import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { BpmnModel } from '@/lib/bpmn/model';
import type { Finding } from '@/lib/bpmn/findings';
import { copyFragment, preparePaste, type Fragment } from '@/lib/bpmn/commands';
import { FindingsList } from '@/components/models/findings-list';
import { FindingCountsBadge } from '@/components/models/finding-counts-badge';
import type { ModelerServerActions } from './action-results';
import { ModelerCanvas } from './modeler-canvas';
import { Palette } from './palette';
import { whenIdle } from './when-idle';
import { shortcutFor, type ShortcutAction } from './shortcuts';
import { ShortcutsHelp } from './shortcuts-help';
import { ConflictDialog } from './conflict-dialog';
import { PublishDialog } from './publish-dialog';
import { FileMenu, importFile } from './file-menu';
import { VersionsDialog } from './versions-dialog';
import { StartDialog } from './start-dialog';
import { needsLayout } from '@/lib/bpmn/layout/needs-layout';
import { useFindings } from './use-findings';
import { useRevealDiagram } from './use-reveal-diagram';
import { FIT_OPTIONS } from './opening-view';
import { useAutosave, type SaveStatus } from './use-autosave';
import { useModelerState, type ModelerActions } from './use-modeler-state';
import type { Severity } from './derive-elements';

export type ModelerProps = {
  modelId: string;
  modelKey: string;
  /**
   * The saved draft as JSON text of a parsed BpmnModel, and the server's findings for it (so that
   * opening validates nothing). Text rather than objects: React's payload decoder revives every
   * value of an object prop, JSON.parse reads the same text many times faster.
   */
  initialModelJson: string;
  initialFindingsJson: string;
  initialLock: number;
  latestVersion: number;
  versions: { number: number; message: string | null; publishedAt: string }[];
  mayPublish: boolean;
  /** May start instances (operators): shows "Start…" once a version is published. */
  mayStart: boolean;
  actions: ModelerServerActions;
};

export function Modeler(props: ModelerProps) {
  return (
    <ReactFlowProvider>
      <ModelerInner {...props} />
    </ReactFlowProvider>
  );
}

function ModelerInner({ modelId, modelKey, initialModelJson, initialFindingsJson, initialLock, latestVersion, versions, mayPublish, mayStart, actions: server }: ModelerProps) {
  // The server serialised a model it had parsed with BpmnModelSchema, and validateForExecution's findings.
  const [opened] = useState(() => ({ model: JSON.parse(initialModelJson) as BpmnModel, findings: JSON.parse(initialFindingsJson) as Finding[] }));
  const [state, actions] = useModelerState(opened.model);
  const { model, history, selection, revision, notice } = state;
  const [snap, setSnap] = useState(true);
  const [armed, setArmed] = useState<string | undefined>(undefined);
  const [helpOpen, setHelpOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [startOpen, setStartOpen] = useState(false);
  const clipboard = useRef<{ fragment: Fragment; pastes: number } | null>(null);
  const flow = useReactFlow();
  const reveal = useRevealDiagram();

  // The server's findings for the opened draft; after edits, validated again when idle.
  const findings = useFindings(model, opened);
  const severities = useMemo(() => severityByElement(findings), [findings]);

  // The properties panel (with the FEEL parser and the timer library) is loaded after the canvas
  // is drawn, when the browser is idle, or at once when something is selected before that.
  const panelWanted = usePanelWanted(selection.size > 0);

  const autosave = useAutosave({ model, revision, initialLock, save: server.saveDraft });

  const onShortcut = useCallback(
    (action: ShortcutAction) => {
      const current = actions.current();
      switch (action) {
        case 'undo':
          return actions.undo();
        case 'redo':
          return actions.redo();
        case 'delete':
          if (current.selection.size > 0) actions.run({ kind: 'deleteElements', ids: [...current.selection] }, { label: 'Delete' });
          return;
        case 'copy':
          if (current.selection.size > 0) clipboard.current = { fragment: copyFragment(current.model, [...current.selection]), pastes: 0 };
          return;
        case 'paste':
          return pasteClipboard(actions, clipboard.current);
        case 'selectAll':
          return actions.select(current.model.diagrams[0]?.shapes.map((s) => s.bpmnElement) ?? []);
        case 'deselect':
          setArmed(undefined);
          setHelpOpen(false);
          return actions.select([]);
        case 'fit':
          return void flow.fitView({ ...FIT_OPTIONS, duration: 200 });
        case 'zoomIn':
          return void flow.zoomIn({ duration: 150 });
        case 'zoomOut':
          return void flow.zoomOut({ duration: 150 });
        case 'nudgeLeft':
        case 'nudgeRight':
        case 'nudgeUp':
        case 'nudgeDown':
          return;
        case 'save':
          return void autosave.flush();
        case 'toggleGrid':
          return setSnap((s) => !s);
        case 'help':
          return setHelpOpen((open) => !open);
      }
    },
    [actions, flow, autosave],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      if (action.startsWith('nudge')) {
        const step = event.shiftKey ? 50 : 10;
        const delta = { nudgeLeft: { x: -step, y: 0 }, nudgeRight: { x: step, y: 0 }, nudgeUp: { x: 0, y: -step }, nudgeDown: { x: 0, y: step } }[action as 'nudgeLeft'];
        const ids = [...actions.current().selection];
        if (ids.length > 0) actions.run({ kind: 'moveElements', ids, delta }, { label: 'Move', coalesceKey: `nudge:${ids.join(',')}` });
        return;
      }
      onShortcut(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, onShortcut]);

  const selectFinding = useCallback(
    (elementId: string) => {
      actions.select([elementId]);
      const node = flow.getNode(elementId);
      if (node) void flow.fitView({ nodes: [{ id: elementId }], duration: 300, maxZoom: 1.2, padding: 0.6 });
      else {
        const edge = flow.getEdge(elementId);
        if (edge) void flow.fitView({ nodes: [{ id: edge.source }, { id: edge.target }], duration: 300, maxZoom: 1.2, padding: 0.4 });
      }
    },
    [actions, flow],
  );

  const reloadFromServer = useCallback(async () => {
    const loaded = await server.loadDraft();
    if (loaded.status !== 'ok') {
      actions.notify(loaded.message);
      return;
    }
    actions.reset(loaded.model);
    autosave.adopt(loaded.lock, actions.current().revision);
  }, [server, actions, autosave]);

  const layout = useCallback(async () => {
    // elkjs is large: loaded on first use, not with the modeler.
    const { autoLayout } = await import('@/lib/bpmn/layout/auto-layout');
    const laid = await autoLayout(actions.current().model);
    if (actions.run({ kind: 'replaceModel', model: laid }, { label: 'Auto-layout' })) reveal(laid);
  }, [actions, reveal]);

  const restore = useCallback(
    async (number: number) => {
      const loaded = await server.loadVersion(number);
      if (loaded.status !== 'ok') actions.notify(loaded.message);
      else if (actions.run({ kind: 'replaceModel', model: loaded.model }, { label: `Restore version ${number}`, select: [] })) reveal(loaded.model);
    },
    [server, actions, reveal],
  );

  const errors = findings.filter((f) => f.severity === 'error').length;
  const unplaced = needsLayout(model);

  return (
    <div className="flex h-[calc(100vh-8.5rem)] min-h-[560px] flex-col overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="modeler" data-revision={revision}>
      <div className="flex flex-wrap items-center gap-1 border-b border-gray-200 px-2 py-1.5 text-xs" role="toolbar" aria-label="Modeler">
        <ToolButton label="Undo" testId="undo" disabled={history.past.length === 0} onClick={actions.undo} title={history.past.at(-1) ? `Undo ${history.past.at(-1)?.label} (Ctrl+Z)` : 'Nothing to undo'} />
        <ToolButton label="Redo" testId="redo" disabled={history.future.length === 0} onClick={actions.redo} title="Redo (Ctrl+Shift+Z)" />
        <Divider />
        <ToolButton label="Delete" testId="delete" disabled={selection.size === 0} onClick={() => onShortcut('delete')} title="Delete the selection (Del)" />
        <ToolButton label="Copy" testId="copy" disabled={selection.size === 0} onClick={() => onShortcut('copy')} title="Copy (Ctrl+C)" />
        <ToolButton label="Paste" testId="paste" onClick={() => onShortcut('paste')} title="Paste (Ctrl+V)" />
        <Divider />
        <label className="flex items-center gap-1 px-1 text-gray-700" title="Snap to grid (G)">
          <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} data-testid="snap-to-grid" /> Snap
        </label>
        <ToolButton label="Fit" testId="zoom-fit" onClick={() => onShortcut('fit')} title="Zoom to fit (Shift+1)" />
        <ToolButton label="Auto-layout" testId="auto-layout" onClick={() => void layout()} title="Lay the whole diagram out anew, left to right (elkjs)" />
        <FileMenu model={model} actions={actions} modelKey={modelKey} />
        <ToolButton label="?" testId="shortcuts-button" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)" />
        <div className="ml-auto flex items-center gap-2">
          <SaveIndicator status={autosave.status} />
          <ToolButton label={`Versions (${latestVersion})`} testId="versions-open" onClick={() => setVersionsOpen(true)} title="Open, compare or restore published versions" />
          {mayStart && versions.length > 0 && (
            <button type="button" className="rounded border border-gray-300 px-3 py-1 font-medium text-gray-800 hover:bg-gray-50" data-testid="start-open" onClick={() => setStartOpen(true)}>
              Start…
            </button>
          )}
          {mayPublish && (
            <button type="button" className="rounded bg-blue-600 px-3 py-1 font-medium text-white hover:bg-blue-700" data-testid="publish-open" onClick={() => setPublishOpen(true)}>
              Publish…
            </button>
          )}
        </div>
      </div>
      <div className="flex min-h-0 flex-1">
        <Palette armed={armed} onArm={setArmed} />
        <div className="flex min-w-0 flex-1 flex-col">
          {/* Over the canvas, not above it: a notice never moves what is being edited. */}
          {notice && (
            <div className="relative z-20 h-0">
              <div className="absolute inset-x-0 top-0 flex items-center justify-between border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 shadow-sm" role="status" data-testid="modeler-notice">
                <span>{notice}</span>
                <button type="button" className="underline" onClick={() => actions.notify(undefined)}>
                  Dismiss
                </button>
              </div>
            </div>
          )}
          <div className="bpmn-canvas bpmn-modeler relative min-h-0 flex-1" data-testid="modeler-canvas">
            <ModelerCanvas
              state={state}
              actions={actions}
              findings={severities}
              snapToGrid={snap}
              armed={armed}
              onPlaced={() => setArmed(undefined)}
              onFileDrop={(file) => void importFile(file, actions, reveal)}
            />
            {unplaced && (
              <div className="absolute inset-x-0 top-3 z-10 mx-auto w-fit rounded border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900 shadow" data-testid="needs-layout">
                This model has no positions to draw it with.{' '}
                <button type="button" className="font-medium underline" onClick={() => void layout()}>
                  Lay it out automatically
                </button>
              </div>
            )}
          </div>
          <section className="h-[132px] shrink-0 overflow-y-auto border-t border-gray-200 bg-gray-50 px-3 py-2" aria-labelledby="modeler-findings" data-testid="modeler-findings">
            <div className="mb-1 flex items-center gap-2">
              <h3 id="modeler-findings" className="text-xs font-semibold text-gray-900">
                Validation
              </h3>
              <FindingCountsBadge errors={errors} warnings={findings.length - errors} />
            </div>
            <ShownFindings findings={findings} selectedElementId={selection.size === 1 ? [...selection][0] : undefined} onSelect={selectFinding} />
          </section>
        </div>
        <Suspense fallback={<PanelPlaceholder />}>{panelWanted ? <PropertiesPanel model={model} selection={selection} run={actions.run} /> : <PanelPlaceholder />}</Suspense>
      </div>
      {versionsOpen && <VersionsDialog modelId={modelId} versions={versions} onRestore={restore} onClose={() => setVersionsOpen(false)} />}
      {startOpen && <StartDialog versions={versions.map((v) => v.number)} onStart={server.startInstance} onClose={() => setStartOpen(false)} />}
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
      {autosave.status.kind === 'conflict' && (
        <ConflictDialog
          message={autosave.status.message}
          model={model}
          modelKey={modelKey}
          onReload={reloadFromServer}
          onOverwrite={() => autosave.status.kind === 'conflict' && void autosave.overwrite(autosave.status.currentLock)}
        />
      )}
      {publishOpen && (
        <PublishDialog
          findings={findings}
          nextVersion={latestVersion + 1}
          onClose={() => setPublishOpen(false)}
          onPublish={async (message) => {
            const saved = await autosave.flush();
            if (!saved) return { status: 'error', message: 'The draft could not be saved first, so nothing was published.', findings: [] };
            return server.publish(message);
          }}
          onSelectFinding={(id) => {
            setPublishOpen(false);
            selectFinding(id);
          }}
          versions={versions}
          modelId={modelId}
        />
      )}
    </div>
  );
}

const loadPanel = () => import('./properties-panel');
const PropertiesPanel = lazy(() => loadPanel().then((m) => ({ default: m.PropertiesPanel })));

function usePanelWanted(selected: boolean): boolean {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (loaded) return;
    return whenIdle(() => void loadPanel().then(() => setLoaded(true)), 100);
  }, [loaded]);
  return loaded || selected;
}

/** Where the properties panel goes, while its code loads. */
function PanelPlaceholder() {
  return (
    <aside aria-label="Properties" aria-busy="true" className="h-full w-[300px] shrink-0 border-l border-gray-200 bg-white p-3">
      <h3 className="text-sm font-semibold text-gray-900">Properties</h3>
    </aside>
  );
}

/** At most this many findings are listed at once (a large model can have hundreds). */
const FINDINGS_SHOWN = 100;

const ShownFindings = memo(function ShownFindings({
  findings,
  selectedElementId,
  onSelect,
}: {
  findings: Finding[];
  selectedElementId?: string;
  onSelect: (elementId: string) => void;
}) {
  const shown = findings.length > FINDINGS_SHOWN ? [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')].slice(0, FINDINGS_SHOWN) : findings;
  return (
    <>
      <FindingsList findings={shown} selectedElementId={selectedElementId} onSelect={onSelect} />
      {shown.length < findings.length && <p className="mt-1 text-xs text-gray-500">and {findings.length - shown.length} more; fix these first.</p>}
    </>
  );
});

function pasteClipboard(actions: ModelerActions, clip: { fragment: Fragment; pastes: number } | null) {
  if (!clip || clip.fragment.elements.length + clip.fragment.artifacts.length === 0) return;
  const current = actions.current().model;
  const first = [...clip.fragment.elements, ...clip.fragment.artifacts].find(
    (item) => !clip.fragment.elements.some((e) => e.id === item.parentId),
  );
  const parentExists = first && (current.processes.some((p) => p.id === first.parentId) || current.elements.some((e) => e.id === first.parentId));
  const parentId = parentExists && first ? first.parentId : (current.processes.find((p) => p.isExecutable) ?? current.processes[0])?.id;
  if (!parentId) return;
  clip.pastes += 1;
  const ids = preparePaste(current, clip.fragment);
  const offset = 30 * clip.pastes;
  actions.run({ kind: 'paste', fragment: clip.fragment, ids, delta: { x: offset, y: offset }, parentId }, { label: 'Paste', select: clip.fragment.elements.concat().map((e) => ids[e.id]).filter((id): id is string => id !== undefined) });
}

function severityByElement(findings: Finding[]): ReadonlyMap<string, Severity> {
  const map = new Map<string, Severity>();
  for (const f of findings) {
    if (!f.elementId) continue;
    if (f.severity === 'error' || !map.has(f.elementId)) map.set(f.elementId, f.severity);
  }
  return map;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Divider() {
  return <span className="mx-1 h-4 w-px bg-gray-200" aria-hidden />;
}

export function ToolButton({ label, onClick, disabled, title, testId }: { label: string; onClick: () => void; disabled?: boolean; title?: string; testId: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      title={title}
      data-testid={testId}
      className="rounded px-2 py-1 text-gray-800 hover:bg-gray-100 disabled:cursor-not-allowed disabled:text-gray-400 disabled:hover:bg-transparent"
    >
      {label}
    </button>
  );
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  const text =
    status.kind === 'saved'
      ? 'All changes saved'
      : status.kind === 'saving'
        ? 'Saving…'
        : status.kind === 'unsaved'
          ? 'Unsaved changes'
          : status.kind === 'conflict'
            ? 'Not saved: conflict'
            : `Not saved: ${status.message}`;
  const color = status.kind === 'saved' ? 'text-gray-500' : status.kind === 'conflict' || status.kind === 'error' ? 'text-red-700' : 'text-amber-700';
  return (
    <span className={color} data-testid="save-status" data-status={status.kind} role="status">
      {text}
    </span>
  );
}
