'use client';
/**
 * The editing canvas: React Flow over nodes and edges derived from the model. Gestures become
 * commands (lib/bpmn/commands/gestures.ts) when they end; while a shape is dragged or resized,
 * only its view moves (overrides), so the model changes once per gesture and undo is one step.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import type { Bounds, Point } from '@/lib/bpmn/model';
import { mapDiagram } from '@/lib/bpmn/diagram/map-diagram';
import { connectionKindBetween, idPrefix, movedTogether, newElementId } from '@/lib/bpmn/commands';
import { dragEnd, paletteDrop, type Gesture } from '@/lib/bpmn/commands/gestures';
import { edgeEndDrop, labelDragEnd, waypointsEdit } from '@/lib/bpmn/commands/edge-gestures';
import { CanvasCallbacksContext, type CanvasCallbacks } from './canvas-context';
import { canvasEdgeTypes, type CanvasEdge } from './canvas-edge';
import { canvasNodeTypes } from './canvas-nodes';
import { createCaches, deriveEdges, deriveNodes, type CanvasNode, type Severity } from './derive-elements';
import type { ModelerActions, ModelerState } from './use-modeler-state';
import { whenIdle } from './when-idle';
import { diagramExtent, FIT_OPTIONS, openingView } from './opening-view';

export const PALETTE_MIME = 'application/x-baton-palette';

/** Containers and labels are left out of the minimap so that the shapes stand out. */
function minimapColor(node: CanvasNode): string {
  return node.type === 'pool' || node.type === 'lane' || node.type === 'label' ? 'transparent' : '#cbd5e1';
}
export const GRID: [number, number] = [10, 10];

export type ModelerCanvasProps = {
  state: ModelerState;
  actions: ModelerActions;
  findings: ReadonlyMap<string, Severity>;
  snapToGrid: boolean;
  /** A palette entry chosen by click: the next click on the canvas places it. */
  armed?: string;
  onPlaced: () => void;
  /** A file dropped on the canvas (a .bpmn to import). */
  onFileDrop: (file: File) => void;
};

