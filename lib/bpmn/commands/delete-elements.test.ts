import { describe, expect, it } from 'vitest';
import { applyAndCheckInverse, approvalModel } from './test-fixtures';

describe('deleteElements', () => {
  it('given a task with a boundary event and flows, when it is deleted, then the boundary, the flows, the association and their DI go too', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'deleteElements', ids: ['review'] });
    const ids = next.elements.map((e) => e.id);
    expect(ids).not.toContain('review');
    expect(ids).not.toContain('remind');
    expect(next.flows.map((f) => f.id)).toEqual(['f3', 'f4', 'f5', 'fs']);
    expect(next.artifacts.map((a) => a.id)).toEqual(['note']);
    expect(next.diagrams[0].edges.map((e) => e.bpmnElement)).toEqual(['f3', 'f4', 'f5', 'fs']);
    expect(next.processes[0].laneSets[0].lanes[0].flowNodeRefs).toEqual(['start', 'decide']);
  });

  it('given a sub-process, when it is deleted, then its contents and inner flows go with it', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'deleteElements', ids: ['sub'] });
    expect(next.elements.map((e) => e.id)).not.toEqual(expect.arrayContaining(['s1']));
    expect(next.flows.map((f) => f.id)).toEqual(['f1', 'f2', 'f3', 'f6']);
  });

  it('given a default flow, when it is deleted, then its gateway no longer names it', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'deleteElements', ids: ['f3'] });
    const gateway = next.elements.find((e) => e.id === 'decide');
    expect(gateway).toBeDefined();
    expect(gateway).not.toHaveProperty('default');
  });

  it('given several elements at once, when deleted, then one inverse restores them all in place', () => {
    applyAndCheckInverse(approvalModel(), { kind: 'deleteElements', ids: ['start', 'approved', 'note', 'L1'] });
  });
});
