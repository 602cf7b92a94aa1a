/**
 * The bend points of a connection: the canvas adds, moves or removes one and sends the whole new
 * list of DI waypoints (ends included). The ends stay docked where the canvas put them; the
 * semantic connection is untouched. A label that had DI bounds keeps them (it is moved on its own).
 */
import type { BpmnModel, Point } from '../model';
import { connectionEnds } from './connections';
import { edgeOf, mapKeep, updateDiagram } from './model-edit';
import { CommandError, type SetWaypointsCommand } from './types';

export function setWaypoints(model: BpmnModel, command: SetWaypointsCommand): BpmnModel {
  if (!connectionEnds(model, command.id)) throw new CommandError(`There is no connection "${command.id}".`);
  const edge = edgeOf(model, command.id);
  if (!edge) throw new CommandError(`The connection "${command.id}" is not drawn, so it has no waypoints to change.`);
  if (command.waypoints.length < 2) throw new CommandError('A connection needs at least two waypoints.');
  const bad = command.waypoints.findIndex((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y));
  if (bad >= 0) throw new CommandError(`Waypoint ${bad + 1} of "${command.id}" is not a point.`);
  const waypoints = withoutRepeats(command.waypoints.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })));
  if (sameWaypoints(edge.waypoints, waypoints)) return model;
  return updateDiagram(model, (d) => ({ ...d, edges: mapKeep(d.edges, (e) => (e.bpmnElement === command.id ? { ...e, waypoints } : e)) }));
}

/** Consecutive equal points are one point (a bend dropped onto its neighbour removes it). */
function withoutRepeats(points: Point[]): Point[] {
  const out = points.filter((p, i) => i === 0 || p.x !== points[i - 1].x || p.y !== points[i - 1].y);
  return out.length >= 2 ? out : points;
}

function sameWaypoints(a: readonly Point[], b: readonly Point[]): boolean {
  return a.length === b.length && a.every((p, i) => p.x === b[i].x && p.y === b[i].y);
}
