import { describe, expect, it } from 'vitest';
import { applyCommand } from '../commands/apply-command';
import { createFlowElement } from '../commands/element-factory';
import { approvalModel } from '../commands/test-fixtures';
import { diffModels, diffOverlay } from './diff-models';
import type { BpmnModel } from '../model';
import type { ModelCommand } from '../commands/types';

function edit(model: BpmnModel, ...commands: ModelCommand[]): BpmnModel {
  return commands.reduce((m, c) => applyCommand(m, c).model, model);
}

describe('diffModels', () => {
  it('given the same model, then nothing changed', () => {
    expect(diffModels(approvalModel(), approvalModel())).toEqual({ elements: [], counts: { added: 0, removed: 0, changed: 0, moved: 0 } });
  });

  it('given an added task, a removed annotation, a changed assignee and a moved event, then each is reported with its properties', () => {
    const before = approvalModel();
    const after = edit(
      before,
      { kind: 'addElement', element: createFlowElement({ id: 'audit', type: 'serviceTask', parentId: 'P', name: 'Audit' }), bounds: { x: 600, y: 300, width: 100, height: 80 } },
      { kind: 'deleteElements', ids: ['note'] },
      { kind: 'setProperties', id: 'review', properties: { assignment: { assignee: 'ann', candidateGroups: ['finance'] } } },
      { kind: 'moveElements', ids: ['approved'], delta: { x: 0, y: -10 } },
    );
    const diff = diffModels(before, after);
    const byId = new Map(diff.elements.map((d) => [d.id, d]));
    expect(byId.get('audit')).toMatchObject({ statuses: ['added'], type: 'serviceTask', name: 'Audit' });
    expect(byId.get('note')).toMatchObject({ statuses: ['removed'], type: 'textAnnotation' });
    expect(byId.get('a1')).toMatchObject({ statuses: ['removed'], type: 'association' });
    expect(byId.get('review')?.statuses).toEqual(['changed']);
    expect(byId.get('review')?.changes).toEqual([
      { path: 'assignment.assignee', after: 'ann' },
      { path: 'assignment.candidateGroups', after: ['finance'] },
      { path: 'assignment.candidateUsers', after: [] },
    ]);
    expect(byId.get('approved')).toMatchObject({ statuses: ['moved'], bounds: { before: { y: 20 }, after: { y: 10 } } });
    // The flow into the moved event was re-routed: moved, not changed.
    expect(byId.get('f3')?.statuses).toEqual(['moved']);
    // The lane lost no member; the process gained one element: the lane is unchanged.
    expect(byId.has('L1')).toBe(false);
    expect(diff.counts).toEqual({ added: 1, removed: 2, changed: 1, moved: 2 });
  });

  it('given a changed condition and timer, then the paths name them', () => {
    const before = approvalModel();
    const after = edit(
      before,
      { kind: 'setProperties', id: 'f4', properties: { condition: { body: '=amount > 500' } } },
      { kind: 'setProperties', id: 'remind', properties: { eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT2H' }, extensions: [] }] } },
    );
    const byId = new Map(diffModels(before, after).elements.map((d) => [d.id, d]));
    expect(byId.get('f4')?.changes).toEqual([{ path: 'condition.body', before: '=amount > 100', after: '=amount > 500' }]);
    expect(byId.get('remind')?.changes).toEqual([{ path: 'eventDefinitions[0].timeDuration.body', before: 'PT1H', after: 'PT2H' }]);
  });
});

describe('diffOverlay', () => {
  it('given a removed element, then the overlay draws it from the old DI, and every element has its class', () => {
    const before = approvalModel();
    const after = edit(before, { kind: 'deleteElements', ids: ['approved'] }, { kind: 'setProperties', id: 'review', properties: { name: 'Check' } });
    const diff = diffModels(before, after);
    const { model, classes } = diffOverlay(before, after, diff);
    expect(model.elements.some((e) => e.id === 'approved')).toBe(true);
    expect(model.diagrams[0].shapes.find((s) => s.bpmnElement === 'approved')?.bounds).toEqual({ x: 450, y: 20, width: 36, height: 36 });
    expect(classes.get('approved')).toBe('diff-removed');
    expect(classes.get('f3')).toBe('diff-removed');
    expect(classes.get('review')).toBe('diff-changed');
  });
});
