'use client';
/**
 * What canvas nodes may ask of the modeler while they are being edited. The value is one stable
 * object for the life of the canvas (it reads the latest state through refs), so providing it
 * never re-renders a node.
 */
import { createContext, useContext } from 'react';
import type { Bounds } from '@/lib/bpmn/model';

export type CanvasCallbacks = {
  /** A resize handle was released: commit the shape's new bounds. */
  resizeEnded: (elementId: string, bounds: Bounds) => void;
};

export const CanvasCallbacksContext = createContext<CanvasCallbacks>({ resizeEnded: () => undefined });

export function useCanvasCallbacks(): CanvasCallbacks {
  return useContext(CanvasCallbacksContext);
}
