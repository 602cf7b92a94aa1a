/**
 * Deleting, with everything that cannot stay without what is deleted: the contents of deleted
 * sub-processes and pools, boundary events on deleted activities, connections touching any of
 * them, their DI, lane memberships and `default` references to deleted flows.
 */
import type { BpmnModel } from '../model';
import { allConnections } from './connections';
import { allLanes, boundaryEventsOf, descendantsOf, dropLaneRefs, filterKeep, mapKeep, mapLanesOf, updateDiagram } from './model-edit';
import type { DeleteElementsCommand } from './types';

export function deleteElements(model: BpmnModel, command: DeleteElementsCommand): BpmnModel {
  const removed = new Set(command.ids);
  // A pool takes its process and that process's contents with it.
  const removedProcesses = new Set<string>();
  for (const participant of model.collaboration?.participants ?? []) {
    if (removed.has(participant.id) && participant.processRef) {
      const sharedWithAnother = model.collaboration?.participants.some((p) => p.id !== participant.id && !removed.has(p.id) && p.processRef === participant.processRef);
      if (!sharedWithAnother) removedProcesses.add(participant.processRef);
    }
  }
  for (const id of removedProcesses) {
    removed.add(id);
    for (const { lane, processId } of allLanes(model)) if (processId === id) removed.add(lane.id);
  }
  // Contents and boundary events, until nothing more is added (a boundary's host inside a sub-process...).
  for (let size = -1; size !== removed.size; ) {
    size = removed.size;
    for (const id of descendantsOf(model, removed)) removed.add(id);
    for (const id of boundaryEventsOf(model, removed)) removed.add(id);
  }
  for (const c of allConnections(model)) {
    if (removed.has(c.sourceRef) || removed.has(c.targetRef)) removed.add(c.id);
  }

  let next: BpmnModel = {
    ...model,
    elements: mapKeep(
      filterKeep(model.elements, (e) => removed.has(e.id)),
      (e) => {
        if (!('default' in e) || e.default === undefined || !removed.has(e.default)) return e;
        const rest = { ...e };
        delete rest.default;
        return rest;
      },
    ),
    flows: filterKeep(model.flows, (f) => removed.has(f.id)),
    artifacts: filterKeep(model.artifacts, (a) => removed.has(a.id)),
    processes: mapKeep(
      filterKeep(model.processes, (p) => removedProcesses.has(p.id)),
      (process) => removeLanes(process, removed),
    ),
  };
  if (model.collaboration) {
    const participants = filterKeep(model.collaboration.participants, (p) => removed.has(p.id));
    const messageFlows = filterKeep(model.collaboration.messageFlows, (m) => removed.has(m.id));
    if (participants !== model.collaboration.participants || messageFlows !== model.collaboration.messageFlows) {
      next = { ...next, collaboration: { ...model.collaboration, participants, messageFlows } };
    }
  }
  next = dropLaneRefs(next, removed);
  if (next.diagrams.length === 0) return next;
  return updateDiagram(next, (d) => {
    const shapes = filterKeep(d.shapes, (s) => removed.has(s.bpmnElement));
    const edges = filterKeep(d.edges, (e) => removed.has(e.bpmnElement));
    return shapes === d.shapes && edges === d.edges ? d : { ...d, shapes, edges };
  });
}

/** The process without the removed lanes (at any depth); child lanes of a removed lane go with it. */
function removeLanes(process: BpmnModel['processes'][number], removed: ReadonlySet<string>) {
  const pruned = mapLanesOf(process, (lane) => {
    const childLanes = filterKeep(lane.childLanes, (l) => removed.has(l.id));
    return childLanes === lane.childLanes ? lane : { ...lane, childLanes };
  });
  const laneSets = mapKeep(pruned.laneSets, (set) => {
    const lanes = filterKeep(set.lanes, (l) => removed.has(l.id));
    return lanes === set.lanes ? set : { ...set, lanes };
  });
  return laneSets === pruned.laneSets ? pruned : { ...pruned, laneSets };
}
