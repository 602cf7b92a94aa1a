/**
 * Connections of every kind (sequence flows, message flows, associations) seen alike: their ends,
 * and re-routing their DI when a shape they touch moves or changes size.
 */
import type { Bounds, BpmnModel, Edge, FlowElementType } from '../model';
import { routeOrthogonal, translatePoints } from '../diagram/route';
import { defaultSize } from './element-factory';
import { editedDiagram, findElement, mapKeep, updateDiagram } from './model-edit';
import type { ConnectionKind } from './types';

export type ConnectionEnds = { kind: ConnectionKind; sourceRef: string; targetRef: string };

export function connectionEnds(model: BpmnModel, id: string): ConnectionEnds | undefined {
  const flow = model.flows.find((f) => f.id === id);
  if (flow) return { kind: 'sequenceFlow', sourceRef: flow.sourceRef, targetRef: flow.targetRef };
  const association = model.artifacts.find((a) => a.id === id);
  if (association?.type === 'association') return { kind: 'association', sourceRef: association.sourceRef, targetRef: association.targetRef };
  const messageFlow = model.collaboration?.messageFlows.find((m) => m.id === id);
  if (messageFlow) return { kind: 'messageFlow', sourceRef: messageFlow.sourceRef, targetRef: messageFlow.targetRef };
  return undefined;
}

/** Every connection with its ends. */
export function allConnections(model: BpmnModel): (ConnectionEnds & { id: string })[] {
  const out: (ConnectionEnds & { id: string })[] = model.flows.map((f) => ({ id: f.id, kind: 'sequenceFlow' as const, sourceRef: f.sourceRef, targetRef: f.targetRef }));
  for (const a of model.artifacts) if (a.type === 'association') out.push({ id: a.id, kind: 'association', sourceRef: a.sourceRef, targetRef: a.targetRef });
  for (const m of model.collaboration?.messageFlows ?? []) out.push({ id: m.id, kind: 'messageFlow', sourceRef: m.sourceRef, targetRef: m.targetRef });
  return out;
}

/** The orthogonal route between two drawn elements (gateways leave through top or bottom). */
export function routeBetween(model: BpmnModel, sourceRef: string, sourceBounds: Bounds, targetBounds: Bounds) {
  const source = findElement(model, sourceRef);
  return routeOrthogonal(sourceBounds, targetBounds, { verticalStart: source !== undefined && source.type.endsWith('Gateway') });
}

/**
 * Updates the DI of every connection touching `moved` after those shapes moved by `delta`:
 * connections with both ends moved are translated, those with one end moved are routed anew
 * (their label goes back to its default place).
 */
export function rerouteConnections(model: BpmnModel, moved: ReadonlySet<string>, delta?: { x: number; y: number }): BpmnModel {
  const diagram = editedDiagram(model);
  if (!diagram) return model;
  const ends = new Map(allConnections(model).map((c) => [c.id, c]));
  const bounds = new Map(diagram.shapes.map((s) => [s.bpmnElement, s.bounds]));
  return updateDiagram(model, (d) => {
    const edges = mapKeep(d.edges, (edge): Edge => {
      const c = ends.get(edge.bpmnElement);
      if (!c) return edge;
      const sourceMoved = moved.has(c.sourceRef);
      const targetMoved = moved.has(c.targetRef);
      if (!sourceMoved && !targetMoved) return edge;
      if (sourceMoved && targetMoved && delta) {
        const label = edge.label?.bounds
          ? { ...edge.label, bounds: { ...edge.label.bounds, x: edge.label.bounds.x + delta.x, y: edge.label.bounds.y + delta.y } }
          : edge.label;
        return { ...edge, waypoints: translatePoints(edge.waypoints, delta), ...(label ? { label } : {}) };
      }
      const s = bounds.get(c.sourceRef);
      const t = bounds.get(c.targetRef);
      if (!s || !t) return edge;
      const rest = { ...edge };
      delete rest.label;
      return { ...rest, waypoints: routeBetween(model, c.sourceRef, s, t) };
    });
    return edges === d.edges ? d : { ...d, edges };
  });
}

type Family = 'event' | 'gateway' | 'activity';
function family(type: FlowElementType): Family {
  if (type.endsWith('Event')) return 'event';
  if (type.endsWith('Gateway')) return 'gateway';
  return 'activity';
}

/** The bounds after a type change: the new family's default size around the same centre; unchanged within a family or for containers. */
export function boundsForTypeChange(oldType: FlowElementType, newType: FlowElementType, current: Bounds, expanded: boolean): Bounds {
  if (expanded || family(oldType) === family(newType)) return current;
  const size = defaultSize(newType);
  const cx = current.x + current.width / 2;
  const cy = current.y + current.height / 2;
  return { x: Math.round(cx - size.width / 2), y: Math.round(cy - size.height / 2), width: size.width, height: size.height };
}
