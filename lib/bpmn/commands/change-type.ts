/**
 * Changing an element's type in place (a task into a user task, an end event into an error end
 * event, a service task into an agent task...), keeping its id, name, connections and every
 * setting the new type also has. The schema of the new type decides what stays: settings the new
 * type does not have are dropped, as bpmn-js's replace does.
 */
import { AgentSettingsSchema, FlowElementSchema, type BpmnModel, type FlowElement } from '../model';
import { boundsForTypeChange, rerouteConnections } from './connections';
import { descendantsOf, isExpanded, mapKeep, requireElement, shapeOf, updateDiagram } from './model-edit';
import { CommandError, type ChangeTypeCommand } from './types';

const CONTAINER_TYPES = new Set(['subProcess', 'transaction', 'adHocSubProcess']);

export function changeType(model: BpmnModel, command: ChangeTypeCommand): BpmnModel {
  const element = requireElement(model, command.id);
  const { type } = command;
  if (type === 'boundaryEvent' && element.type !== 'boundaryEvent') {
    throw new CommandError('Drop the event on an activity’s border to make it a boundary event.');
  }
  if (CONTAINER_TYPES.has(element.type) && !CONTAINER_TYPES.has(type) && descendantsOf(model, [element.id]).size > 0) {
    throw new CommandError(`${element.name ?? element.id} contains elements: move or delete them before making it a ${type}.`);
  }
  const raw: Record<string, unknown> = { ...element, type };
  if (type.endsWith('Event') && command.eventDefinition !== undefined) {
    const current = 'eventDefinitions' in element ? element.eventDefinitions : [];
    const kept = current.find((d) => d.kind === command.eventDefinition);
    raw.eventDefinitions = command.eventDefinition === 'none' ? [] : [kept ?? { kind: command.eventDefinition }];
  }
  if (type === 'serviceTask' && command.agent !== undefined) {
    if (command.agent) raw.agent = 'agent' in element && element.agent ? element.agent : AgentSettingsSchema.parse({});
    else delete raw.agent;
  }
  const parsed = FlowElementSchema.safeParse(raw);
  if (!parsed.success) throw new CommandError(`${element.id} cannot become a ${type}: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  const replaced: FlowElement = parsed.data;

  let next: BpmnModel = { ...model, elements: mapKeep(model.elements, (e) => (e.id === element.id ? replaced : e)) };
  const shape = shapeOf(model, element.id);
  if (!shape) return next;
  const expanded = isExpanded(model, element.id);
  const bounds = boundsForTypeChange(element.type, type, shape.bounds, expanded);
  const markerVisible = type === 'exclusiveGateway' ? true : undefined;
  if (bounds !== shape.bounds || shape.isMarkerVisible !== markerVisible) {
    next = updateDiagram(next, (d) => ({
      ...d,
      shapes: mapKeep(d.shapes, (s) => {
        if (s.bpmnElement !== element.id) return s;
        const rest = { ...s, bounds };
        delete rest.isMarkerVisible;
        delete rest.label;
        return markerVisible ? { ...rest, isMarkerVisible: true } : rest;
      }),
    }));
    if (bounds !== shape.bounds) next = rerouteConnections(next, new Set([element.id]));
  }
  return next;
}
