/**
 * What the canvas's gestures mean as commands: a palette entry dropped at a point, shapes dragged
 * by a delta and let go. Pure (ids are drawn with the given `random`), so every gesture rule is
 * unit-tested here and the canvas only forwards pointer positions.
 */
import type { BpmnModel, Point } from '../model';
import { center } from '../diagram/geometry';
import { nearestBorderPoint } from '../diagram/route';
import { boundaryHostAt, currentContainer, dropContainerAt } from './drop-target';
import { createFlowElement, createTextAnnotation, defaultSize, idPrefix, paletteEntry, SIZES } from './element-factory';
import { allLanes, boundsOf, editedDiagram, findElement, newElementId } from './model-edit';
import type { ModelCommand } from './types';

export type Gesture = { command: ModelCommand; label: string; select: string[] } | { error: string };

const GRID = 10;
const snap = (n: number) => Math.round(n / GRID) * GRID;

/** The command that creates palette entry `key` centred at `point` (flow coordinates). */
export function paletteDrop(model: BpmnModel, key: string, point: Point, random: () => number = Math.random): Gesture {
  const entry = paletteEntry(key);
  if (!entry) return { error: `Unknown palette entry "${key}".` };
  const create = entry.create;
  const centred = (width: number, height: number) => ({ x: snap(point.x - width / 2), y: snap(point.y - height / 2), width, height });

  switch (create.kind) {
    case 'element': {
      const id = newElementId(model, idPrefix(create.type), new Set(), random);
      const size = defaultSize(create.type, create.expanded === true);
      if (create.type === 'boundaryEvent') {
        const hostId = boundaryHostAt(model, point);
        const host = hostId ? findElement(model, hostId) : undefined;
        const hostBounds = hostId ? boundsOf(model, hostId) : undefined;
        if (!host || !hostBounds) return { error: 'Drop a boundary event on the border of a task or sub-process.' };
        const p = nearestBorderPoint(hostBounds, point);
        const element = createFlowElement({ id, type: 'boundaryEvent', parentId: host.parentId, attachedToRef: host.id, eventDefinition: create.eventDefinition });
        return {
          command: { kind: 'addElement', element, bounds: { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2), ...size } },
          label: `Add ${entry.label.toLowerCase()}`,
          select: [id],
        };
      }
      const container = dropContainerAt(model, point);
      if (!container) return { error: 'This model has pools: drop elements inside a pool.' };
      const element = createFlowElement({
        id,
        type: create.type,
        parentId: container.parentId,
        eventDefinition: create.eventDefinition,
        agent: create.agent,
        triggeredByEvent: create.triggeredByEvent,
      });
      return {
        command: {
          kind: 'addElement',
          element,
          bounds: centred(size.width, size.height),
          ...(container.laneId ? { laneId: container.laneId } : {}),
          ...(create.expanded ? { isExpanded: true } : {}),
        },
        label: `Add ${entry.label.toLowerCase()}`,
        select: [id],
      };
    }
    case 'artifact': {
      const container = dropContainerAt(model, point);
      const parentId = container?.parentId ?? model.processes[0]?.id;
      if (!parentId) return { error: 'Add a process element first.' };
      const id = newElementId(model, idPrefix('textAnnotation'), new Set(), random);
      const { width, height } = SIZES.textAnnotation;
      return {
        command: { kind: 'addArtifact', artifact: createTextAnnotation({ id, parentId }), bounds: centred(width, height) },
        label: 'Add text annotation',
        select: [id],
      };
    }
    case 'pool': {
      const participantId = newElementId(model, idPrefix('pool'), new Set(), random);
      const processId = newElementId(model, idPrefix('process'), new Set([participantId]), random);
      const { width, height } = SIZES.pool;
      return { command: { kind: 'addPool', participantId, processId, bounds: centred(width, height) }, label: 'Add pool', select: [participantId] };
    }
    case 'lane': {
      const container = dropContainerAt(model, point);
      const participantId = container?.participantId;
      const poolBounds = participantId ? boundsOf(model, participantId) : undefined;
      if (!container || !participantId || !poolBounds) return { error: 'Drop a lane into a pool.' };
      const laneId = newElementId(model, idPrefix('lane'), new Set(), random);
      const header = 30;
      const lanes = allLanes(model)
        .filter(({ processId }) => processId === container.parentId)
        .map(({ lane }) => boundsOf(model, lane.id))
        .filter((b) => b !== undefined);
      if (lanes.length === 0) {
        const bounds = { x: poolBounds.x + header, y: poolBounds.y, width: poolBounds.width - header, height: poolBounds.height };
        return { command: { kind: 'addLane', laneId, processId: container.parentId, bounds }, label: 'Add lane', select: [laneId] };
      }
      const bottom = Math.max(...lanes.map((b) => b.y + b.height));
      const height = SIZES.lane.height;
      const grown = { ...poolBounds, height: Math.max(poolBounds.height, bottom - poolBounds.y + height) };
      const bounds = { x: poolBounds.x + header, y: bottom, width: poolBounds.width - header, height };
      // The pool grows by the new lane; the lanes it has keep their bounds (the resize gave the
      // growth to the bottom lane: it is put back), the new lane fills the band below them.
      const kept = allLanes(model)
        .filter(({ processId }) => processId === container.parentId)
        .flatMap(({ lane }) => {
          const b = boundsOf(model, lane.id);
          return b ? [{ kind: 'resizeElement' as const, id: lane.id, bounds: b }] : [];
        });
      return {
        command: {
          kind: 'batch',
          commands: [
            { kind: 'resizeElement', id: participantId, bounds: grown },
            ...kept,
            { kind: 'addLane', laneId, processId: container.parentId, bounds },
          ],
        },
        label: 'Add lane',
        select: [laneId],
      };
    }
  }
}

