/**
 * Where the canvas looks when a diagram is opened (or replaced by an import, a restore or an
 * auto-layout). The canvas draws only the shapes in view (React Flow `onlyRenderVisibleElements`),
 * so this also decides how much is drawn before the modeler can be used.
 *
 * Contract
 * - An empty diagram: zoom 1 at the origin (the first element dropped does not make the view jump).
 * - Up to FIT_MAX_SHAPES shapes: the whole diagram fitted into the view.
 * - Larger diagrams: at OPEN_ZOOM, a zoom at which names can be read, with the diagram's top left
 *   (where a process starts) at the top left of the view. Zoom to fit shows all of it on demand.
 */
import type { Bounds, BpmnModel } from '@/lib/bpmn/model';

export const FIT_MAX_SHAPES = 200;
export const OPEN_ZOOM = 0.75;
/** Space between the view's top left and the diagram's, in screen pixels. */
const MARGIN = 40;

export type Viewport = { x: number; y: number; zoom: number };
export type OpeningView = { fit: true } | { fit: false; viewport: Viewport };

export function openingView(diagram: { shapeCount: number; bounds?: Bounds }): OpeningView {
  if (diagram.shapeCount === 0 || !diagram.bounds) return { fit: false, viewport: { x: 0, y: 0, zoom: 1 } };
  if (diagram.shapeCount <= FIT_MAX_SHAPES) return { fit: true };
  return {
    fit: false,
    viewport: { x: Math.round(MARGIN - diagram.bounds.x * OPEN_ZOOM), y: Math.round(MARGIN - diagram.bounds.y * OPEN_ZOOM), zoom: OPEN_ZOOM },
  };
}

/** How the canvas fits a whole diagram into the view (opening, zoom to fit). */
export const FIT_OPTIONS = { padding: 0.1, maxZoom: 1.25 } as const;

/** The number of shapes of the edited diagram and the box around them. */
export function diagramExtent(model: BpmnModel): { shapeCount: number; bounds?: Bounds } {
  const shapes = model.diagrams[0]?.shapes ?? [];
  if (shapes.length === 0) return { shapeCount: 0 };
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { bounds: b } of shapes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return { shapeCount: shapes.length, bounds: { x: left, y: top, width: right - left, height: bottom - top } };
}