export function ModelerCanvas({ state, actions, findings, snapToGrid, armed, onPlaced, onFileDrop }: ModelerCanvasProps) {
  const { model, selection } = state;
  const { screenToFlowPosition } = useReactFlow();
  const mapped = useMemo(() => mapDiagram(model), [model]);
  // Where the view opens (./opening-view.ts): fitted, or a readable part of a large diagram.
  const [opening] = useState(() => openingView(diagramExtent(model)));
  const [overrides, setOverrides] = useState<ReadonlyMap<string, Partial<Bounds>>>(new Map());
  // Identity caches of derived nodes and edges (see derive-elements.ts): one per canvas, never replaced.
  const [caches] = useState(createCaches);
  // The minimap draws every node once more: it is mounted after the canvas is interactive (the
  // first pointer or key press on the page, or a few seconds after opening), never on the way there.
  const minimapShown = useShownAfterFirstInteraction(MINIMAP_LATEST_MS);
  /** Where the shapes of the current drag started, by node id (dragged ones and what moves along). */
  const dragStart = useRef<Map<string, Point> | null>(null);

  const view = useMemo(() => ({ selection, findings, overrides }), [selection, findings, overrides]);
  const nodes = useMemo(() => deriveNodes(mapped.nodes, view, caches.nodes), [mapped, view, caches]);
  const edgeContext = useMemo(
    () => ({
      bounds: new Map(mapped.nodes.map((n) => [n.id, { x: n.position.x, y: n.position.y, width: n.width, height: n.height }])),
      gateways: new Set(mapped.nodes.filter((n) => n.data.kind === 'gateway').map((n) => n.id)),
    }),
    [mapped],
  );
  const edges = useMemo(() => deriveEdges(mapped.edges, view, edgeContext, caches.edges), [mapped, view, edgeContext, caches]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      let selectionChanged = false;
      const nextSelection = new Set(actions.current().selection);
      const moved = new Map<string, Partial<Bounds>>();
      for (const change of changes) {
        if (change.type === 'select') {
          selectionChanged = true;
          if (change.selected) nextSelection.add(change.id);
          else nextSelection.delete(change.id);
        } else if (change.type === 'position' && change.position && change.dragging) {
          moved.set(change.id, { ...moved.get(change.id), x: change.position.x, y: change.position.y });
        } else if (change.type === 'dimensions' && change.resizing && change.dimensions) {
          moved.set(change.id, { ...moved.get(change.id), width: change.dimensions.width, height: change.dimensions.height });
        }
      }
      if (selectionChanged) actions.select(nextSelection);
      if (moved.size > 0) {
        setOverrides((previous) => {
          const next = new Map(previous);
          for (const [id, b] of moved) next.set(id, { ...next.get(id), ...b });
          return next;
        });
      }
    },
    [actions],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      const nextSelection = new Set(actions.current().selection);
      let changed = false;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        changed = true;
        if (change.selected) nextSelection.add(change.id);
        else nextSelection.delete(change.id);
      }
      if (changed) actions.select(nextSelection);
    },
    [actions],
  );

  const onNodeDragStart: OnNodeDrag<CanvasNode> = useCallback(
    (_, __, dragged) => {
      const current = actions.current().model;
      const together = movedTogether(current, dragged.map((n) => n.id));
      const byId = new Map(nodes.map((n) => [n.id, n.position]));
      const start = new Map<string, Point>();
      for (const id of [...together, ...[...together].map((id) => `label:${id}`)]) {
        const p = byId.get(id);
        if (p) start.set(id, p);
      }
      dragStart.current = start;
    },
    [actions, nodes],
  );

  const onNodeDrag: OnNodeDrag<CanvasNode> = useCallback((_, node) => {
    const start = dragStart.current;
    const origin = start?.get(node.id);
    if (!start || !origin) return;
    const delta = { x: node.position.x - origin.x, y: node.position.y - origin.y };
    setOverrides(() => {
      const next = new Map<string, Partial<Bounds>>();
      for (const [id, p] of start) next.set(id, { x: p.x + delta.x, y: p.y + delta.y });
      return next;
    });
  }, []);

  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_, node, dragged) => {
      const origin = dragStart.current?.get(node.id);
      dragStart.current = null;
      setOverrides(new Map());
      if (!origin) return;
      const delta = { x: node.position.x - origin.x, y: node.position.y - origin.y };
      const ids = dragged.map((n) => n.id).filter((id) => !id.startsWith('label:'));
      const model = actions.current().model;
      // A label dragged alone moves only itself; with its shape it moves along (moveElements).
      const gesture = ids.length === 0 && node.id.startsWith('label:') ? labelDragEnd(model, node.id.slice('label:'.length), delta) : dragEnd(model, ids, delta);
      runGesture(actions, gesture);
    },
    [actions],
  );

  const isValidConnection: IsValidConnection<CanvasEdge> = useCallback(
    (c) => c.source !== null && c.target !== null && !('error' in connectionKindBetween(actions.current().model, c.source, c.target)),
    [actions],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const current = actions.current().model;
      const chosen = connectionKindBetween(current, c.source, c.target);
      if ('error' in chosen) {
        actions.notify(chosen.error);
        return;
      }
      const id = newElementId(current, idPrefix(chosen.kind));
      actions.run({ kind: 'connect', connection: chosen.kind, id, sourceRef: c.source, targetRef: c.target }, { label: 'Connect', select: [id] });
    },
    [actions],
  );

  const place = useCallback(
    (key: string, clientPoint: Point) => {
      const point = screenToFlowPosition(clientPoint);
      const gesture = paletteDrop(actions.current().model, key, point);
      if ('error' in gesture) actions.notify(gesture.error);
      else actions.run(gesture.command, { label: gesture.label, select: gesture.select });
    },
    [actions, screenToFlowPosition],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME) && !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const file = event.dataTransfer.files[0];
      if (file) {
        event.preventDefault();
        onFileDrop(file);
        return;
      }
      const key = event.dataTransfer.getData(PALETTE_MIME);
      if (!key) return;
      event.preventDefault();
      place(key, { x: event.clientX, y: event.clientY });
    },
    [place, onFileDrop],
  );

  const onPaneClick = useCallback(
    (event: MouseEvent) => {
      if (!armed) return;
      place(armed, { x: event.clientX, y: event.clientY });
      onPlaced();
    },
    [armed, place, onPlaced],
  );

  const callbacks = useMemo<CanvasCallbacks>(
    () => ({
      resizeEnded: (elementId, bounds) => {
        setOverrides(new Map());
        actions.run({ kind: 'resizeElement', id: elementId, bounds }, { label: 'Resize', select: [elementId] });
      },
      edgeEndDropped: (edgeId, end, point) => runGesture(actions, edgeEndDrop(actions.current().model, edgeId, end, point)),
      waypointsChanged: (edgeId, waypoints, label) => runGesture(actions, waypointsEdit(actions.current().model, edgeId, waypoints, label)),
    }),
    [actions],
  );

  return (
    <CanvasCallbacksContext.Provider value={callbacks}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={canvasNodeTypes}
        edgeTypes={canvasEdgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onPaneClick={onPaneClick}
        snapToGrid={snapToGrid}
        snapGrid={GRID}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        elevateNodesOnSelect={false}
        elevateEdgesOnSelect={false}
        nodeDragThreshold={2}
        fitView={opening.fit}
        fitViewOptions={FIT_OPTIONS}
        defaultViewport={opening.fit ? undefined : opening.viewport}
        // Only what is in view is drawn: a large model opens as fast as a small one.
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={4}
        colorMode="light"
        className={armed ? 'bpmn-canvas--placing' : undefined}
      >
        <Background gap={GRID[0] * 2} size={1} color="#e5e7eb" />
        <Controls showInteractive={false} position="bottom-left" />
        {minimapShown && <MiniMap pannable zoomable position="bottom-right" nodeColor={minimapColor} ariaLabel="Minimap" />}
      </ReactFlow>
    </CanvasCallbacksContext.Provider>
  );
}

/** Runs what a gesture means, or shows why it means nothing; a gesture that changes nothing is ignored. */
function runGesture(actions: ModelerActions, gesture: Gesture | undefined): void {
  if (!gesture) return;
  if ('error' in gesture) actions.notify(gesture.error);
  else actions.run(gesture.command, { label: gesture.label, select: gesture.select });
}

const MINIMAP_LATEST_MS = 3000;

/** False until the first pointer or key press on the page (then when idle), or `latestMs` after mounting. */
function useShownAfterFirstInteraction(latestMs: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown) return;
    let cancelIdle: (() => void) | undefined;
    const show = () => {
      cancelIdle ??= whenIdle(() => setShown(true), 500);
    };
    const timer = window.setTimeout(show, latestMs);
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const type of events) window.addEventListener(type, show, { once: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      cancelIdle?.();
      for (const type of events) window.removeEventListener(type, show);
    };
  }, [shown, latestMs]);
  return shown;
}
