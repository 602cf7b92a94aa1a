import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { boundaryHostAt, dropContainerAt } from './drop-target';
import { approvalModel } from './test-fixtures';

describe('dropContainerAt', () => {
  it('given a point inside the expanded sub-process, then the sub-process holds the drop', () => {
    expect(dropContainerAt(approvalModel(), { x: 600, y: 200 })).toEqual({ parentId: 'sub' });
  });

  it('given a point in the lane outside sub-processes, then the process and the lane hold it', () => {
    expect(dropContainerAt(approvalModel(), { x: 100, y: 250 })).toEqual({ parentId: 'P', laneId: 'L1' });
  });

  it('given the sub-process itself is being dragged, then it does not hold its own drop', () => {
    expect(dropContainerAt(approvalModel(), { x: 600, y: 200 }, new Set(['sub']))).toEqual({ parentId: 'P', laneId: 'L1' });
  });

  it('given pools, when the point is outside every pool, then nothing may be dropped there', () => {
    const pooled = applyCommand(approvalModel(), { kind: 'addPool', participantId: 'pool', processId: 'x', bounds: { x: -30, y: 0, width: 930, height: 300 } }).model;
    expect(dropContainerAt(pooled, { x: 100, y: 250 })).toEqual({ parentId: 'P', participantId: 'pool', laneId: 'L1' });
    expect(dropContainerAt(pooled, { x: 100, y: 500 })).toBeUndefined();
  });
});

describe('boundaryHostAt', () => {
  it('given a point on a task border, then that task; inside or far away, then none', () => {
    expect(boundaryHostAt(approvalModel(), { x: 200, y: 160 })).toBe('review');
    expect(boundaryHostAt(approvalModel(), { x: 200, y: 118 })).toBeUndefined();
    expect(boundaryHostAt(approvalModel(), { x: 20, y: 280 })).toBeUndefined();
  });
});
