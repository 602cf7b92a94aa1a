/**
 * Moving shapes. A container moves with its contents (a sub-process with its children, a pool
 * with its lanes and its process's elements), an activity with its boundary events, and every
 * shape with its external label. Connections inside what moves are translated; connections
 * with one end moved are routed anew.
 */
import type { BpmnModel, Shape } from '../model';
import { translateBounds } from '../diagram/route';
import { rerouteConnections } from './connections';
import { allLanes, boundaryEventsOf, descendantsOf, mapKeep, updateDiagram } from './model-edit';
import type { MoveElementsCommand } from './types';

/** The ids that move along with `ids`: contents of containers and pools, boundary events. */
export function movedTogether(model: BpmnModel, ids: readonly string[]): Set<string> {
  const moved = new Set(ids);
  for (const participant of model.collaboration?.participants ?? []) {
    if (!moved.has(participant.id) || !participant.processRef) continue;
    moved.add(participant.processRef);
    for (const { lane, processId } of allLanes(model)) if (processId === participant.processRef) moved.add(lane.id);
  }
  for (let size = -1; size !== moved.size; ) {
    size = moved.size;
    for (const id of descendantsOf(model, moved)) moved.add(id);
    for (const id of boundaryEventsOf(model, moved)) moved.add(id);
  }
  return moved;
}

export function translateShape(shape: Shape, delta: { x: number; y: number }): Shape {
  const label = shape.label?.bounds ? { ...shape.label, bounds: translateBounds(shape.label.bounds, delta) } : shape.label;
  return { ...shape, bounds: translateBounds(shape.bounds, delta), ...(label ? { label } : {}) };
}

export function moveElements(model: BpmnModel, command: MoveElementsCommand): BpmnModel {
  const { delta } = command;
  if (delta.x === 0 && delta.y === 0) return model;
  const moved = movedTogether(model, command.ids);
  const next = updateDiagram(model, (d) => {
    const shapes = mapKeep(d.shapes, (s) => (moved.has(s.bpmnElement) ? translateShape(s, delta) : s));
    return shapes === d.shapes ? d : { ...d, shapes };
  });
  return rerouteConnections(next, moved, delta);
}
