/**
 * Attaching an event to an activity's border (what dropping an event on the border does): it
 * becomes a boundary event of that activity, in the activity's scope, its centre on the border
 * nearest the drop point. Flows into it are removed (a boundary event has none); flows out of it
 * are routed anew.
 */
import { FlowElementSchema, isActivity, type BpmnModel } from '../model';
import { nearestBorderPoint } from '../diagram/route';
import { rerouteConnections } from './connections';
import { deleteElements } from './delete-elements';
import { boundsOf, findElement, mapKeep, setLaneMembership, updateDiagram } from './model-edit';
import { CommandError, type AttachBoundaryCommand } from './types';

const ATTACHABLE = new Set(['intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'startEvent', 'endEvent']);

export function attachBoundary(model: BpmnModel, command: AttachBoundaryCommand): BpmnModel {
  const event = findElement(model, command.id);
  if (!event || !ATTACHABLE.has(event.type)) throw new CommandError('Only events can be attached to an activity’s border.');
  const host = findElement(model, command.hostId);
  if (!host || !isActivity(host)) throw new CommandError('Boundary events attach to activities (tasks, sub-processes, call activities).');
  const hostBounds = boundsOf(model, host.id);
  const eventBounds = boundsOf(model, event.id);
  if (!hostBounds || !eventBounds) throw new CommandError('Both the event and the activity must be drawn on the canvas.');

  const raw: Record<string, unknown> = {
    ...event,
    type: 'boundaryEvent',
    attachedToRef: host.id,
    parentId: host.parentId,
    cancelActivity: event.type === 'boundaryEvent' ? event.cancelActivity : true,
  };
  if (event.type === 'startEvent') delete raw.isInterrupting;
  const boundary = FlowElementSchema.parse(raw);

  const incoming = model.flows.filter((f) => f.targetRef === event.id).map((f) => f.id);
  let next = incoming.length > 0 ? deleteElements(model, { kind: 'deleteElements', ids: incoming }) : model;
  next = { ...next, elements: mapKeep(next.elements, (e) => (e.id === event.id ? boundary : e)) };
  next = setLaneMembership(next, [event.id], null);
  const p = nearestBorderPoint(hostBounds, command.at);
  const bounds = { ...eventBounds, x: Math.round(p.x - eventBounds.width / 2), y: Math.round(p.y - eventBounds.height / 2) };
  next = updateDiagram(next, (d) => ({
    ...d,
    shapes: mapKeep(d.shapes, (s) => {
      if (s.bpmnElement !== event.id) return s;
      const rest = { ...s, bounds };
      delete rest.label;
      return rest;
    }),
  }));
  return rerouteConnections(next, new Set([event.id]));
}
