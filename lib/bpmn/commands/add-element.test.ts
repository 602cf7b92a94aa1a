import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { createFlowElement, createTextAnnotation } from './element-factory';
import { applyAndCheckInverse, approvalModel, shapeBounds } from './test-fixtures';
import { CommandError } from './types';
import { BpmnModelSchema } from '../model';

describe('addElement', () => {
  it('given a model, when a user task is added into a lane, then it has a shape and lane membership, and the inverse removes both', () => {
    const element = createFlowElement({ id: 'approve', type: 'userTask', parentId: 'P', name: 'Approve' });
    const next = applyAndCheckInverse(approvalModel(), { kind: 'addElement', element, bounds: { x: 600, y: 20, width: 100, height: 80 }, laneId: 'L1' });
    expect(next.elements.at(-1)).toMatchObject({ id: 'approve', type: 'userTask', name: 'Approve' });
    expect(shapeBounds(next, 'approve')).toEqual({ x: 600, y: 20, width: 100, height: 80 });
    expect(next.processes[0].laneSets[0].lanes[0].flowNodeRefs).toContain('approve');
  });

  it('given an expanded sub-process, when a task is added into it, then its parent is the sub-process', () => {
    const element = createFlowElement({ id: 'inner', type: 'task', parentId: 'sub' });
    const next = applyAndCheckInverse(approvalModel(), { kind: 'addElement', element, bounds: { x: 560, y: 140, width: 100, height: 80 } });
    expect(next.elements.find((e) => e.id === 'inner')?.parentId).toBe('sub');
  });

  it('given a sub-process, when added expanded, then its shape says isExpanded', () => {
    const element = createFlowElement({ id: 'sp', type: 'subProcess', parentId: 'P' });
    const next = applyAndCheckInverse(approvalModel(), { kind: 'addElement', element, bounds: { x: 0, y: 400, width: 350, height: 200 }, isExpanded: true });
    expect(next.diagrams[0].shapes.at(-1)).toMatchObject({ bpmnElement: 'sp', isExpanded: true });
  });

  it('given a model without a diagram, when an element is added, then a diagram on the process is created and the inverse removes it', () => {
    const model = BpmnModelSchema.parse({ definitions: { id: 'd' }, processes: [{ id: 'P', isExecutable: true }], elements: [], flows: [] });
    const element = createFlowElement({ id: 'start', type: 'startEvent', parentId: 'P' });
    const next = applyAndCheckInverse(model, { kind: 'addElement', element, bounds: { x: 0, y: 0, width: 36, height: 36 } });
    expect(next.diagrams).toHaveLength(1);
    expect(next.diagrams[0].plane.bpmnElement).toBe('P');
  });

  it('given a used id or an unknown container, when adding, then CommandError and nothing changes', () => {
    const model = approvalModel();
    expect(() => applyCommand(model, { kind: 'addElement', element: createFlowElement({ id: 'review', type: 'task', parentId: 'P' }), bounds: { x: 0, y: 0, width: 1, height: 1 } })).toThrow(CommandError);
    expect(() => applyCommand(model, { kind: 'addElement', element: createFlowElement({ id: 'x', type: 'task', parentId: 'review' }), bounds: { x: 0, y: 0, width: 1, height: 1 } })).toThrow(/neither a process nor a sub-process/);
  });
});

describe('addArtifact', () => {
  it('given a model, when a text annotation is added, then it is an artifact with a shape', () => {
    const artifact = createTextAnnotation({ id: 'n2', parentId: 'P', text: 'Check the amount' });
    const next = applyAndCheckInverse(approvalModel(), { kind: 'addArtifact', artifact, bounds: { x: 400, y: 0, width: 100, height: 30 } });
    expect(next.artifacts.at(-1)).toMatchObject({ id: 'n2', type: 'textAnnotation', text: 'Check the amount' });
  });
});

describe('addPool and addLane', () => {
  it('given a model without pools, when a pool is added, then a collaboration wraps the existing process and the plane shows it', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'addPool', participantId: 'pool', processId: 'P2', name: 'Bank', bounds: { x: -30, y: -10, width: 960, height: 320 } });
    expect(next.collaboration?.participants).toEqual([{ id: 'pool', name: 'Bank', processRef: 'P', extensions: [], attrs: {} }]);
    expect(next.processes).toHaveLength(1);
    expect(next.diagrams[0].plane.bpmnElement).toBe(next.collaboration?.id);
  });

  it('given a model with a pool, when a second pool is added, then it gets a new empty, non-executable process', () => {
    const pooled = applyCommand(approvalModel(), { kind: 'addPool', participantId: 'pool', processId: 'unused', bounds: { x: 0, y: 0, width: 900, height: 300 } }).model;
    const next = applyAndCheckInverse(pooled, { kind: 'addPool', participantId: 'customer', processId: 'P2', name: 'Customer', bounds: { x: 0, y: 400, width: 900, height: 200 } });
    expect(next.processes.at(-1)).toMatchObject({ id: 'P2', isExecutable: false });
    expect(next.collaboration?.participants.at(-1)).toMatchObject({ id: 'customer', processRef: 'P2' });
  });

  it('given a process, when a lane is added over some elements, then those elements move into it', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'addLane', laneId: 'L2', processId: 'P', name: 'Back office', bounds: { x: 430, y: 0, width: 470, height: 300 } });
    const lanes = next.processes[0].laneSets[0].lanes;
    expect(lanes.map((l) => l.id)).toEqual(['L1', 'L2']);
    expect(lanes[1].flowNodeRefs).toEqual(['approved', 'sub', 'done']);
  });
});
