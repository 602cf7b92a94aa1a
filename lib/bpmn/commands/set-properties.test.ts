import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { applyAndCheckInverse, approvalModel } from './test-fixtures';
import { CommandError } from './types';

describe('setProperties', () => {
  it('given a user task, when its name and assignment are set, then they are stored and the inverse restores the old task', () => {
    const next = applyAndCheckInverse(approvalModel(), {
      kind: 'setProperties',
      id: 'review',
      properties: { name: 'Review claim', assignment: { assignee: '=initiator', candidateGroups: ['finance'] } },
    });
    expect(next.elements.find((e) => e.id === 'review')).toMatchObject({
      name: 'Review claim',
      assignment: { assignee: '=initiator', candidateGroups: ['finance'], candidateUsers: [] },
    });
  });

  it('given a flow, when its condition is set and then removed with null, then both are exact steps', () => {
    const withCondition = applyAndCheckInverse(approvalModel(), { kind: 'setProperties', id: 'f2', properties: { condition: { body: '=ok' } } });
    expect(withCondition.flows.find((f) => f.id === 'f2')?.condition).toEqual({ body: '=ok' });
    const without = applyAndCheckInverse(withCondition, { kind: 'setProperties', id: 'f2', properties: { condition: null } });
    expect(without.flows.find((f) => f.id === 'f2')).not.toHaveProperty('condition');
  });

  it('given a lane, a process and an annotation, when properties are set, then each is changed', () => {
    let model = applyAndCheckInverse(approvalModel(), { kind: 'setProperties', id: 'L1', properties: { name: 'Clerks' } });
    expect(model.processes[0].laneSets[0].lanes[0].name).toBe('Clerks');
    model = applyAndCheckInverse(model, { kind: 'setProperties', id: 'P', properties: { name: 'Approval' } });
    expect(model.processes[0].name).toBe('Approval');
    model = applyAndCheckInverse(model, { kind: 'setProperties', id: 'note', properties: { text: 'Two people' } });
    expect(model.artifacts[0]).toMatchObject({ text: 'Two people' });
  });

  it('given a value the schema refuses, when set, then CommandError names the property', () => {
    expect(() => applyCommand(approvalModel(), { kind: 'setProperties', id: 'review', properties: { fourEyes: { notStarter: 'yes' } } })).toThrow(/fourEyes\.notStarter/);
    expect(() => applyCommand(approvalModel(), { kind: 'setProperties', id: 'review', properties: { id: 'x' } })).toThrow(CommandError);
  });
});

describe('renameId', () => {
  it('given a task, when its id changes, then every reference follows: flows, boundary, lane, association, DI', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'renameId', id: 'review', newId: 'Review_1' });
    expect(next.elements.find((e) => e.id === 'remind')).toMatchObject({ attachedToRef: 'Review_1' });
    expect(next.flows.find((f) => f.id === 'f1')?.targetRef).toBe('Review_1');
    expect(next.flows.find((f) => f.id === 'f2')?.sourceRef).toBe('Review_1');
    expect(next.processes[0].laneSets[0].lanes[0].flowNodeRefs).toEqual(['start', 'Review_1', 'decide']);
    expect(next.artifacts[1]).toMatchObject({ targetRef: 'Review_1' });
    expect(next.diagrams[0].shapes.find((s) => s.bpmnElement === 'Review_1')?.id).toBe('Review_1_di');
  });

  it('given a default flow, when its id changes, then the gateway default follows', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'renameId', id: 'f3', newId: 'toApproved' });
    expect(next.elements.find((e) => e.id === 'decide')).toMatchObject({ default: 'toApproved' });
  });

  it('given an invalid or taken id, when renamed, then CommandError', () => {
    expect(() => applyCommand(approvalModel(), { kind: 'renameId', id: 'review', newId: '1abc' })).toThrow(/not a valid BPMN id/);
    expect(() => applyCommand(approvalModel(), { kind: 'renameId', id: 'review', newId: 'start' })).toThrow(/already used/);
  });
});

describe('setGlobal', () => {
  it('given no errors, when an error is set and then given a code, then both steps are exact', () => {
    const added = applyAndCheckInverse(approvalModel(), { kind: 'setGlobal', collection: 'errors', id: 'Error_rejected', name: 'Rejected' });
    expect(added.globals.errors).toEqual([{ id: 'Error_rejected', name: 'Rejected', extensions: [], attrs: {} }]);
    const coded = applyAndCheckInverse(added, { kind: 'setGlobal', collection: 'errors', id: 'Error_rejected', code: 'REJECTED' });
    expect(coded.globals.errors[0]).toMatchObject({ name: 'Rejected', errorCode: 'REJECTED' });
  });
});
