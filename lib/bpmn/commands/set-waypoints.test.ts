import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { applyAndCheckInverse, approvalModel, waypoints } from './test-fixtures';
import { CommandError } from './types';

describe('setWaypoints', () => {
  it('given a straight flow, when a bend point is added, then its DI has the bend and undo gives the straight flow back', () => {
    const next = applyAndCheckInverse(approvalModel(), {
      kind: 'setWaypoints',
      id: 'f1',
      waypoints: [{ x: 86, y: 118 }, { x: 118, y: 60 }, { x: 150, y: 118 }],
    });
    expect(waypoints(next, 'f1')).toEqual([{ x: 86, y: 118 }, { x: 118, y: 60 }, { x: 150, y: 118 }]);
  });

  it('given a flow with a bend, when the bend is moved or removed, then the waypoints follow', () => {
    const moved = applyAndCheckInverse(approvalModel(), {
      kind: 'setWaypoints',
      id: 'f3',
      waypoints: [{ x: 345, y: 93 }, { x: 345.4, y: 20.6 }, { x: 450, y: 38 }],
    });
    expect(waypoints(moved, 'f3')?.[1]).toEqual({ x: 345, y: 21 });
    const removed = applyAndCheckInverse(moved, { kind: 'setWaypoints', id: 'f3', waypoints: [{ x: 345, y: 93 }, { x: 450, y: 38 }] });
    expect(waypoints(removed, 'f3')).toHaveLength(2);
  });

  it('given an association, when its waypoints are set, then they are its DI too', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'setWaypoints', id: 'a1', waypoints: [{ x: 200, y: 30 }, { x: 170, y: 50 }, { x: 200, y: 78 }] });
    expect(waypoints(next, 'a1')).toHaveLength(3);
  });

  it('given the same points, when set, then the model is the same object', () => {
    const model = approvalModel();
    expect(applyCommand(model, { kind: 'setWaypoints', id: 'f1', waypoints: [{ x: 86, y: 118 }, { x: 150, y: 118 }] }).model).toBe(model);
  });

  it('given fewer than two points or an unknown flow, when set, then CommandError says what is wrong', () => {
    const model = approvalModel();
    expect(() => applyCommand(model, { kind: 'setWaypoints', id: 'f1', waypoints: [{ x: 1, y: 1 }] })).toThrow(CommandError);
    expect(() => applyCommand(model, { kind: 'setWaypoints', id: 'nope', waypoints: [{ x: 1, y: 1 }, { x: 2, y: 2 }] })).toThrow('There is no connection "nope".');
  });
});
