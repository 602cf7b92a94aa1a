'use client';
/**
 * The modeler's edge: the read-only BPMN edge (components/diagram/bpmn-edge), whose waypoints
 * follow a shape while it is dragged. The model changes only when the drag ends (a move command
 * routes the flow for good); until then the preview is derived here from where React Flow has
 * the end nodes, so only the edges of the dragged shapes re-render.
 */
import { memo } from 'react';
import { useInternalNode, type Edge, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { FlowEdgeData } from '@/lib/bpmn/diagram/types';
import { routeOrthogonal, translatePoints } from '@/lib/bpmn/diagram/route';
import type { Bounds, Point } from '@/lib/bpmn/model';
import { BpmnEdge, type BpmnFlowEdge } from '@/components/diagram/bpmn-edge';

/** Edge data on the canvas: the DI bounds of both ends as mapped, to tell when an end has moved. */
export type CanvasEdgeData = FlowEdgeData & { sourceBounds?: Bounds; targetBounds?: Bounds; verticalStart?: boolean };
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
  const { data, source, target } = props;
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  if (!data) return null;
  const s = currentBounds(sourceNode, data.sourceBounds);
  const t = currentBounds(targetNode, data.targetBounds);
  const ds = moved(data.sourceBounds, s);
  const dt = moved(data.targetBounds, t);
  let waypoints = data.waypoints;
  if (ds && dt && ds.x === dt.x && ds.y === dt.y) waypoints = translatePoints(waypoints, ds);
  else if ((ds || dt) && s && t) waypoints = routeOrthogonal(s, t, { verticalStart: data.verticalStart });
  const edgeProps = { ...props, data: waypoints === data.waypoints ? data : { ...data, waypoints } } as unknown as EdgeProps<BpmnFlowEdge>;
  return <BpmnEdge {...edgeProps} />;
}

export const CanvasEdgeView = memo(CanvasEdgeComponent);

/** Declared once at module scope. */
export const canvasEdgeTypes = { bpmn: CanvasEdgeView } satisfies EdgeTypes;
