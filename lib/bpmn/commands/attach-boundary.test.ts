import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { applyAndCheckInverse, approvalModel, shapeBounds } from './test-fixtures';
import { CommandError } from './types';

describe('attachBoundary', () => {
  it('given an end event with an incoming flow, when dropped on a task border, then it is a boundary event on that border without incoming flows', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'attachBoundary', id: 'approved', hostId: 'review', at: { x: 245, y: 90 } });
    expect(next.elements.find((e) => e.id === 'approved')).toMatchObject({ type: 'boundaryEvent', attachedToRef: 'review', cancelActivity: true, parentId: 'P' });
    expect(next.flows.find((f) => f.id === 'f3')).toBeUndefined();
    // Centre on the right border (x 250) at the drop height.
    expect(shapeBounds(next, 'approved')).toEqual({ x: 232, y: 72, width: 36, height: 36 });
  });

  it('given a boundary event, when dropped on another activity, then it moves to that host', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'attachBoundary', id: 'remind', hostId: 'sub', at: { x: 600, y: 250 } });
    expect(next.elements.find((e) => e.id === 'remind')).toMatchObject({ attachedToRef: 'sub', eventDefinitions: [{ kind: 'timer' }] });
  });

  it('given a gateway as host, when attaching, then CommandError', () => {
    expect(() => applyCommand(approvalModel(), { kind: 'attachBoundary', id: 'approved', hostId: 'decide', at: { x: 0, y: 0 } })).toThrow(CommandError);
  });
});
