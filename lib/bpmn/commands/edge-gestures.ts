/**
 * What the canvas's gestures on a connection mean as commands: dragging one of its ends onto
 * another shape (reconnect), dragging, adding or removing a bend point (setWaypoints), and
 * dragging an external label (moveLabel). Pure: the canvas forwards flow coordinates only.
 */
import type { Bounds, BpmnModel, Point } from '../model';
import { area, defaultEdgeLabelBounds, defaultShapeLabelBounds } from '../diagram/geometry';
import { containsPoint } from '../diagram/route';
import { connectionEnds } from './connections';
import { connectionKindBetween } from './connect';
import { allLanes, editedDiagram, edgeOf, shapeOf } from './model-edit';
import type { Gesture } from './gestures';

/**
 * The shape a connection end let go at `point` lands on: the smallest drawn shape containing the
 * point that a connection may touch (lanes and groups are backgrounds, never ends).
 */
export function connectableAt(model: BpmnModel, point: Point): string | undefined {
  const backgrounds = new Set<string>([
    ...allLanes(model).map(({ lane }) => lane.id),
    ...model.artifacts.filter((a) => a.type === 'group').map((a) => a.id),
  ]);
  let best: { id: string; area: number } | undefined;
  for (const shape of editedDiagram(model)?.shapes ?? []) {
    if (backgrounds.has(shape.bpmnElement) || !containsPoint(shape.bounds, point)) continue;
    const a = area(shape.bounds);
    if (!best || a < best.area) best = { id: shape.bpmnElement, area: a };
  }
  return best?.id;
}

/** One end of connection `id` let go at `point`: a reconnect to the shape there, checked like a new connection. */
export function edgeEndDrop(model: BpmnModel, id: string, end: 'source' | 'target', point: Point): Gesture | undefined {
  const ends = connectionEnds(model, id);
  if (!ends) return { error: `There is no connection "${id}".` };
  const to = connectableAt(model, point);
  if (!to) return { error: 'Let the end of a connection go on an element.' };
  if (to === (end === 'source' ? ends.sourceRef : ends.targetRef)) return undefined;
  const sourceRef = end === 'source' ? to : ends.sourceRef;
  const targetRef = end === 'target' ? to : ends.targetRef;
  const chosen = connectionKindBetween(model, sourceRef, targetRef);
  if ('error' in chosen) return { error: chosen.error };
  if (chosen.kind !== ends.kind) return { error: `That would make this ${ends.kind} a ${chosen.kind}; delete it and connect anew.` };
  return { command: { kind: 'reconnect', id, end, to }, label: 'Reconnect', select: [id] };
}

/** The waypoints with bend `index` (not an end) moved to `point`. */
export function moveBend(waypoints: readonly Point[], index: number, point: Point): Point[] {
  if (index <= 0 || index >= waypoints.length - 1) return [...waypoints];
  return waypoints.map((p, i) => (i === index ? round(point) : p));
}

/** The waypoints with a new bend at `point` on segment `segment` (between waypoints `segment` and `segment + 1`). */
export function insertBend(waypoints: readonly Point[], segment: number, point: Point): Point[] {
  if (segment < 0 || segment >= waypoints.length - 1) return [...waypoints];
  return [...waypoints.slice(0, segment + 1), round(point), ...waypoints.slice(segment + 1)];
}

/** The waypoints without bend `index` (the ends stay). */
export function removeBend(waypoints: readonly Point[], index: number): Point[] {
  if (index <= 0 || index >= waypoints.length - 1) return [...waypoints];
  return waypoints.filter((_, i) => i !== index);
}

/** A bend point edit of connection `id` as a command (undefined when nothing changes). */
export function waypointsEdit(model: BpmnModel, id: string, waypoints: Point[], label: string): Gesture | undefined {
  const edge = edgeOf(model, id);
  if (!edge) return { error: `The connection "${id}" is not drawn.` };
  const same = edge.waypoints.length === waypoints.length && edge.waypoints.every((p, i) => p.x === waypoints[i].x && p.y === waypoints[i].y);
  if (same) return undefined;
  return { command: { kind: 'setWaypoints', id, waypoints }, label, select: [id] };
}

/** The DI label bounds of a shape or connection as drawn now (its default place when DI has none). */
export function labelBoundsOf(model: BpmnModel, id: string): Bounds | undefined {
  const shape = shapeOf(model, id);
  if (shape) return shape.label?.bounds ?? defaultShapeLabelBounds(shape.bounds);
  const edge = edgeOf(model, id);
  if (edge && edge.waypoints.length >= 2) return edge.label?.bounds ?? defaultEdgeLabelBounds(edge.waypoints);
  return undefined;
}

/** The label of `id` dragged by `delta`: a moveLabel to its bounds moved so. */
export function labelDragEnd(model: BpmnModel, id: string, delta: Point): Gesture | undefined {
  const d = { x: Math.round(delta.x), y: Math.round(delta.y) };
  if (d.x === 0 && d.y === 0) return undefined;
  const bounds = labelBoundsOf(model, id);
  if (!bounds) return { error: `"${id}" has no label to move.` };
  return { command: { kind: 'moveLabel', id, bounds: { ...bounds, x: bounds.x + d.x, y: bounds.y + d.y } }, label: 'Move label', select: [id] };
}

function round(p: Point): Point {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
