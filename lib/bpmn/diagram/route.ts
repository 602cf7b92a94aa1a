/**
 * Orthogonal routing of a flow between two shapes, as the modeler draws new and moved flows.
 * Pure plane geometry: the docking points are the middles of the shapes' sides (where circles
 * and diamonds touch their bounds too), the bends are right angles.
 */
import type { Bounds, Point } from '../model';
import { center } from './geometry';

export type RouteOptions = {
  /** Leave the source through its top or bottom when the target is mostly above or below (gateways). */
  verticalStart?: boolean;
};

/** A margin around shapes for routes that go around them. */
const AROUND = 30;

export function routeOrthogonal(source: Bounds, target: Bounds, options: RouteOptions = {}): Point[] {
  const s = center(source);
  const t = center(target);
  const sRight = source.x + source.width;
  const sBottom = source.y + source.height;
  const tRight = target.x + target.width;
  const tBottom = target.y + target.height;

  if (target.x >= sRight) {
    // Target to the right.
    const end = { x: target.x, y: t.y };
    if (Math.abs(s.y - t.y) < 1) return [{ x: sRight, y: s.y }, { x: target.x, y: s.y }];
    if (options.verticalStart && (target.y >= sBottom || tBottom <= source.y)) {
      const start = { x: s.x, y: t.y > s.y ? sBottom : source.y };
      return [start, { x: s.x, y: t.y }, end];
    }
    const midX = round((sRight + target.x) / 2);
    return [{ x: sRight, y: s.y }, { x: midX, y: s.y }, { x: midX, y: t.y }, end];
  }
  if (target.y >= sBottom) return vertical({ x: s.x, y: sBottom }, { x: t.x, y: target.y });
  if (tBottom <= source.y) return vertical({ x: s.x, y: source.y }, { x: t.x, y: tBottom });
  if (tRight <= source.x) {
    // Target to the left at about the same height: around below both.
    const y = Math.max(sBottom, tBottom) + AROUND;
    return [{ x: s.x, y: sBottom }, { x: s.x, y }, { x: t.x, y }, { x: t.x, y: tBottom }];
  }
  // Overlapping shapes: a straight line between the centres is all that can be drawn.
  return [s, t];
}

function vertical(start: Point, end: Point): Point[] {
  if (Math.abs(start.x - end.x) < 1) return [start, { x: start.x, y: end.y }];
  const midY = round((start.y + end.y) / 2);
  return [start, { x: start.x, y: midY }, { x: end.x, y: midY }, end];
}

function round(n: number): number {
  return Math.round(n);
}

export function translatePoints(points: readonly Point[], delta: Point): Point[] {
  return points.map((p) => ({ x: p.x + delta.x, y: p.y + delta.y }));
}

export function translateBounds(b: Bounds, delta: Point): Bounds {
  return { x: b.x + delta.x, y: b.y + delta.y, width: b.width, height: b.height };
}

/** The point on the border of `b` nearest to `p` (for boundary events on their host). */
export function nearestBorderPoint(b: Bounds, p: Point): Point {
  const x = Math.min(Math.max(p.x, b.x), b.x + b.width);
  const y = Math.min(Math.max(p.y, b.y), b.y + b.height);
  const distances = [
    { side: 'left', d: Math.abs(x - b.x) },
    { side: 'right', d: Math.abs(b.x + b.width - x) },
    { side: 'top', d: Math.abs(y - b.y) },
    { side: 'bottom', d: Math.abs(b.y + b.height - y) },
  ].sort((a, c) => a.d - c.d);
  switch (distances[0].side) {
    case 'left':
      return { x: b.x, y };
    case 'right':
      return { x: b.x + b.width, y };
    case 'top':
      return { x, y: b.y };
    default:
      return { x, y: b.y + b.height };
  }
}

/** True when `p` is within `tolerance` of the border of `b` (inside or outside). */
export function isNearBorder(b: Bounds, p: Point, tolerance: number): boolean {
  const inOuter = p.x >= b.x - tolerance && p.x <= b.x + b.width + tolerance && p.y >= b.y - tolerance && p.y <= b.y + b.height + tolerance;
  const inInner =
    p.x > b.x + tolerance && p.x < b.x + b.width - tolerance && p.y > b.y + tolerance && p.y < b.y + b.height - tolerance;
  return inOuter && !inInner;
}

export function containsPoint(b: Bounds, p: Point): boolean {
  return p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
}

export function containsBounds(outer: Bounds, inner: Bounds): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}
