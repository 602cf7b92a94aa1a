import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { connectableAt, edgeEndDrop, insertBend, labelDragEnd, moveBend, removeBend, waypointsEdit } from './edge-gestures';
import { approvalModel, waypoints } from './test-fixtures';

const line = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }];

describe('edge gestures', () => {
  it('given a point inside a task inside the lane, then the task (not the lane) is what a connection end lands on', () => {
    expect(connectableAt(approvalModel(), { x: 200, y: 100 })).toBe('review');
    expect(connectableAt(approvalModel(), { x: 500, y: 200 })).toBe('sub');
    expect(connectableAt(approvalModel(), { x: 20, y: 280 })).toBeUndefined();
  });

  it('given the end of a flow let go on another element, then it is a reconnect that applies', () => {
    const g = edgeEndDrop(approvalModel(), 'f5', 'target', { x: 460, y: 30 });
    expect(g).toEqual({ command: { kind: 'reconnect', id: 'f5', end: 'target', to: 'approved' }, label: 'Reconnect', select: ['f5'] });
    if (!g || 'error' in g) throw new Error('no command');
    expect(applyCommand(approvalModel(), g.command).model.flows.find((f) => f.id === 'f5')?.targetRef).toBe('approved');
  });

  it('given the end let go where BPMN forbids it or on nothing, then the gesture says why; on its own end, nothing happens', () => {
    expect(edgeEndDrop(approvalModel(), 'f1', 'target', { x: 60, y: 110 })).toEqual({ error: 'An element cannot be connected to itself.' });
    expect(edgeEndDrop(approvalModel(), 'f5', 'target', { x: 60, y: 110 })).toEqual({ error: 'Nothing can enter a start event.' });
    expect(edgeEndDrop(approvalModel(), 'f5', 'target', { x: 20, y: 280 })).toEqual({ error: 'Let the end of a connection go on an element.' });
    expect(edgeEndDrop(approvalModel(), 'f5', 'target', { x: 830, y: 170 })).toBeUndefined();
  });

  it('given waypoints, when a bend is added, moved or removed, then only that point changes and the ends stay', () => {
    expect(insertBend(line, 0, { x: 50.4, y: -20 })).toEqual([{ x: 0, y: 0 }, { x: 50, y: -20 }, { x: 100, y: 0 }, { x: 100, y: 50 }]);
    expect(moveBend(line, 1, { x: 120, y: 10 })).toEqual([{ x: 0, y: 0 }, { x: 120, y: 10 }, { x: 100, y: 50 }]);
    expect(moveBend(line, 0, { x: 120, y: 10 })).toEqual(line);
    expect(removeBend(line, 1)).toEqual([{ x: 0, y: 0 }, { x: 100, y: 50 }]);
    expect(removeBend(line, 2)).toEqual(line);
  });

  it('given a bend point edit, then it is a setWaypoints command, or nothing when the points are the same', () => {
    const model = approvalModel();
    const current = waypoints(model, 'f3') ?? [];
    expect(waypointsEdit(model, 'f3', current, 'Move bend point')).toBeUndefined();
    const g = waypointsEdit(model, 'f3', moveBend(current, 1, { x: 330, y: 38 }), 'Move bend point');
    if (!g || 'error' in g) throw new Error('no command');
    expect(waypoints(applyCommand(model, g.command).model, 'f3')?.[1]).toEqual({ x: 330, y: 38 });
  });

  it('given a label dragged, then its DI bounds (or its default place) move by the delta', () => {
    const withBounds = labelDragEnd(approvalModel(), 'start', { x: 10.2, y: -5 });
    expect(withBounds).toMatchObject({ command: { kind: 'moveLabel', id: 'start', bounds: { x: 50, y: 135, width: 56, height: 14 } } });
    // The gateway has no label bounds: its default place is centred under it.
    expect(labelDragEnd(approvalModel(), 'decide', { x: 0, y: 20 })).toMatchObject({ command: { kind: 'moveLabel', id: 'decide', bounds: { x: 300, y: 165 } } });
    expect(labelDragEnd(approvalModel(), 'decide', { x: 0.3, y: 0 })).toBeUndefined();
  });
});
