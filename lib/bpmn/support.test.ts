import { describe, expect, it } from 'vitest';
import { FlowElementSchema, type FlowElement } from './model';
import { ELEMENT_TYPE_SUPPORT, SUPPORTED_EVENT_TRIGGERS, supportOf } from './support';
import type { ElementInput } from './test-support/model-builder';

function element(input: ElementInput): FlowElement {
  return FlowElementSchema.parse({ parentId: 'Process_1', ...input });
}

describe('supportOf', () => {
  it.each([
    ['task'], ['manualTask'], ['userTask'], ['scriptTask'], ['serviceTask'], ['sendTask'], ['businessRuleTask'], ['receiveTask'],
    ['callActivity'], ['subProcess'], ['adHocSubProcess'], ['exclusiveGateway'], ['inclusiveGateway'], ['parallelGateway'], ['eventBasedGateway'],
  ] as const)('given a %s, when checked, then it is supported', (type) => {
    expect(supportOf(element({ id: 'x', type }))).toEqual({ supported: true });
  });

  it.each([
    ['complexGateway', 'complex gateways are not supported'],
    ['transaction', 'transaction sub-processes are not supported'],
  ] as const)('given a %s, when checked, then it is not supported and says why', (type, reason) => {
    expect(supportOf(element({ id: 'x', type }))).toEqual({ supported: false, reason: expect.stringContaining(reason) });
  });

  it('given a standard loop, when checked, then it is not supported', () => {
    expect(supportOf(element({ id: 'x', type: 'task', loop: { kind: 'standardLoop' } }))).toEqual({
      supported: false,
      reason: 'standard loops are not supported: use multi-instance (sequential) instead',
    });
  });

  it('given a multi-instance task, when checked, then it is supported', () => {
    expect(supportOf(element({ id: 'x', type: 'task', loop: { kind: 'multiInstance', collection: '=items' } }))).toEqual({ supported: true });
  });

  it('given a conditional start event, when checked, then it is not supported', () => {
    expect(supportOf(element({ id: 'x', type: 'startEvent', eventDefinitions: [{ kind: 'conditional' }] }))).toEqual({
      supported: false,
      reason: 'conditional start events of a process are not supported',
    });
  });

  it('given a cancel end event, when checked, then it is not supported', () => {
    expect(supportOf(element({ id: 'x', type: 'endEvent', eventDefinitions: [{ kind: 'cancel' }] })).supported).toBe(false);
  });

  it('given an event with two definitions, when checked, then multiple events are not supported', () => {
    const multiple = element({ id: 'x', type: 'intermediateCatchEvent', eventDefinitions: [{ kind: 'message' }, { kind: 'timer' }] });
    expect(supportOf(multiple)).toMatchObject({ supported: false, reason: expect.stringContaining('more than one event definition') });
  });

  it('given an error start event, when checked at process level and in an event sub-process, then only the latter is supported', () => {
    const errorStart = element({ id: 'x', type: 'startEvent', eventDefinitions: [{ kind: 'error' }] });
    expect(supportOf(errorStart).supported).toBe(false);
    expect(supportOf(errorStart, { scope: 'eventSubProcess' })).toEqual({ supported: true });
  });

  it('given a message start event in an embedded sub-process, when checked, then it is not supported', () => {
    const messageStart = element({ id: 'x', type: 'startEvent', eventDefinitions: [{ kind: 'message' }] });
    expect(supportOf(messageStart, { scope: 'subProcess' })).toEqual({
      supported: false,
      reason: 'message start events of an embedded sub-process are not supported',
    });
  });

  it.each([
    ['boundaryEvent', 'compensate'], ['boundaryEvent', 'escalation'], ['boundaryEvent', 'timer'], ['endEvent', 'terminate'],
    ['endEvent', 'error'], ['intermediateThrowEvent', 'link'], ['intermediateCatchEvent', 'link'], ['intermediateThrowEvent', 'compensate'],
    ['intermediateCatchEvent', 'signal'], ['intermediateThrowEvent', 'message'],
  ] as const)('given a %s with a %s definition, when checked, then it is supported', (type, kind) => {
    const event = element({ id: 'x', type, attachedToRef: 'task', eventDefinitions: [{ kind }] } as ElementInput);
    expect(supportOf(event)).toEqual({ supported: true });
  });

  it('given a non-interrupting error boundary event, when checked, then it is not allowed', () => {
    const event = element({ id: 'x', type: 'boundaryEvent', attachedToRef: 'task', cancelActivity: false, eventDefinitions: [{ kind: 'error' }] });
    expect(supportOf(event).supported).toBe(false);
  });

  it('given an instantiating or parallel event-based gateway, when checked, then it is not supported', () => {
    expect(supportOf(element({ id: 'x', type: 'eventBasedGateway', instantiate: true })).supported).toBe(false);
    expect(supportOf(element({ id: 'x', type: 'eventBasedGateway', eventGatewayType: 'Parallel' })).supported).toBe(false);
  });

  it('given the tables, when read, then conditional and cancel events are supported nowhere', () => {
    for (const triggers of Object.values(SUPPORTED_EVENT_TRIGGERS)) {
      expect(triggers).not.toContain('conditional');
      expect(triggers).not.toContain('cancel');
    }
    expect(Object.keys(ELEMENT_TYPE_SUPPORT)).toHaveLength(22);
  });
});
