/**
 * Where a drop lands: which process or sub-process (and lane) a point of the canvas is in, and
 * which activity's border it is on. Pure geometry over the edited diagram.
 */
import { isActivity, type Bounds, type BpmnModel, type Point } from '../model';
import { area } from '../diagram/geometry';
import { containsPoint, isNearBorder } from '../diagram/route';
import { allLanes, editedDiagram, findElement, isExpanded } from './model-edit';

export type DropContainer = {
  /** The process or expanded sub-process that holds what is dropped here. */
  parentId: string;
  /** The innermost lane at the point (only when the parent is a process). */
  laneId?: string;
  /** The pool at the point, if any. */
  participantId?: string;
};

/** How close to an activity's border a drop attaches a boundary event. */
export const BORDER_TOLERANCE = 14;

/**
 * The container at `point`: the smallest expanded sub-process containing it (ignoring `exclude`
 * and what they contain), else the pool's process and lane, else the model's first process.
 * Undefined when the model has pools and the point is in none (nothing may be dropped outside
 * pools then).
 */
export function dropContainerAt(model: BpmnModel, point: Point, exclude: ReadonlySet<string> = new Set()): DropContainer | undefined {
  const shapes = editedDiagram(model)?.shapes ?? [];
  const bounds = new Map(shapes.map((s) => [s.bpmnElement, s.bounds]));
  const smallest = (ids: string[]) =>
    ids
      .map((id) => ({ id, b: bounds.get(id) }))
      .filter((c): c is { id: string; b: Bounds } => c.b !== undefined && containsPoint(c.b, point))
      .sort((a, b) => area(a.b) - area(b.b))[0]?.id;

  const subProcesses = model.elements
    .filter((e) => (e.type === 'subProcess' || e.type === 'transaction' || e.type === 'adHocSubProcess') && isExpanded(model, e.id))
    .filter((e) => !exclude.has(e.id) && !isInside(model, e.id, exclude))
    .map((e) => e.id);
  const subProcess = smallest(subProcesses);
  if (subProcess) return { parentId: subProcess };

  const participants = model.collaboration?.participants ?? [];
  if (participants.length > 0) {
    const participantId = smallest(participants.filter((p) => p.processRef).map((p) => p.id));
    const participant = participants.find((p) => p.id === participantId);
    if (!participant?.processRef) return undefined;
    const laneId = smallest(allLanes(model).filter(({ processId }) => processId === participant.processRef).map(({ lane }) => lane.id));
    return { parentId: participant.processRef, participantId: participant.id, ...(laneId ? { laneId } : {}) };
  }
  const process = model.processes.find((p) => p.isExecutable) ?? model.processes[0];
  if (!process) return undefined;
  const laneId = smallest(allLanes(model).filter(({ processId }) => processId === process.id).map(({ lane }) => lane.id));
  return { parentId: process.id, ...(laneId ? { laneId } : {}) };
}

function isInside(model: BpmnModel, id: string, containers: ReadonlySet<string>): boolean {
  let current = findElement(model, id);
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    if (containers.has(current.parentId)) return true;
    current = findElement(model, current.parentId);
  }
  return false;
}

/** The activity whose border `point` is on (the smallest, when several are), excluding `exclude`. */
export function boundaryHostAt(model: BpmnModel, point: Point, exclude: ReadonlySet<string> = new Set()): string | undefined {
  const shapes = editedDiagram(model)?.shapes ?? [];
  return model.elements
    .filter((e) => isActivity(e) && !exclude.has(e.id))
    .map((e) => ({ id: e.id, b: shapes.find((s) => s.bpmnElement === e.id)?.bounds }))
    .filter((c): c is { id: string; b: Bounds } => c.b !== undefined && isNearBorder(c.b, point, BORDER_TOLERANCE))
    .sort((a, b) => area(a.b) - area(b.b))[0]?.id;
}

/** The parent a flow element currently has, and its lane (for telling whether a drop changes them). */
export function currentContainer(model: BpmnModel, id: string): { parentId?: string; laneId?: string } {
  const element = findElement(model, id) ?? model.artifacts.find((a) => a.id === id);
  const lane = allLanes(model).find(({ lane }) => lane.flowNodeRefs.includes(id));
  return { parentId: element?.parentId, ...(lane ? { laneId: lane.lane.id } : {}) };
}
