import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { applyAndCheckInverse, approvalModel } from './test-fixtures';
import { CommandError } from './types';

const labelOf = (model: ReturnType<typeof approvalModel>, id: string) =>
  (model.diagrams[0]?.shapes.find((s) => s.bpmnElement === id) ?? model.diagrams[0]?.edges.find((e) => e.bpmnElement === id))?.label?.bounds;

describe('moveLabel', () => {
  it('given an event with label bounds, when its label is moved, then the DI label bounds change and undo puts them back', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'moveLabel', id: 'start', bounds: { x: 20, y: 180, width: 56, height: 14 } });
    expect(labelOf(next, 'start')).toEqual({ x: 20, y: 180, width: 56, height: 14 });
    expect(next.diagrams[0]?.shapes.find((s) => s.bpmnElement === 'start')?.bounds).toEqual({ x: 50, y: 100, width: 36, height: 36 });
  });

  it('given a gateway without label bounds, when its label is moved, then it gets DI label bounds (and loses them on undo)', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'moveLabel', id: 'decide', bounds: { x: 300.4, y: 150, width: 90, height: 14 } });
    expect(labelOf(next, 'decide')).toEqual({ x: 300, y: 150, width: 90, height: 14 });
  });

  it('given a flow, when its label is moved, then the edge gets DI label bounds', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'moveLabel', id: 'f4', bounds: { x: 380, y: 90, width: 60, height: 14 } });
    expect(labelOf(next, 'f4')).toEqual({ x: 380, y: 90, width: 60, height: 14 });
  });

  it('given an element that is not drawn or bad bounds, when moved, then CommandError says why', () => {
    expect(() => applyCommand(approvalModel(), { kind: 'moveLabel', id: 'ghost', bounds: { x: 0, y: 0, width: 10, height: 10 } })).toThrow(CommandError);
    expect(() => applyCommand(approvalModel(), { kind: 'moveLabel', id: 'start', bounds: { x: Number.NaN, y: 0, width: 10, height: 10 } })).toThrow('not a rectangle');
  });
});
