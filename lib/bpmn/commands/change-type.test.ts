import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply-command';
import { applyAndCheckInverse, approvalModel, shapeBounds } from './test-fixtures';
import { CommandError } from './types';

describe('changeType', () => {
  it('given a user task, when it becomes a service task, then it keeps id, name and flows and drops user-task settings', () => {
    const model = applyCommand(approvalModel(), { kind: 'setProperties', id: 'review', properties: { assignment: { assignee: 'ann' } } }).model;
    const next = applyAndCheckInverse(model, { kind: 'changeType', id: 'review', type: 'serviceTask' });
    const element = next.elements.find((e) => e.id === 'review');
    expect(element).toMatchObject({ type: 'serviceTask', name: 'Review' });
    expect(element).not.toHaveProperty('assignment');
    expect(next.flows.find((f) => f.id === 'f2')?.sourceRef).toBe('review');
  });

  it('given a service task, when made an agent task, then it has agent settings', () => {
    const service = applyCommand(approvalModel(), { kind: 'changeType', id: 'review', type: 'serviceTask' }).model;
    const next = applyAndCheckInverse(service, { kind: 'changeType', id: 'review', type: 'serviceTask', agent: true });
    expect(next.elements.find((e) => e.id === 'review')).toMatchObject({ type: 'serviceTask', agent: { tools: [] } });
  });

  it('given an end event, when made an error end event, then it has one error definition', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'changeType', id: 'approved', type: 'endEvent', eventDefinition: 'error' });
    expect(next.elements.find((e) => e.id === 'approved')).toMatchObject({ eventDefinitions: [{ kind: 'error' }] });
  });

  it('given an exclusive gateway with a default, when made parallel, then the default is dropped', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'changeType', id: 'decide', type: 'parallelGateway' });
    expect(next.elements.find((e) => e.id === 'decide')).not.toHaveProperty('default');
    expect(next.diagrams[0].shapes.find((s) => s.bpmnElement === 'decide')).not.toHaveProperty('isMarkerVisible');
  });

  it('given a task, when it becomes an event, then its shape gets the event size around the same centre', () => {
    const next = applyAndCheckInverse(approvalModel(), { kind: 'changeType', id: 'review', type: 'intermediateThrowEvent' });
    expect(shapeBounds(next, 'review')).toEqual({ x: 182, y: 100, width: 36, height: 36 });
  });

  it('given a sub-process with contents, when made a task, then CommandError', () => {
    expect(() => applyCommand(approvalModel(), { kind: 'changeType', id: 'sub', type: 'task' })).toThrow(CommandError);
  });
});
