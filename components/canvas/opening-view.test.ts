import { describe, expect, it } from 'vitest';
import { FIT_MAX_SHAPES, OPEN_ZOOM, openingView } from './opening-view';

describe('openingView', () => {
  it('given an empty diagram, then the view stays at zoom 1 at the origin', () => {
    expect(openingView({ shapeCount: 0 })).toEqual({ fit: false, viewport: { x: 0, y: 0, zoom: 1 } });
  });

  it('given a diagram of up to FIT_MAX_SHAPES shapes, then all of it is fitted into the view', () => {
    expect(openingView({ shapeCount: FIT_MAX_SHAPES, bounds: { x: 0, y: 0, width: 9000, height: 9000 } })).toEqual({ fit: true });
  });

  it('given a larger diagram, then it opens at a readable zoom with its top left at the top left of the view', () => {
    const view = openingView({ shapeCount: 500, bounds: { x: 60, y: -20, width: 4250, height: 3200 } });
    expect(view).toEqual({ fit: false, viewport: { x: 40 - 60 * OPEN_ZOOM, y: 40 + 20 * OPEN_ZOOM, zoom: OPEN_ZOOM } });
  });
});
