'use client';
/**
 * What canvas nodes and edges may ask of the modeler while they are being edited. The value is
 * one stable object for the life of the canvas (it reads the latest state through refs), so
 * providing it never re-renders a node or an edge.
 */
import { createContext, useContext } from 'react';
import type { Bounds, Point } from '@/lib/bpmn/model';

export type CanvasCallbacks = {
  /** A resize handle was released: commit the shape's new bounds. */
  resizeEnded: (elementId: string, bounds: Bounds) => void;
  /** An end of connection `edgeId` was let go at `point` (flow coordinates): reconnect it there. */
  edgeEndDropped: (edgeId: string, end: 'source' | 'target', point: Point) => void;
  /** A bend point of connection `edgeId` was added, moved or removed: commit its new waypoints. */
  waypointsChanged: (edgeId: string, waypoints: Point[], label: string) => void;
};

export const CanvasCallbacksContext = createContext<CanvasCallbacks>({
  resizeEnded: () => undefined,
  edgeEndDropped: () => undefined,
  waypointsChanged: () => undefined,
});

export function useCanvasCallbacks(): CanvasCallbacks {
  return useContext(CanvasCallbacksContext);
}
