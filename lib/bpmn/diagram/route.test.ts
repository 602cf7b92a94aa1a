import { describe, expect, it } from 'vitest';
import { isNearBorder, nearestBorderPoint, routeOrthogonal } from './route';

const box = (x: number, y: number, width = 100, height = 80) => ({ x, y, width, height });

describe('routeOrthogonal', () => {
  it('given a target level to the right, when routed, then it is one straight segment between the facing sides', () => {
    expect(routeOrthogonal(box(0, 0), box(200, 0))).toEqual([{ x: 100, y: 40 }, { x: 200, y: 40 }]);
  });

  it('given a target lower to the right, when routed, then it bends twice at the middle x', () => {
    expect(routeOrthogonal(box(0, 0), box(200, 100))).toEqual([
      { x: 100, y: 40 },
      { x: 150, y: 40 },
      { x: 150, y: 140 },
      { x: 200, y: 140 },
    ]);
  });

  it('given a gateway source and a target below to the right, when routed with verticalStart, then it leaves from the bottom', () => {
    expect(routeOrthogonal(box(0, 0, 50, 50), box(200, 100), { verticalStart: true })).toEqual([
      { x: 25, y: 50 },
      { x: 25, y: 140 },
      { x: 200, y: 140 },
    ]);
  });

  it('given a target straight below, when routed, then it goes from bottom to top', () => {
    expect(routeOrthogonal(box(0, 0), box(0, 200))).toEqual([{ x: 50, y: 80 }, { x: 50, y: 200 }]);
  });

  it('given a target to the left at the same height, when routed, then it goes around below both', () => {
    expect(routeOrthogonal(box(300, 0), box(0, 0))).toEqual([
      { x: 350, y: 80 },
      { x: 350, y: 110 },
      { x: 50, y: 110 },
      { x: 50, y: 80 },
    ]);
  });

  it('every segment of a route is horizontal or vertical', () => {
    for (const [s, t] of [
      [box(0, 0), box(500, -300)],
      [box(0, 0), box(-300, 400)],
      [box(0, 0), box(-300, -400)],
    ]) {
      const points = routeOrthogonal(s, t);
      for (let i = 1; i < points.length; i++) {
        expect(points[i].x === points[i - 1].x || points[i].y === points[i - 1].y).toBe(true);
      }
    }
  });
});

describe('border helpers', () => {
  it('given a point inside near the bottom, when snapped, then it lands on the bottom border', () => {
    expect(nearestBorderPoint(box(0, 0), { x: 30, y: 75 })).toEqual({ x: 30, y: 80 });
  });

  it('given points near and far from the border, when tested, then only the near one counts', () => {
    expect(isNearBorder(box(0, 0), { x: 50, y: 78 }, 10)).toBe(true);
    expect(isNearBorder(box(0, 0), { x: 50, y: 40 }, 10)).toBe(false);
    expect(isNearBorder(box(0, 0), { x: 50, y: 120 }, 10)).toBe(false);
  });
});
