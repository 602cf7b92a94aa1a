/**
 * Moving the external label of an event, gateway, data element or connection: its DI label
 * bounds. A shape or edge without label bounds gets them (the canvas drew it at its default place).
 */
import type { Bounds, BpmnModel } from '../model';
import { editedDiagram, mapKeep, updateDiagram } from './model-edit';
import { CommandError, type MoveLabelCommand } from './types';

export function moveLabel(model: BpmnModel, command: MoveLabelCommand): BpmnModel {
  const diagram = editedDiagram(model);
  const b = command.bounds;
  if (![b.x, b.y, b.width, b.height].every(Number.isFinite) || b.width < 0 || b.height < 0) {
    throw new CommandError(`The label bounds of "${command.id}" are not a rectangle.`);
  }
  const bounds: Bounds = { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
  const shape = diagram?.shapes.find((s) => s.bpmnElement === command.id);
  const edge = diagram?.edges.find((e) => e.bpmnElement === command.id);
  if (!shape && !edge) throw new CommandError(`"${command.id}" is not drawn, so it has no label to move.`);
  const current = (shape ?? edge)?.label?.bounds;
  if (current && current.x === bounds.x && current.y === bounds.y && current.width === bounds.width && current.height === bounds.height) return model;
  return updateDiagram(model, (d) =>
    shape
      ? { ...d, shapes: mapKeep(d.shapes, (s) => (s.bpmnElement === command.id ? { ...s, label: { ...s.label, bounds } } : s)) }
      : { ...d, edges: mapKeep(d.edges, (e) => (e.bpmnElement === command.id ? { ...e, label: { ...e.label, bounds } } : e)) },
  );
}
