import { describe, expect, it } from 'vitest';
import {
  arrowHead,
  defaultEdgeLabelBounds,
  defaultShapeLabelBounds,
  defaultSlash,
  distanceToBounds,
  endSegment,
  polylineLength,
  polylineMidpoint,
  polylinePath,
  startDiamond,
  startSegment,
  trimEnd,
  unionBounds,
} from './geometry';

describe('bounds', () => {
  it('unions bounds, and has none for an empty list', () => {
    expect(unionBounds([])).toBeUndefined();
    expect(
      unionBounds([
        { x: 10, y: 20, width: 30, height: 40 },
        { x: -5, y: 50, width: 10, height: 100 },
      ]),
    ).toEqual({ x: -5, y: 20, width: 45, height: 130 });
  });

  it('measures the distance from a point to a rectangle, zero inside', () => {
    const b = { x: 0, y: 0, width: 10, height: 10 };
    expect(distanceToBounds(b, { x: 5, y: 5 })).toBe(0);
    expect(distanceToBounds(b, { x: 13, y: 14 })).toBe(5);
  });

  it('puts a missing shape label centred under the shape', () => {
    expect(defaultShapeLabelBounds({ x: 100, y: 100, width: 36, height: 36 })).toEqual({ x: 73, y: 138, width: 90, height: 20 });
  });
});

describe('polylines', () => {
  const L = [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
    { x: 100, y: 50 },
  ];

  it('finds the midpoint by length, not by vertex', () => {
    expect(polylineLength(L)).toBe(150);
    expect(polylineMidpoint(L)).toEqual({ x: 75, y: 0 });
  });

  it('centres a missing edge label on the midpoint', () => {
    expect(defaultEdgeLabelBounds(L)).toEqual({ x: 30, y: -10, width: 90, height: 20 });
  });

  it('writes straight SVG segments through every waypoint', () => {
    expect(polylinePath(L)).toBe('M 0 0 L 100 0 L 100 50');
  });

  it('skips repeated points when finding the end segments', () => {
    const withRepeats = [{ x: 0, y: 0 }, { x: 0, y: 0 }, ...L.slice(1), { x: 100, y: 50 }];
    expect(startSegment(withRepeats)).toEqual([{ x: 0, y: 0 }, { x: 100, y: 0 }]);
    expect(endSegment(withRepeats)).toEqual([{ x: 100, y: 0 }, { x: 100, y: 50 }]);
  });

  it('shortens the last segment only', () => {
    expect(trimEnd(L, 10)).toEqual([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 40 }]);
  });
});

describe('flow marks', () => {
  it('points an arrow head along the last segment', () => {
    const [tip, a, b] = arrowHead({ x: 0, y: 0 }, { x: 100, y: 0 }, { length: 10, width: 6 });
    expect(tip).toEqual({ x: 100, y: 0 });
    expect(a.x).toBeCloseTo(90);
    expect(b.x).toBeCloseTo(90);
    expect(Math.abs(a.y - b.y)).toBeCloseTo(6);
  });

  it('lays the conditional diamond along the first segment, starting at the source', () => {
    const d = startDiamond({ x: 0, y: 0 }, { x: 0, y: 100 }, { length: 16, width: 10 });
    expect(d[0]).toEqual({ x: 0, y: 0 });
    expect(d[2].x).toBeCloseTo(0);
    expect(d[2].y).toBeCloseTo(16);
  });

  it('crosses the first segment with the default slash', () => {
    const [a, b] = defaultSlash({ x: 0, y: 0 }, { x: 100, y: 0 }, { at: 10, length: 10 });
    expect((a.x + b.x) / 2).toBeCloseTo(10);
    expect((a.y + b.y) / 2).toBeCloseTo(0);
    expect(Math.sign(a.y)).not.toBe(Math.sign(b.y));
  });
});
