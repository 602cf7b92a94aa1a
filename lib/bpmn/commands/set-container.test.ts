import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { applyAndCheckInverse, approvalModel } from './test-fixtures';
import { CommandError } from './types';

describe('setContainer', () => {
  it('given a task with a boundary event, when put into a sub-process, then both get the sub-process as parent', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'setContainer', ids: ['review'], parentId: 'sub' });
    expect(next.elements.find((e) => e.id === 'review')?.parentId).toBe('sub');
    expect(next.elements.find((e) => e.id === 'remind')?.parentId).toBe('sub');
  });

  it('given two connected elements, when both are put into the sub-process, then the flow between them moves too', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'setContainer', ids: ['start', 'review'], parentId: 'sub' });
    expect(next.flows.find((f) => f.id === 'f1')?.parentId).toBe('sub');
  });

  it('given lanes, when an element is put out of every lane, then no lane names it', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'setContainer', ids: ['start'], parentId: 'P', laneId: null });
    expect(next.processes[0].laneSets[0].lanes[0].flowNodeRefs).toEqual(['review', 'decide']);
  });

  it('given a sub-process, when put into itself, then CommandError', () => {
    expect(() => applyCommand(approvalModel(), { kind: 'setContainer', ids: ['sub'], parentId: 'sub' })).toThrow(CommandError);
  });
});
