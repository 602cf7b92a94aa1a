/**
 * Whether a model needs auto-layout, without loading the layout engine (elkjs is large: the
 * modeler loads ./auto-layout only when asked to lay a model out).
 */
import type { BpmnModel } from '../model';

/** True when the model has flow elements but its first diagram draws none of them. */
export function needsLayout(model: BpmnModel): boolean {
  if (model.elements.length === 0) return false;
  const drawn = new Set((model.diagrams[0]?.shapes ?? []).map((s) => s.bpmnElement));
  return !model.elements.some((e) => drawn.has(e.id));
}
