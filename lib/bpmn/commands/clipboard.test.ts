import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { copyFragment, FragmentSchema, preparePaste } from './clipboard';
import { applyAndCheckInverse, approvalModel, shapeBounds } from './test-fixtures';

function counter() {
  let n = 0;
  return () => ((n += 1) * 7919) / 36 ** 7 / 1000;
}

describe('copy and paste', () => {
  it('given a task with a boundary event, when copied, then the fragment has both, and flows only between copied elements', () => {
    const fragment = copyFragment(approvalModel(), ['review', 'decide']);
    expect(fragment.elements.map((e) => e.id)).toEqual(['review', 'remind', 'decide']);
    expect(fragment.flows.map((f) => f.id)).toEqual(['f2']);
    expect(FragmentSchema.parse(JSON.parse(JSON.stringify(fragment)))).toEqual(fragment);
  });

  it('given a fragment, when pasted with fresh ids, then copies are added shifted, and the inverse removes them', () => {
    const model = approvalModel();
    const fragment = copyFragment(model, ['review', 'decide']);
    const ids = preparePaste(model, fragment, counter());
    const next = applyAndCheckInverse(model, { kind: 'paste', fragment, ids, delta: { x: 0, y: 300 }, parentId: 'P' });
    const review = ids.review;
    expect(next.elements.find((e) => e.id === ids.remind)).toMatchObject({ type: 'boundaryEvent', attachedToRef: review });
    expect(next.flows.find((f) => f.id === ids.f2)).toMatchObject({ sourceRef: review, targetRef: ids.decide });
    expect(shapeBounds(next, review)).toEqual({ x: 150, y: 378, width: 100, height: 80 });
    // The copied gateway's default flow was not copied along, so the copy has none.
    expect(next.elements.find((e) => e.id === ids.decide)).not.toHaveProperty('default');
  });

  it('given a fragment, when pasted into a sub-process, then top-level copies have the sub-process as parent', () => {
    const model = approvalModel();
    const fragment = copyFragment(model, ['start']);
    const ids = preparePaste(model, fragment, counter());
    const next = applyCommand(model, { kind: 'paste', fragment, ids, delta: { x: 450, y: 60 }, parentId: 'sub' }).model;
    expect(next.elements.find((e) => e.id === ids.start)?.parentId).toBe('sub');
  });
});
