'use client';
/**
 * The modeler's edge: the read-only BPMN edge (components/diagram/bpmn-edge), whose waypoints
 * follow a shape while it is dragged. The model changes only when the drag ends (a move command
 * routes the flow for good); until then the preview is derived here from where React Flow has
 * the end nodes, so only the edges of the dragged shapes re-render.
 *
 * A selected connection shows its editing handles (see EdgeEditHandles): its two ends, which
 * can be dragged onto another shape (reconnect), its bend points, which can be dragged or
 * removed by a double click, and the middle of every segment, dragged to add a bend point.
 * While such a drag is under way only this edge re-renders (a local preview); the gesture
 * becomes one command when the pointer is let go.
 */
import { memo, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useInternalNode, useReactFlow, type Edge, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { FlowEdgeData } from '@/lib/bpmn/diagram/types';
import { routeOrthogonal, translatePoints } from '@/lib/bpmn/diagram/route';
import { insertBend, moveBend, removeBend } from '@/lib/bpmn/commands/edge-gestures';
import type { Bounds, Point } from '@/lib/bpmn/model';
import { BpmnEdge, type BpmnFlowEdge } from '@/components/diagram/bpmn-edge';
import { HIGHLIGHT } from '@/components/diagram/shapes/style';
import { useCanvasCallbacks } from './canvas-context';

/** Edge data on the canvas: the DI bounds of both ends as mapped, to tell when an end has moved. */
export type CanvasEdgeData = FlowEdgeData & { sourceBounds?: Bounds; targetBounds?: Bounds; verticalStart?: boolean; editable?: boolean };
export type CanvasEdge = Edge<CanvasEdgeData, 'bpmn'>;

function currentBounds(node: ReturnType<typeof useInternalNode>, fallback: Bounds | undefined): Bounds | undefined {
  if (!node || !fallback) return fallback;
  const p = node.internals.positionAbsolute;
  return { x: p.x, y: p.y, width: node.width ?? fallback.width, height: node.height ?? fallback.height };
}

function moved(a: Bounds | undefined, b: Bounds | undefined): Point | undefined {
  if (!a || !b) return undefined;
  if (a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height) return undefined;
  return { x: b.x - a.x, y: b.y - a.y };
}

function CanvasEdgeComponent(props: EdgeProps<CanvasEdge>) {
  const { data, source, target, selected, id } = props;
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const [preview, setPreview] = useState<Point[] | null>(null);
  if (!data) return null;
  const s = currentBounds(sourceNode, data.sourceBounds);
  const t = currentBounds(targetNode, data.targetBounds);
  const ds = moved(data.sourceBounds, s);
  const dt = moved(data.targetBounds, t);
  let waypoints = data.waypoints;
  if (ds && dt && ds.x === dt.x && ds.y === dt.y) waypoints = translatePoints(waypoints, ds);
  else if ((ds || dt) && s && t) waypoints = routeOrthogonal(s, t, { verticalStart: data.verticalStart });
  const shown = preview ?? waypoints;
  const edgeProps = { ...props, data: shown === data.waypoints ? data : { ...data, waypoints: shown } } as unknown as EdgeProps<BpmnFlowEdge>;
  return (
    <>
      <BpmnEdge {...edgeProps} />
      {selected && data.editable && waypoints === data.waypoints && <EdgeEditHandles id={id} points={waypoints} onPreview={setPreview} />}
    </>
  );
}

type Grip = { kind: 'end'; end: 'source' | 'target' } | { kind: 'bend'; index: number } | { kind: 'segment'; index: number };

/** The editing handles of a selected connection, in flow coordinates (the edge layer's). */
function EdgeEditHandles({ id, points, onPreview }: { id: string; points: Point[]; onPreview: (points: Point[] | null) => void }) {
  const { screenToFlowPosition } = useReactFlow();
  const callbacks = useCanvasCallbacks();

  const grab = (event: ReactPointerEvent<SVGElement>, grip: Grip) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    const element = event.currentTarget;
    element.setPointerCapture(event.pointerId);
    const at = (e: PointerEvent) => screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
    let latest: Point[] | null = null;
    const pointsFor = (p: Point): Point[] => {
      switch (grip.kind) {
        case 'end':
          return grip.end === 'source' ? [p, ...points.slice(1)] : [...points.slice(0, -1), p];
        case 'bend':
          return moveBend(points, grip.index, p);
        case 'segment':
          return insertBend(points, grip.index, p);
      }
    };
    const onMove = (e: PointerEvent) => {
      latest = pointsFor(at(e));
      onPreview(latest);
    };
    const onUp = (e: PointerEvent) => {
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onCancel);
      onPreview(null);
      if (!latest) return;
      if (grip.kind === 'end') callbacks.edgeEndDropped(id, grip.end, at(e));
      else callbacks.waypointsChanged(id, pointsFor(at(e)), grip.kind === 'bend' ? 'Move bend point' : 'Add bend point');
    };
    const onCancel = () => {
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onCancel);
      onPreview(null);
    };
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onCancel);
  };

  const last = points.length - 1;
  return (
    <g className="bpmn-edge-handles nopan nodrag" data-edge-handles={id}>
      {points.slice(0, -1).map((p, i) => {
        const q = points[i + 1];
        const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
        return (
          <rect
            key={`segment-${i}`}
            className="bpmn-edge-handle bpmn-edge-handle--segment nopan nodrag"
            data-edge-handle="segment"
            data-index={i}
            x={mid.x - 4}
            y={mid.y - 4}
            width={8}
            height={8}
            onPointerDown={(e) => grab(e, { kind: 'segment', index: i })}
          >
            <title>Drag to add a bend point</title>
          </rect>
        );
      })}
      {points.map((p, i) => {
        if (i === 0 || i === last) return null;
        return (
          <circle
            key={`bend-${i}`}
            className="bpmn-edge-handle bpmn-edge-handle--bend nopan nodrag"
            data-edge-handle="bend"
            data-index={i}
            cx={p.x}
            cy={p.y}
            r={5}
            stroke={HIGHLIGHT}
            onPointerDown={(e) => grab(e, { kind: 'bend', index: i })}
            onDoubleClick={(e) => {
              e.stopPropagation();
              callbacks.waypointsChanged(id, removeBend(points, i), 'Remove bend point');
            }}
          >
            <title>Drag to move this bend point; double-click to remove it</title>
          </circle>
        );
      })}
      {(['source', 'target'] as const).map((end) => {
        const p = end === 'source' ? points[0] : points[last];
        return (
          <circle
            key={end}
            className="bpmn-edge-handle bpmn-edge-handle--end nopan nodrag"
            data-edge-handle={end}
            cx={p.x}
            cy={p.y}
            r={6}
            stroke={HIGHLIGHT}
            onPointerDown={(e) => grab(e, { kind: 'end', end })}
          >
            <title>{end === 'source' ? 'Drag onto another element to move the start of this connection' : 'Drag onto another element to move the end of this connection'}</title>
          </circle>
        );
      })}
    </g>
  );
}

export const CanvasEdgeView = memo(CanvasEdgeComponent);

/** Declared once at module scope. */
export const canvasEdgeTypes = { bpmn: CanvasEdgeView } satisfies EdgeTypes;
