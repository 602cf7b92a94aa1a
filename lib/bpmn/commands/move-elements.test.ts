import { describe, expect, it } from 'vitest';
import { applyAndCheckInverse, approvalModel, shapeBounds, waypoints } from './test-fixtures';

describe('moveElements', () => {
  it('given a task, when moved, then its boundary event moves along and its flows are routed anew', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'moveElements', ids: ['review'], delta: { x: 0, y: 100 } });
    expect(shapeBounds(next, 'review')).toEqual({ x: 150, y: 178, width: 100, height: 80 });
    expect(shapeBounds(next, 'remind')).toEqual({ x: 200, y: 240, width: 36, height: 36 });
    // start (50,100 36x36) → review (150,178): to the right and lower, two bends.
    expect(waypoints(next, 'f1')).toEqual([{ x: 86, y: 118 }, { x: 118, y: 118 }, { x: 118, y: 218 }, { x: 150, y: 218 }]);
    // Every segment stays orthogonal.
    const f2 = waypoints(next, 'f2') ?? [];
    for (let i = 1; i < f2.length; i++) expect(f2[i].x === f2[i - 1].x || f2[i].y === f2[i - 1].y).toBe(true);
  });

  it('given an expanded sub-process, when moved, then its contents and inner flows are translated', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'moveElements', ids: ['sub'], delta: { x: 10, y: 20 } });
    expect(shapeBounds(next, 's1')).toEqual({ x: 490, y: 170, width: 36, height: 36 });
    expect(waypoints(next, 'fs')).toEqual([{ x: 526, y: 188 }, { x: 690, y: 188 }]);
  });

  it('given an event with an external label, when moved, then the label moves with it', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'moveElements', ids: ['start'], delta: { x: -10, y: 0 } });
    expect(next.diagrams[0].shapes.find((s) => s.bpmnElement === 'start')?.label?.bounds).toEqual({ x: 30, y: 140, width: 56, height: 14 });
  });

  it('given a zero delta, when moved, then the model is the same object', () => {
    const model = approvalModel();
    expect(applyAndCheckInverse(model, { kind: 'moveElements', ids: ['start'], delta: { x: 0, y: 0 } })).toBe(model);
  });
});