/**
 * The command for shapes dragged by `delta` and let go: a move, plus what the drop point means —
 * an event let go on an activity's border is attached to it, a boundary event pulled off its host
 * becomes an intermediate event, and flow elements let go in another sub-process, lane or pool
 * are put into it. Undefined when nothing changes.
 */
export function dragEnd(model: BpmnModel, ids: readonly string[], delta: Point): Gesture | undefined {
  const d = { x: Math.round(delta.x), y: Math.round(delta.y) };
  if (ids.length === 0 || (d.x === 0 && d.y === 0)) return undefined;
  const move: ModelCommand = { kind: 'moveElements', ids: [...ids], delta: d };

  if (ids.length === 1) {
    const element = findElement(model, ids[0]);
    const bounds = boundsOf(model, ids[0]);
    if (element && bounds && element.type.endsWith('Event') && element.type !== 'startEvent' && element.type !== 'endEvent') {
      const c = center(bounds);
      const at = { x: c.x + d.x, y: c.y + d.y };
      const hostId = boundaryHostAt(model, at, new Set([element.id]));
      if (hostId) return { command: { kind: 'attachBoundary', id: element.id, hostId, at }, label: 'Attach boundary event', select: [element.id] };
      if (element.type === 'boundaryEvent') {
        return {
          command: { kind: 'batch', commands: [{ kind: 'changeType', id: element.id, type: 'intermediateCatchEvent' }, move] },
          label: 'Detach boundary event',
          select: [element.id],
        };
      }
    }
  }

  // Flow elements and annotations let go somewhere else go into the container under their centre.
  const moving = new Set(ids);
  const movable = ids.filter((id) => {
    const element = findElement(model, id);
    if (element) return element.type !== 'boundaryEvent' && !moving.has(element.parentId);
    return model.artifacts.some((a) => a.id === id && a.type === 'textAnnotation' && !moving.has(a.parentId));
  });
  const first = movable[0];
  const firstBounds = first ? editedDiagram(model)?.shapes.find((s) => s.bpmnElement === first)?.bounds : undefined;
  if (!first || !firstBounds) return { command: move, label: 'Move', select: [...ids] };
  const c = center(firstBounds);
  const target = dropContainerAt(model, { x: c.x + d.x, y: c.y + d.y }, moving);
  if (!target) return { error: 'This model has pools: keep elements inside a pool.' };
  const current = currentContainer(model, first);
  const laneChanged = (current.laneId ?? null) !== (target.laneId ?? null);
  if (current.parentId === target.parentId && !laneChanged) return { command: move, label: 'Move', select: [...ids] };
  const setContainer: ModelCommand = { kind: 'setContainer', ids: movable, parentId: target.parentId, laneId: target.laneId ?? null };
  return { command: { kind: 'batch', commands: [move, setContainer] }, label: 'Move', select: [...ids] };
}
