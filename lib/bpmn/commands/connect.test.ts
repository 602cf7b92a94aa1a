import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { connectionKindBetween } from './connect';
import { applyAndCheckInverse, approvalModel, waypoints } from './test-fixtures';
import { CommandError } from './types';

describe('connect', () => {
  it('given two flow nodes of one process, when connected, then a sequence flow with an orthogonal route is added', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'connect', connection: 'sequenceFlow', id: 'f9', sourceRef: 'review', targetRef: 'done' });
    expect(next.flows.at(-1)).toMatchObject({ id: 'f9', parentId: 'P', sourceRef: 'review', targetRef: 'done' });
    expect(waypoints(next, 'f9')).toEqual([{ x: 250, y: 118 }, { x: 535, y: 118 }, { x: 535, y: 175 }, { x: 820, y: 175 }]);
  });

  it('given an annotation, when connected to a task, then it is an association', () => {
    expect(connectionKindBetween(approvalModel(), 'note', 'decide')).toEqual({ kind: 'association' });
    const next = applyAndCheckInverse(approvalModel(), { kind: 'connect', connection: 'association', id: 'a2', sourceRef: 'note', targetRef: 'decide' });
    expect(next.artifacts.at(-1)).toMatchObject({ type: 'association', sourceRef: 'note', targetRef: 'decide' });
  });

  it('given ends that BPMN forbids, when connected, then CommandError says why', () => {
    const model = approvalModel();
    expect(connectionKindBetween(model, 'approved', 'done')).toEqual({ error: 'Nothing can leave an end event.' });
    expect(connectionKindBetween(model, 'review', 'start')).toEqual({ error: 'Nothing can enter a start event.' });
    expect(connectionKindBetween(model, 'review', 's2')).toEqual({ error: 'A sequence flow cannot cross the border of a sub-process or pool.' });
    expect(() => applyCommand(model, { kind: 'connect', connection: 'sequenceFlow', id: 'x', sourceRef: 'review', targetRef: 'review' })).toThrow(CommandError);
  });

  it('given two pools, when a task of one is connected to the other pool, then it is a message flow', () => {
    let model = applyCommand(approvalModel(), { kind: 'addPool', participantId: 'bank', processId: 'x', bounds: { x: -30, y: 0, width: 930, height: 300 } }).model;
    model = applyCommand(model, { kind: 'addPool', participantId: 'customer', processId: 'C', bounds: { x: -30, y: 400, width: 930, height: 150 } }).model;
    expect(connectionKindBetween(model, 'review', 'customer')).toEqual({ kind: 'messageFlow' });
    const next = applyAndCheckInverse(model, { kind: 'connect', connection: 'messageFlow', id: 'm1', sourceRef: 'review', targetRef: 'customer' });
    expect(next.collaboration?.messageFlows).toEqual([{ id: 'm1', sourceRef: 'review', targetRef: 'customer', extensions: [], attrs: {} }]);
  });
});

describe('reconnect', () => {
  it('given the default flow, when its source moves to another element, then the old source forgets the default', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'reconnect', id: 'f3', end: 'source', to: 'review' });
    expect(next.flows.find((f) => f.id === 'f3')).toMatchObject({ sourceRef: 'review', targetRef: 'approved' });
    const gateway = next.elements.find((e) => e.id === 'decide');
    expect(gateway).toBeDefined();
    expect(gateway).not.toHaveProperty('default');
  });

  it('given a flow, when its target moves, then it is routed to the new target', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'reconnect', id: 'f5', end: 'target', to: 'approved' });
    // approved (450,20 36x36) is above the sub-process: from its top to the event's bottom.
    expect(waypoints(next, 'f5')).toEqual([{ x: 600, y: 100 }, { x: 600, y: 78 }, { x: 468, y: 78 }, { x: 468, y: 56 }]);
  });
});
