import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { inversePatch } from './patch';
import { applyAndCheckInverse, approvalModel } from './test-fixtures';

describe('patch: the inverse by id', () => {
  it('given a move of one task, when its inverse is computed, then it names only the changed shapes and edges', () => {
    const model = approvalModel();
    const { inverse } = applyCommand(model, { kind: 'moveElements', ids: ['start'], delta: { x: 0, y: 10 } });
    expect(inverse.ops).toEqual([
      expect.objectContaining({ op: 'list', list: 'shapes', remove: [], insert: [], replace: [expect.objectContaining({ bpmnElement: 'start' })] }),
      expect.objectContaining({ op: 'list', list: 'edges', replace: [expect.objectContaining({ bpmnElement: 'f1' })] }),
    ]);
  });

  it('given identical models, when diffed, then there are no ops', () => {
    const model = approvalModel();
    expect(inversePatch(model, model)).toEqual([]);
  });

  it('given a reordered list, when diffed, then the whole previous list is restored', () => {
    const model = approvalModel();
    const reordered = { ...model, elements: [...model.elements].reverse() };
    const ops = inversePatch(model, reordered);
    expect(ops).toEqual([expect.objectContaining({ op: 'setList', list: 'elements' })]);
  });

  it('given a whole model replaced (an import), when undone, then the old model comes back', () => {
    const other = applyCommand(approvalModel(), { kind: 'deleteElements', ids: ['sub', 'review'] }).model;
    applyAndCheckInverse(approvalModel(), { kind: 'replaceModel', model: other });
  });

  it('given a batch, when applied, then one inverse undoes all its commands', () => {
    applyAndCheckInverse(approvalModel(), {
      kind: 'batch',
      commands: [
        { kind: 'moveElements', ids: ['review'], delta: { x: 300, y: 30 } },
        { kind: 'setContainer', ids: ['review'], parentId: 'sub', laneId: null },
      ],
    });
  });
});
