'use client';
/**
 * After the model was replaced (an import, a restore, an auto-layout), shows the new diagram as
 * if it had just been opened (see ./opening-view.ts), once React Flow has its nodes.
 */
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { BpmnModel } from '@/lib/bpmn/model';
import { diagramExtent, FIT_OPTIONS, openingView } from './opening-view';

export function useRevealDiagram(): (model: BpmnModel) => void {
  const flow = useReactFlow();
  return useCallback(
    (model: BpmnModel) => {
      const view = openingView(diagramExtent(model));
      // Two frames: React renders the new nodes, then React Flow has them in its store.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (view.fit) void flow.fitView({ ...FIT_OPTIONS, duration: 200 });
          else void flow.setViewport(view.viewport, { duration: 200 });
        }),
      );
    },
    [flow],
  );
}
