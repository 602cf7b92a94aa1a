/**
 * Putting flow elements (and artifacts) into a process or sub-process, and into a lane: what a
 * drop into a container does after the move. Boundary events follow their host; sequence flows
 * whose two ends now share a scope move into it.
 */
import type { BpmnModel } from '../model';
import { requireContainer } from './add-element';
import { boundaryEventsOf, descendantsOf, findElement, mapKeep, setLaneMembership } from './model-edit';
import { CommandError, type SetContainerCommand } from './types';

export function setContainer(model: BpmnModel, command: SetContainerCommand): BpmnModel {
  requireContainer(model, command.parentId);
  const ids = new Set(command.ids);
  for (const id of ids) {
    if (id === command.parentId || descendantsOf(model, [id]).has(command.parentId)) {
      throw new CommandError(`"${id}" cannot be put into itself or into one of its own sub-processes.`);
    }
  }
  for (const id of boundaryEventsOf(model, ids)) ids.add(id);

  const elements = mapKeep(model.elements, (e) => (ids.has(e.id) && e.parentId !== command.parentId ? { ...e, parentId: command.parentId } : e));
  const artifacts = mapKeep(model.artifacts, (a) => (ids.has(a.id) && a.parentId !== command.parentId ? { ...a, parentId: command.parentId } : a));
  let next: BpmnModel = { ...model, elements, artifacts };
  const flows = mapKeep(next.flows, (f) => {
    if (!ids.has(f.sourceRef) && !ids.has(f.targetRef)) return f;
    const source = findElement(next, f.sourceRef);
    const target = findElement(next, f.targetRef);
    if (source && target && source.parentId === target.parentId && f.parentId !== source.parentId) return { ...f, parentId: source.parentId };
    return f;
  });
  next = flows === next.flows ? next : { ...next, flows };
  if (command.laneId !== undefined) {
    const flowNodes = command.ids.filter((id) => findElement(model, id) !== undefined);
    next = setLaneMembership(next, flowNodes, command.laneId);
  }
  return next;
}
