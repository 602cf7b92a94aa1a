import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, execute, redo, undo } from './history';
import { approvalModel } from './test-fixtures';

describe('history', () => {
  it('given two edits, when undone twice and redone twice, then the models go back and forth exactly', () => {
    const m0 = approvalModel();
    const a = execute(m0, EMPTY_HISTORY, { kind: 'moveElements', ids: ['review'], delta: { x: 10, y: 0 } }, { label: 'Move' });
    const b = execute(a.model, a.history, { kind: 'deleteElements', ids: ['note'] }, { label: 'Delete' });
    const u1 = undo(b.model, b.history);
    expect(u1?.model).toEqual(a.model);
    const u2 = undo(u1!.model, u1!.history);
    expect(u2?.model).toEqual(m0);
    expect(undo(u2!.model, u2!.history)).toBeUndefined();
    const r1 = redo(u2!.model, u2!.history);
    const r2 = redo(r1!.model, r1!.history);
    expect(r2?.model).toEqual(b.model);
    expect(redo(r2!.model, r2!.history)).toBeUndefined();
  });

  it('given typing into one field, when edits share a coalesce key, then one undo step brings back the value before typing', () => {
    const m0 = approvalModel();
    let state = { model: m0, history: EMPTY_HISTORY };
    for (const name of ['R', 'Re', 'Rev']) {
      state = execute(state.model, state.history, { kind: 'setProperties', id: 'review', properties: { name } }, { label: 'Name', coalesceKey: 'review.name' });
    }
    expect(state.history.past).toHaveLength(1);
    const undone = undo(state.model, state.history);
    expect(undone?.model).toEqual(m0);
    expect(redo(undone!.model, undone!.history)?.model).toEqual(state.model);
  });

  it('given a new edit after an undo, when executed, then nothing is left to redo', () => {
    const m0 = approvalModel();
    const a = execute(m0, EMPTY_HISTORY, { kind: 'deleteElements', ids: ['note'] }, { label: 'Delete' });
    const u = undo(a.model, a.history)!;
    const b = execute(u.model, u.history, { kind: 'deleteElements', ids: ['start'] }, { label: 'Delete' });
    expect(b.history.future).toEqual([]);
  });
});
