/**
 * Resizing a shape (containers, pools, lanes, activities, annotations). Boundary events stay on
 * the host's border at the same relative place; a pool's lanes keep filling the pool (the lane at
 * the moved edge takes the difference); connections touching the shape are routed anew.
 */
import type { Bounds, BpmnModel, Shape } from '../model';
import { center } from '../diagram/geometry';
import { nearestBorderPoint } from '../diagram/route';
import { rerouteConnections } from './connections';
import { allLanes, boundaryEventsOf, editedDiagram, mapKeep, updateDiagram } from './model-edit';
import { CommandError, type ResizeElementCommand } from './types';

/** Smallest size a shape may be resized to. */
export const MIN_SIZE = { width: 20, height: 20 } as const;
/** The band of a horizontal pool that holds its name. */
const POOL_HEADER = 30;

export function resizeElement(model: BpmnModel, command: ResizeElementCommand): BpmnModel {
  const diagram = editedDiagram(model);
  const shape = diagram?.shapes.find((s) => s.bpmnElement === command.id);
  if (!shape) throw new CommandError(`"${command.id}" has no shape to resize.`);
  const bounds: Bounds = {
    x: command.bounds.x,
    y: command.bounds.y,
    width: Math.max(MIN_SIZE.width, command.bounds.width),
    height: Math.max(MIN_SIZE.height, command.bounds.height),
  };
  const old = shape.bounds;
  const changed = new Map<string, Bounds>([[command.id, bounds]]);

  for (const id of boundaryEventsOf(model, new Set([command.id]))) {
    const event = diagram?.shapes.find((s) => s.bpmnElement === id);
    if (!event) continue;
    const c = center(event.bounds);
    const relative = { x: bounds.x + ((c.x - old.x) / old.width) * bounds.width, y: bounds.y + ((c.y - old.y) / old.height) * bounds.height };
    const p = nearestBorderPoint(bounds, relative);
    changed.set(id, { ...event.bounds, x: Math.round(p.x - event.bounds.width / 2), y: Math.round(p.y - event.bounds.height / 2) });
  }

  const participant = model.collaboration?.participants.find((p) => p.id === command.id);
  if (participant?.processRef) {
    // As in bpmn-js: the lanes keep their heights, except the top lane takes what the pool's top
    // edge moved and the bottom lane what its bottom edge moved; together they fill the pool.
    const laneIds = allLanes(model).filter(({ processId, lane }) => processId === participant.processRef && isTopLane(model, lane.id)).map(({ lane }) => lane.id);
    const lanes = (diagram?.shapes ?? []).filter((s) => laneIds.includes(s.bpmnElement)).sort((a, b) => a.bounds.y - b.bounds.y);
    const grownAtTop = old.y - bounds.y;
    let y = bounds.y;
    lanes.forEach((lane, i) => {
      const last = i === lanes.length - 1;
      const height = last ? bounds.y + bounds.height - y : Math.max(MIN_SIZE.height, lane.bounds.height + (i === 0 ? grownAtTop : 0));
      changed.set(lane.bpmnElement, { x: bounds.x + POOL_HEADER, y, width: bounds.width - POOL_HEADER, height: Math.max(MIN_SIZE.height, height) });
      y += height;
    });
  }

  const next = updateDiagram(model, (d) => {
    const shapes = mapKeep(d.shapes, (s): Shape => {
      const b = changed.get(s.bpmnElement);
      return b ? withBounds(s, b) : s;
    });
    return shapes === d.shapes ? d : { ...d, shapes };
  });
  return rerouteConnections(next, new Set(changed.keys()));
}

function isTopLane(model: BpmnModel, laneId: string): boolean {
  return model.processes.some((p) => p.laneSets.some((set) => set.lanes.some((l) => l.id === laneId)));
}

function withBounds(shape: Shape, bounds: Bounds): Shape {
  if (shape.bounds.x === bounds.x && shape.bounds.y === bounds.y && shape.bounds.width === bounds.width && shape.bounds.height === bounds.height) return shape;
  const dx = bounds.x - shape.bounds.x;
  const dy = bounds.y - shape.bounds.y;
  const label = shape.label?.bounds ? { ...shape.label, bounds: { ...shape.label.bounds, x: shape.label.bounds.x + dx, y: shape.label.bounds.y + dy } } : shape.label;
  return { ...shape, bounds, ...(label ? { label } : {}) };
}
