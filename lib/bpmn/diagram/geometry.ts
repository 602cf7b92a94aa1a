/**
 * Plane geometry for drawing BPMN diagrams: bounds, polylines through DI waypoints, default
 * label placement and the small marks drawn at the ends of flows. Pure; no React.
 */
import type { Bounds, Point } from '../model';

/** The size bpmn-js gives an external label that DI does not place. */
export const DEFAULT_LABEL_SIZE = { width: 90, height: 20 } as const;

export function center(b: Bounds): Point {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** The smallest bounds that hold all the given bounds; undefined for none. */
export function unionBounds(all: readonly Bounds[]): Bounds | undefined {
  if (all.length === 0) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of all) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export function boundsOfPoints(points: readonly Point[]): Bounds | undefined {
  return unionBounds(points.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 })));
}

/** Distance from a point to a rectangle's area (0 inside or on the border). */
export function distanceToBounds(b: Bounds, p: Point): number {
  const dx = Math.max(b.x - p.x, 0, p.x - (b.x + b.width));
  const dy = Math.max(b.y - p.y, 0, p.y - (b.y + b.height));
  return Math.hypot(dx, dy);
}

export function area(b: Bounds): number {
  return b.width * b.height;
}

/** Where an external label goes when DI gives none: centred under the shape, as bpmn-js does. */
export function defaultShapeLabelBounds(shape: Bounds): Bounds {
  const c = center(shape);
  return {
    x: c.x - DEFAULT_LABEL_SIZE.width / 2,
    y: shape.y + shape.height + 2,
    width: DEFAULT_LABEL_SIZE.width,
    height: DEFAULT_LABEL_SIZE.height,
  };
}

/** Where a flow's label goes when DI gives none: centred on the middle of the polyline. */
export function defaultEdgeLabelBounds(waypoints: readonly Point[]): Bounds {
  const mid = polylineMidpoint(waypoints);
  return {
    x: mid.x - DEFAULT_LABEL_SIZE.width / 2,
    y: mid.y - DEFAULT_LABEL_SIZE.height / 2,
    width: DEFAULT_LABEL_SIZE.width,
    height: DEFAULT_LABEL_SIZE.height,
  };
}

export function polylineLength(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  return total;
}

/** The point at the given distance along the polyline (clamped to its ends). */
export function pointAlongPolyline(points: readonly Point[], distance: number): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  let left = Math.max(0, distance);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= len && len > 0) {
      const t = left / len;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    left -= len;
  }
  return points[points.length - 1];
}

export function polylineMidpoint(points: readonly Point[]): Point {
  return pointAlongPolyline(points, polylineLength(points) / 2);
}

/** SVG path data through the points, straight segments only. */
export function polylinePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${round(p.x)} ${round(p.y)}`).join(' ');
}

/** SVG path data of a closed polygon. */
export function polygonPath(points: readonly Point[]): string {
  return `${polylinePath(points)} Z`;
}

/**
 * The unit direction from `from` to `to`; when they coincide, along the x axis.
 */
export function direction(from: Point, to: Point): Point {
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  if (len === 0) return { x: 1, y: 0 };
  return { x: (to.x - from.x) / len, y: (to.y - from.y) / len };
}

/** The first two distinct points of a polyline, for drawing marks at its start. */
export function startSegment(points: readonly Point[]): [Point, Point] {
  const first = points[0];
  const next = points.find((p) => p.x !== first.x || p.y !== first.y) ?? { x: first.x + 1, y: first.y };
  return [first, next];
}

/** The last two distinct points of a polyline (from, end), for drawing marks at its end. */
export function endSegment(points: readonly Point[]): [Point, Point] {
  const last = points[points.length - 1];
  for (let i = points.length - 2; i >= 0; i--) {
    if (points[i].x !== last.x || points[i].y !== last.y) return [points[i], last];
  }
  return [{ x: last.x - 1, y: last.y }, last];
}

/** An arrow head whose tip is at `tip`, pointing away from `from`: [tip, one side, other side]. */
export function arrowHead(from: Point, tip: Point, size: { length: number; width: number }): Point[] {
  const d = direction(from, tip);
  const base = { x: tip.x - d.x * size.length, y: tip.y - d.y * size.length };
  const n = { x: -d.y, y: d.x };
  const half = size.width / 2;
  return [tip, { x: base.x + n.x * half, y: base.y + n.y * half }, { x: base.x - n.x * half, y: base.y - n.y * half }];
}

/** The diamond of a conditional flow, starting at `start` and lying along the first segment. */
export function startDiamond(start: Point, next: Point, size: { length: number; width: number }): Point[] {
  const d = direction(start, next);
  const n = { x: -d.y, y: d.x };
  const mid = { x: start.x + (d.x * size.length) / 2, y: start.y + (d.y * size.length) / 2 };
  const half = size.width / 2;
  return [
    start,
    { x: mid.x + n.x * half, y: mid.y + n.y * half },
    { x: start.x + d.x * size.length, y: start.y + d.y * size.length },
    { x: mid.x - n.x * half, y: mid.y - n.y * half },
  ];
}

/** The slash of a default flow: a short stroke across the first segment, near its start. */
export function defaultSlash(start: Point, next: Point, options: { at: number; length: number }): [Point, Point] {
  const d = direction(start, next);
  const c = { x: start.x + d.x * options.at, y: start.y + d.y * options.at };
  // A stroke at 45° to the flow: rotate the direction by ±45°.
  const cos = Math.SQRT1_2;
  const a = { x: d.x * cos - d.y * cos, y: d.x * cos + d.y * cos };
  const half = options.length / 2;
  return [
    { x: c.x - a.x * half, y: c.y - a.y * half },
    { x: c.x + a.x * half, y: c.y + a.y * half },
  ];
}

/** The centre of a circle of radius r that touches `start` and lies along the first segment. */
export function startCircleCenter(start: Point, next: Point, r: number): Point {
  const d = direction(start, next);
  return { x: start.x + d.x * r, y: start.y + d.y * r };
}

/** Shortens the polyline's end by `by` along its last segment (so a stroke does not poke through an arrow tip). */
export function trimEnd(points: readonly Point[], by: number): Point[] {
  if (points.length < 2) return [...points];
  const [from, end] = endSegment(points);
  const d = direction(from, end);
  const len = Math.hypot(end.x - from.x, end.y - from.y);
  const cut = Math.min(by, len);
  return [...points.slice(0, -1), { x: end.x - d.x * cut, y: end.y - d.y * cut }];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
