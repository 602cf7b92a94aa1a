/**
 * The diagram overlay of one instance at one point of its history: pure, from the events up to
 * that point and the state they fold to (core `stateAt`).
 *
 * Contract
 * - `active`: open element instances per element id (tokens), multi-instance bodies excluded
 *   (their inner instances are the tokens); the process itself is not an element.
 * - `completed`: how many times an element completed; `flows`: how many times a sequence flow
 *   was taken. Both count the whole history up to the point.
 * - `incidents`: the open incidents per element with their messages; `waiting`: open user tasks
 *   per element; `multiInstance`: per multi-instance activity, inner instances total, completed
 *   and active, from its open body.
 * - `status` is the instance's: `suspended` when an operator suspended it.
 */
import type { Event, InstanceState } from '@/lib/engine/core';

export type ElementOverlay = {
  active: number;
  completed: number;
  terminated: number;
  waitingTasks: number;
  incidents: string[];
  multiInstance?: { total: number; completed: number; active: number };
};

export type Overlay = {
  status: 'none' | 'active' | 'suspended' | 'completed' | 'cancelled';
  elements: Record<string, ElementOverlay>;
  flows: Record<string, number>;
};

function blank(): ElementOverlay {
  return { active: 0, completed: 0, terminated: 0, waitingTasks: 0, incidents: [] };
}

export function computeOverlay(events: readonly Event[], state: InstanceState): Overlay {
  const elements: Record<string, ElementOverlay> = {};
  const at = (id: string) => (elements[id] ??= blank());
  const flows: Record<string, number> = {};
  const bodies = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'ElementActivated':
        if (event.elementType === 'multiInstanceBody') bodies.add(event.elementInstanceKey);
        break;
      case 'ElementCompleted':
        if (!bodies.has(event.elementInstanceKey)) at(event.elementId).completed++;
        break;
      case 'ElementTerminated':
        if (!bodies.has(event.elementInstanceKey)) at(event.elementId).terminated++;
        break;
      case 'FlowTaken':
        flows[event.flowId] = (flows[event.flowId] ?? 0) + 1;
        break;
      case 'InstanceMigrated':
        // History drawn on the target version: counts move with their elements.
        for (const [from, to] of Object.entries(event.mapping)) {
          if (from === to || elements[from] === undefined) continue;
          const moved = elements[from];
          delete elements[from];
          const target = at(to);
          target.completed += moved.completed;
          target.terminated += moved.terminated;
        }
        break;
      default:
        break;
    }
  }
  for (const element of state.elements.values()) {
    if (element.scopeKey === null) continue;
    if (element.elementType === 'multiInstanceBody') {
      const total = element.total ?? 0;
      const completed = element.completed ?? 0;
      at(element.elementId).multiInstance = { total, completed, active: Math.max(0, element.children) };
      continue;
    }
    at(element.elementId).active++;
  }
  for (const task of state.userTasks.values()) at(task.elementId).waitingTasks++;
  for (const incident of state.incidents.values()) at(incident.elementId).incidents.push(incident.message);
  const status = state.status === 'active' && state.suspended === true ? 'suspended' : state.status;
  return { status, elements, flows };
}

/** The CSS class per element id the diagram draws with (incident wins over active over done). */
export function overlayClasses(overlay: Overlay): Map<string, string> {
  const classes = new Map<string, string>();
  for (const [id, o] of Object.entries(overlay.elements)) {
    if (o.incidents.length > 0) classes.set(id, 'overlay-incident');
    else if (o.active > 0 || (o.multiInstance?.active ?? 0) > 0) classes.set(id, 'overlay-active');
    else if (o.completed > 0) classes.set(id, 'overlay-completed');
    else if (o.terminated > 0) classes.set(id, 'overlay-terminated');
  }
  for (const id of Object.keys(overlay.flows)) classes.set(id, 'overlay-flow-taken');
  return classes;
}
