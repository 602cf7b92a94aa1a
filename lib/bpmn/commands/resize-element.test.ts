import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { applyAndCheckInverse, approvalModel, shapeBounds, waypoints } from './test-fixtures';

describe('resizeElement', () => {
  it('given a sub-process, when resized, then its shape has the new bounds and its flows are routed to them', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'resizeElement', id: 'sub', bounds: { x: 450, y: 100, width: 340, height: 150 } });
    expect(shapeBounds(next, 'sub')).toEqual({ x: 450, y: 100, width: 340, height: 150 });
    expect(waypoints(next, 'f5')?.[0]).toEqual({ x: 790, y: 175 });
  });

  it('given a task with a boundary event at the bottom, when made taller, then the event stays on the bottom border', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'resizeElement', id: 'review', bounds: { x: 150, y: 78, width: 100, height: 120 } });
    const remind = shapeBounds(next, 'remind');
    expect(remind && remind.y + remind.height / 2).toBe(198);
  });

  it('given a pool with lanes, when resized, then the lanes keep filling it', () => {
    const pooled = applyCommand(approvalModel(), { kind: 'addPool', participantId: 'pool', processId: 'x', bounds: { x: -30, y: 0, width: 930, height: 300 } }).model;
    const next = applyAndCheckInverse(pooled, { kind: 'resizeElement', id: 'pool', bounds: { x: -30, y: 0, width: 1030, height: 400 } });
    expect(shapeBounds(next, 'L1')).toEqual({ x: 0, y: 0, width: 1000, height: 400 });
  });

  it('given a pool with two lanes, when its bottom edge is dragged down, then only the bottom lane grows', () => {
    let model = applyCommand(approvalModel(), { kind: 'addPool', participantId: 'pool', processId: 'x', bounds: { x: -30, y: 0, width: 930, height: 300 } }).model;
    model = applyCommand(model, { kind: 'resizeElement', id: 'L1', bounds: { x: 0, y: 0, width: 900, height: 200 } }).model;
    model = applyCommand(model, { kind: 'addLane', laneId: 'L2', processId: 'P', bounds: { x: 0, y: 200, width: 900, height: 100 } }).model;
    const next = applyAndCheckInverse(model, { kind: 'resizeElement', id: 'pool', bounds: { x: -30, y: 0, width: 930, height: 360 } });
    expect(shapeBounds(next, 'L1')).toEqual({ x: 0, y: 0, width: 900, height: 200 });
    expect(shapeBounds(next, 'L2')).toEqual({ x: 0, y: 200, width: 900, height: 160 });
    // And its top edge moved up: only the top lane grows.
    const up = applyAndCheckInverse(model, { kind: 'resizeElement', id: 'pool', bounds: { x: -30, y: -50, width: 930, height: 350 } });
    expect(shapeBounds(up, 'L1')).toEqual({ x: 0, y: -50, width: 900, height: 250 });
    expect(shapeBounds(up, 'L2')).toEqual({ x: 0, y: 200, width: 900, height: 100 });
  });

  it('given a tiny size, when resized, then the minimum size is kept', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'resizeElement', id: 'note', bounds: { x: 150, y: 0, width: 2, height: 2 } });
    expect(shapeBounds(next, 'note')).toEqual({ x: 150, y: 0, width: 20, height: 20 });
  });
});
