/**
 * Connecting two shapes, and moving one end of a connection to another shape.
 *
 * Rules (what BPMN allows, as bpmn-js enforces it):
 * - a sequence flow joins two flow nodes of the same process or sub-process; nothing enters a
 *   start or boundary event, nothing leaves an end event;
 * - a message flow joins two different pools (a pool or a flow node inside it);
 * - an association has a text annotation at one end.
 * `connectionKindBetween` picks the kind a drag from one shape to another makes.
 */
import { ArtifactSchema, SequenceFlowSchema, type BpmnModel, type FlowElement, type Point } from '../model';
import { connectionEnds, routeBetween } from './connections';
import { allIds, boundsOf, findElement, mapKeep, processOf, updateDiagram } from './model-edit';
import { CommandError, type ConnectCommand, type ConnectionKind, type ReconnectCommand } from './types';

/** The pool (participant id) a flow node or pool is drawn in, if the model has pools. */
function poolOf(model: BpmnModel, id: string): string | undefined {
  const participants = model.collaboration?.participants ?? [];
  if (participants.some((p) => p.id === id)) return id;
  const processId = processOf(model, id);
  return participants.find((p) => p.processRef !== undefined && p.processRef === processId)?.id;
}

/** The kind of connection a drag from `sourceRef` to `targetRef` makes, or why none can be made. */
export function connectionKindBetween(model: BpmnModel, sourceRef: string, targetRef: string): { kind: ConnectionKind } | { error: string } {
  if (sourceRef === targetRef) return { error: 'An element cannot be connected to itself.' };
  const isAnnotation = (id: string) => model.artifacts.some((a) => a.id === id && a.type === 'textAnnotation');
  if (isAnnotation(sourceRef) || isAnnotation(targetRef)) return { kind: 'association' };
  const sourcePool = poolOf(model, sourceRef);
  const targetPool = poolOf(model, targetRef);
  if (sourcePool !== undefined && targetPool !== undefined && sourcePool !== targetPool) return { kind: 'messageFlow' };
  const problem = sequenceFlowProblem(model, sourceRef, targetRef);
  return problem ? { error: problem } : { kind: 'sequenceFlow' };
}

function sequenceFlowProblem(model: BpmnModel, sourceRef: string, targetRef: string): string | undefined {
  const source = findElement(model, sourceRef);
  const target = findElement(model, targetRef);
  if (!source || !target) return 'A sequence flow joins two flow elements (events, activities, gateways).';
  if (source.type === 'endEvent') return 'Nothing can leave an end event.';
  if (target.type === 'startEvent') return 'Nothing can enter a start event.';
  if (target.type === 'boundaryEvent') return 'Nothing can enter a boundary event.';
  if (scopeOf(model, source) !== scopeOf(model, target)) return 'A sequence flow cannot cross the border of a sub-process or pool.';
  return undefined;
}

/** The process or sub-process a flow node's flows live in (a boundary event's is its host's). */
function scopeOf(model: BpmnModel, element: FlowElement): string {
  return element.type === 'boundaryEvent' ? (findElement(model, element.attachedToRef)?.parentId ?? element.parentId) : element.parentId;
}

export function connect(model: BpmnModel, command: ConnectCommand): BpmnModel {
  const { id, sourceRef, targetRef } = command;
  if (allIds(model).has(id)) throw new CommandError(`The id "${id}" is already used in this model.`);
  const chosen = connectionKindBetween(model, sourceRef, targetRef);
  if ('error' in chosen) throw new CommandError(chosen.error);
  if (chosen.kind !== command.connection) throw new CommandError(`These two elements are joined by a ${chosen.kind}, not a ${command.connection}.`);
  const waypoints = command.waypoints ?? route(model, sourceRef, targetRef);

  let next: BpmnModel;
  switch (command.connection) {
    case 'sequenceFlow': {
      const source = findElement(model, sourceRef);
      const parentId = source ? scopeOf(model, source) : '';
      next = { ...model, flows: [...model.flows, SequenceFlowSchema.parse({ id, parentId, sourceRef, targetRef })] };
      break;
    }
    case 'association': {
      const annotation = model.artifacts.find((a) => a.id === sourceRef || a.id === targetRef);
      const association = ArtifactSchema.parse({ type: 'association', id, parentId: annotation?.parentId ?? '', sourceRef, targetRef });
      next = { ...model, artifacts: [...model.artifacts, association] };
      break;
    }
    case 'messageFlow': {
      const collaboration = model.collaboration;
      if (!collaboration) throw new CommandError('Message flows join pools: add pools first.');
      const messageFlow = { id, sourceRef, targetRef, extensions: [], attrs: {} };
      next = { ...model, collaboration: { ...collaboration, messageFlows: [...collaboration.messageFlows, messageFlow] } };
      break;
    }
  }
  return updateDiagram(next, (d) => ({ ...d, edges: [...d.edges, { id: `${id}_di`, bpmnElement: id, waypoints, attrs: {} }] }));
}

function route(model: BpmnModel, sourceRef: string, targetRef: string): Point[] {
  const s = boundsOf(model, sourceRef);
  const t = boundsOf(model, targetRef);
  if (!s || !t) throw new CommandError('Both ends of a connection must be drawn on the canvas.');
  return routeBetween(model, sourceRef, s, t);
}

export function reconnect(model: BpmnModel, command: ReconnectCommand): BpmnModel {
  const ends = connectionEnds(model, command.id);
  if (!ends) throw new CommandError(`There is no connection "${command.id}".`);
  const sourceRef = command.end === 'source' ? command.to : ends.sourceRef;
  const targetRef = command.end === 'target' ? command.to : ends.targetRef;
  if (sourceRef === ends.sourceRef && targetRef === ends.targetRef) return model;
  const chosen = connectionKindBetween(model, sourceRef, targetRef);
  if ('error' in chosen) throw new CommandError(chosen.error);
  if (chosen.kind !== ends.kind) throw new CommandError(`That would make this ${ends.kind} a ${chosen.kind}; delete it and connect anew.`);

  let next = model;
  if (ends.kind === 'sequenceFlow') {
    next = { ...next, flows: mapKeep(next.flows, (f) => (f.id === command.id ? { ...f, sourceRef, targetRef } : f)) };
    if (command.end === 'source') {
      // The old source may no longer name this flow as its default.
      next = {
        ...next,
        elements: mapKeep(next.elements, (e) => {
          if (e.id !== ends.sourceRef || !('default' in e) || e.default !== command.id) return e;
          const rest = { ...e };
          delete rest.default;
          return rest;
        }),
      };
    }
  } else if (ends.kind === 'association') {
    next = { ...next, artifacts: mapKeep(next.artifacts, (a) => (a.id === command.id && a.type === 'association' ? { ...a, sourceRef, targetRef } : a)) };
  } else if (next.collaboration) {
    const messageFlows = mapKeep(next.collaboration.messageFlows, (m) => (m.id === command.id ? { ...m, sourceRef, targetRef } : m));
    next = { ...next, collaboration: { ...next.collaboration, messageFlows } };
  }
  const waypoints = route(next, sourceRef, targetRef);
  return updateDiagram(next, (d) => ({
    ...d,
    edges: mapKeep(d.edges, (e) => {
      if (e.bpmnElement !== command.id) return e;
      const rest = { ...e };
      delete rest.label;
      return { ...rest, waypoints };
    }),
  }));
}
