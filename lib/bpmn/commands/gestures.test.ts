import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { dragEnd, paletteDrop } from './gestures';
import { approvalModel, shapeBounds } from './test-fixtures';
import { BpmnModelSchema } from '../model';

const seeded = () => {
  let n = 0;
  return () => ((n += 1) * 104729) % 1000 / 1000;
};

function commandOf(gesture: ReturnType<typeof paletteDrop> | undefined) {
  if (!gesture || 'error' in gesture) throw new Error(gesture ? gesture.error : 'no gesture');
  return gesture;
}

describe('paletteDrop', () => {
  it('given an empty model, when a user task is dropped, then it is added centred on the grid in the process', () => {
    const model = BpmnModelSchema.parse({ definitions: { id: 'd' }, processes: [{ id: 'P', isExecutable: true }], elements: [], flows: [] });
    const g = commandOf(paletteDrop(model, 'user-task', { x: 203, y: 118 }, seeded()));
    const next = applyCommand(model, g.command).model;
    expect(next.elements).toHaveLength(1);
    expect(next.elements[0]).toMatchObject({ type: 'userTask', parentId: 'P', id: g.select[0] });
    expect(shapeBounds(next, g.select[0])).toEqual({ x: 150, y: 80, width: 100, height: 80 });
  });

  it('given an agent task dropped into the sub-process, then it is an agent task inside it', () => {
    const g = commandOf(paletteDrop(approvalModel(), 'agent-task', { x: 600, y: 200 }, seeded()));
    const next = applyCommand(approvalModel(), g.command).model;
    expect(next.elements.at(-1)).toMatchObject({ type: 'serviceTask', parentId: 'sub', agent: {} });
  });

  it('given a timer boundary event dropped on a task border, then it is attached there; elsewhere it is refused', () => {
    const g = commandOf(paletteDrop(approvalModel(), 'timer-boundary-event', { x: 150, y: 100 }, seeded()));
    const next = applyCommand(approvalModel(), g.command).model;
    expect(next.elements.at(-1)).toMatchObject({ type: 'boundaryEvent', attachedToRef: 'review', eventDefinitions: [{ kind: 'timer' }] });
    expect(shapeBounds(next, g.select[0])).toEqual({ x: 132, y: 82, width: 36, height: 36 });
    expect(paletteDrop(approvalModel(), 'timer-boundary-event', { x: 20, y: 280 })).toEqual({ error: 'Drop a boundary event on the border of a task or sub-process.' });
  });

  it('given a pool, then a lane dropped into it fills the pool, and a second lane grows the pool', () => {
    const empty = BpmnModelSchema.parse({ definitions: { id: 'd' }, processes: [{ id: 'P', isExecutable: true }], elements: [], flows: [] });
    const pool = commandOf(paletteDrop(empty, 'pool', { x: 450, y: 600 }, seeded()));
    let model = applyCommand(empty, pool.command).model;
    const lane1 = commandOf(paletteDrop(model, 'lane', { x: 450, y: 600 }, seeded()));
    model = applyCommand(model, lane1.command).model;
    expect(shapeBounds(model, lane1.select[0])).toEqual({ x: 180, y: 480, width: 570, height: 250 });
    const lane2 = commandOf(paletteDrop(model, 'lane', { x: 450, y: 600 }, seeded()));
    model = applyCommand(model, lane2.command).model;
    expect(shapeBounds(model, lane2.select[0])).toEqual({ x: 180, y: 730, width: 570, height: 125 });
    expect(shapeBounds(model, pool.select[0])?.height).toBe(375);
    // The first lane keeps its place: the lanes are stacked, not overlapping.
    expect(shapeBounds(model, lane1.select[0])).toEqual({ x: 180, y: 480, width: 570, height: 250 });
  });
});

describe('dragEnd', () => {
  it('given a task dragged into the sub-process, then it is moved and put into it, out of its lane', () => {
    const g = commandOf(dragEnd(approvalModel(), ['review'], { x: 400, y: 90 }));
    const next = applyCommand(approvalModel(), g.command).model;
    expect(next.elements.find((e) => e.id === 'review')?.parentId).toBe('sub');
    expect(next.processes[0].laneSets[0].lanes[0].flowNodeRefs).toEqual(['start', 'decide']);
  });

  it('given an intermediate event dragged onto a task border, then it is attached as a boundary event', () => {
    const model = applyCommand(approvalModel(), { kind: 'changeType', id: 'reminded', type: 'intermediateCatchEvent' }).model;
    const g = commandOf(dragEnd(model, ['reminded'], { x: -70, y: -80 }));
    expect(g.command).toMatchObject({ kind: 'attachBoundary', id: 'reminded', hostId: 'review' });
  });

  it('given a boundary event dragged away from its host, then it becomes an intermediate catch event', () => {
    const g = commandOf(dragEnd(approvalModel(), ['remind'], { x: 0, y: 120 }));
    const next = applyCommand(approvalModel(), g.command).model;
    expect(next.elements.find((e) => e.id === 'remind')).toMatchObject({ type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'timer' }] });
  });

  it('given a move within the same container, then it is a plain move; a zero delta is nothing', () => {
    expect(commandOf(dragEnd(approvalModel(), ['start'], { x: 0, y: 20 })).command).toEqual({ kind: 'moveElements', ids: ['start'], delta: { x: 0, y: 20 } });
    expect(dragEnd(approvalModel(), ['start'], { x: 0.2, y: 0 })).toBeUndefined();
  });
});
