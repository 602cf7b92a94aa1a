import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { Harness } from '../harness';
import { replay } from '../replay';
import { definitionOf } from '../test-kit';

const xml = (policy: string, boundary = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:baton="https://baton.dev/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" name="Review">
      <bpmn:extensionElements>
        <baton:assignment candidateGroups="finance" priority="40" />
        <baton:escalationPolicy>${policy}</baton:escalationPolicy>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    ${boundary}
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const HOUR = 3_600_000;
const policy = '<baton:step after="PT1H" action="remind" /><baton:step after="PT2H" action="reassign" group="compliance" /><baton:step after="PT3H" action="raisePriority" priority="90" />';

describe('user task escalation policy', () => {
  it('given a policy of three steps, when the task is created, then one timer per step is scheduled from the creation time', async () => {
    const h = new Harness(definitionOf(await importBpmn(xml(policy))));
    const events = h.must({ type: 'CreateInstance' });
    const timers = events.filter((e) => e.type === 'TimerScheduled');
    expect(timers.map((t) => [t.type === 'TimerScheduled' && t.escalationStep, t.type === 'TimerScheduled' && t.dueAt])).toEqual([
      [0, '2026-01-01T01:00:00.000Z'],
      [1, '2026-01-01T02:00:00.000Z'],
      [2, '2026-01-01T03:00:00.000Z'],
    ]);
  });

  it('given the timers fire in turn, then remind changes nothing, reassign offers the task to the escalation group only, raisePriority raises it — each recorded as UserTaskUpdated', async () => {
    const h = new Harness(definitionOf(await importBpmn(xml(policy))));
    h.must({ type: 'CreateInstance' });
    const [task] = h.tasks();
    h.must({ type: 'UpdateUserTask', taskKey: task.taskKey, reason: 'claim', assignee: 'felix', by: 'felix' });
    expect(h.tasks()[0].assignee).toBe('felix');

    const fire = (step: number) => {
      const timer = [...h.state.timers.values()].find((t) => t.escalationStep === step)!;
      h.advance(HOUR);
      return h.must({ type: 'FireTimer', timerKey: timer.timerKey });
    };
    expect(fire(0).find((e) => e.type === 'UserTaskUpdated')).toMatchObject({ reason: 'escalation', escalation: { step: 0, action: 'remind' } });
    expect(h.tasks()[0]).toMatchObject({ assignee: 'felix', candidateGroups: ['finance'], priority: 40 });

    expect(fire(1).find((e) => e.type === 'UserTaskUpdated')).toMatchObject({ assignee: null, candidateGroups: ['compliance'], escalation: { action: 'reassign' } });
    expect(h.tasks()[0].assignee).toBeUndefined();
    expect(h.tasks()[0].candidateGroups).toEqual(['compliance']);

    fire(2);
    expect(h.tasks()[0].priority).toBe(90);
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given the task is completed before its escalations, then their timers are cancelled with it', async () => {
    const h = new Harness(definitionOf(await importBpmn(xml(policy))));
    h.must({ type: 'CreateInstance' });
    const events = h.must({ type: 'CompleteUserTask', taskKey: h.tasks()[0].taskKey });
    expect(events.filter((e) => e.type === 'TimerCancelled')).toHaveLength(3);
    expect(h.state.status).toBe('completed');
  });

  it('given a boundary timer on the task as well, then the boundary timer still interrupts the task as the engine defines', async () => {
    const boundary = `<bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT30M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:endEvent id="timed_out"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="timed_out" />`;
    const h = new Harness(definitionOf(await importBpmn(xml(policy, boundary))));
    h.must({ type: 'CreateInstance' });
    expect(h.state.timers.size).toBe(4);
    const boundaryTimer = [...h.state.timers.values()].find((t) => t.escalationStep === undefined)!;
    h.advance(HOUR / 2);
    const events = h.must({ type: 'FireTimer', timerKey: boundaryTimer.timerKey });
    expect(events.some((e) => e.type === 'UserTaskCancelled')).toBe(true);
    expect(h.state.timers.size).toBe(0);
    expect(h.state.status).toBe('completed');
  });

  it('given an open task, when UpdateUserTask names a task that is no longer open, then it is rejected', async () => {
    const h = new Harness(definitionOf(await importBpmn(xml(policy))));
    h.must({ type: 'CreateInstance' });
    const result = h.send({ type: 'UpdateUserTask', taskKey: 'nope', reason: 'claim', assignee: 'x' });
    expect(result).toMatchObject({ ok: false, code: 'USER_TASK_NOT_FOUND' });
  });
});
