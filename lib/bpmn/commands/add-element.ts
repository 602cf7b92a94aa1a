/**
 * Adding things to the canvas: flow elements, text annotations, pools and lanes, each with its DI
 * shape in the edited diagram.
 */
import { isActivity, LaneSchema, ProcessSchema, type Bounds, type BpmnModel, type Lane, type Shape } from '../model';
import { center } from '../diagram/geometry';
import { containsPoint } from '../diagram/route';
import { allIds, allLanes, editedDiagram, findElement, mapKeep, setLaneMembership, updateDiagram } from './model-edit';
import { CommandError, type AddArtifactCommand, type AddElementCommand, type AddLaneCommand, type AddPoolCommand } from './types';

export function newShape(id: string, bounds: Bounds, extra: Partial<Shape> = {}): Shape {
  return { id: `${id}_di`, bpmnElement: id, bounds, attrs: {}, ...extra };
}

function requireFreshId(model: BpmnModel, id: string): void {
  if (!/^[A-Za-z_][\w.-]*$/.test(id)) throw new CommandError(`"${id}" is not a valid BPMN id.`);
  if (allIds(model).has(id)) throw new CommandError(`The id "${id}" is already used in this model.`);
}

/** A process id, or the id of a sub-process (any kind), may hold flow elements. */
export function requireContainer(model: BpmnModel, parentId: string): void {
  if (model.processes.some((p) => p.id === parentId)) return;
  const parent = findElement(model, parentId);
  if (parent && (parent.type === 'subProcess' || parent.type === 'transaction' || parent.type === 'adHocSubProcess')) return;
  throw new CommandError(`"${parentId}" is neither a process nor a sub-process, so nothing can be put into it.`);
}

function addShape(model: BpmnModel, shape: Shape): BpmnModel {
  return updateDiagram(model, (d) => ({ ...d, shapes: [...d.shapes, shape] }));
}

export function addElement(model: BpmnModel, command: AddElementCommand): BpmnModel {
  const { element } = command;
  requireFreshId(model, element.id);
  requireContainer(model, element.parentId);
  if (element.type === 'boundaryEvent') {
    const host = findElement(model, element.attachedToRef);
    if (!host || !isActivity(host)) throw new CommandError(`A boundary event must be attached to an activity; "${element.attachedToRef}" is not one.`);
  }
  const extra: Partial<Shape> = {};
  if (element.type === 'exclusiveGateway') extra.isMarkerVisible = true;
  if (element.type === 'subProcess' || element.type === 'transaction' || element.type === 'adHocSubProcess' || element.type === 'callActivity') {
    extra.isExpanded = command.isExpanded === true;
  }
  let next: BpmnModel = { ...model, elements: [...model.elements, element] };
  next = addShape(next, newShape(element.id, command.bounds, extra));
  if (command.laneId) {
    if (!allLanes(model).some(({ lane }) => lane.id === command.laneId)) throw new CommandError(`There is no lane "${command.laneId}".`);
    next = setLaneMembership(next, [element.id], command.laneId);
  }
  return next;
}

export function addArtifact(model: BpmnModel, command: AddArtifactCommand): BpmnModel {
  requireFreshId(model, command.artifact.id);
  const next: BpmnModel = { ...model, artifacts: [...model.artifacts, command.artifact] };
  return addShape(next, newShape(command.artifact.id, command.bounds));
}

/**
 * A pool. The first pool of a model without a collaboration creates one and, when the model's
 * first process is in no pool yet, wraps that process (as bpmn-js does); later pools get a new,
 * empty process `processId`.
 */
export function addPool(model: BpmnModel, command: AddPoolCommand): BpmnModel {
  requireFreshId(model, command.participantId);
  const pooled = new Set((model.collaboration?.participants ?? []).flatMap((p) => (p.processRef ? [p.processRef] : [])));
  const unpooled = model.processes.find((p) => !pooled.has(p.id));
  const wrapExisting = !model.collaboration && unpooled !== undefined;
  const processRef = wrapExisting ? unpooled.id : command.processId;
  let next = model;
  if (!wrapExisting) {
    requireFreshId(model, command.processId);
    const executable = !model.processes.some((p) => p.isExecutable);
    next = { ...next, processes: [...next.processes, ProcessSchema.parse({ id: command.processId, isExecutable: executable })] };
  }
  const participant = { id: command.participantId, extensions: [], attrs: {}, processRef, ...(command.name ? { name: command.name } : {}) };
  const collaboration = next.collaboration ?? {
    id: freshCollaborationId(model),
    extensions: [],
    attrs: {},
    participants: [],
    messageFlows: [],
  };
  next = { ...next, collaboration: { ...collaboration, participants: [...collaboration.participants, participant] } };
  next = updateDiagram(next, (d) =>
    d.plane.bpmnElement === collaboration.id ? d : { ...d, plane: { ...d.plane, bpmnElement: collaboration.id } },
  );
  return addShape(next, newShape(command.participantId, command.bounds, { isHorizontal: true }));
}

function freshCollaborationId(model: BpmnModel): string {
  const ids = allIds(model);
  for (let n = 1; ; n++) if (!ids.has(`Collaboration_${n}`)) return `Collaboration_${n}`;
}

/**
 * A lane in a process (its pool's). The flow nodes of the process drawn inside the new lane's
 * bounds become its members (and leave the lanes they were in).
 */
export function addLane(model: BpmnModel, command: AddLaneCommand): BpmnModel {
  requireFreshId(model, command.laneId);
  const process = model.processes.find((p) => p.id === command.processId);
  if (!process) throw new CommandError(`There is no process "${command.processId}" to add a lane to.`);
  const lane: Lane = LaneSchema.parse({ id: command.laneId, flowNodeRefs: [], childLanes: [], extensions: [], attrs: {}, ...(command.name ? { name: command.name } : {}) });
  const laneSets = process.laneSets.length > 0 ? process.laneSets : [{ id: `LaneSet_${process.id}`, lanes: [] }];
  const withLane = { ...process, laneSets: laneSets.map((set, i) => (i === 0 ? { ...set, lanes: [...set.lanes, lane] } : set)) };
  let next: BpmnModel = { ...model, processes: mapKeep(model.processes, (p) => (p.id === process.id ? withLane : p)) };
  next = addShape(next, newShape(command.laneId, command.bounds, { isHorizontal: true }));
  const shapes = editedDiagram(model)?.shapes ?? [];
  const inside = model.elements
    .filter((e) => e.parentId === process.id && e.type !== 'boundaryEvent')
    .filter((e) => {
      const shape = shapes.find((s) => s.bpmnElement === e.id);
      return shape !== undefined && containsPoint(command.bounds, center(shape.bounds));
    })
    .map((e) => e.id);
  return inside.length > 0 ? setLaneMembership(next, inside, command.laneId) : next;
}
