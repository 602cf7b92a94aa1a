/**
 * Commands that do not apply to the instance's state: each is rejected with a named code and
 * a message in plain words, and a rejection emits nothing and leaves the state as it was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import type { Command, RejectionCode } from './commands';
import type { CompileOptions } from './compile';
import { Harness } from './harness';
import { definitionOf, trace } from './test-kit';

const fixture = async (name: string, options?: CompileOptions) =>
  definitionOf(await importBpmn(readFileSync(new URL(`./fixtures/${name}.bpmn`, import.meta.url), 'utf8')), options);

/** Sends a command that must be rejected with `code`; checks that nothing changed. */
function expectRejected(h: Harness, command: Command, code: RejectionCode, message?: RegExp): void {
  const state = h.state;
  const events = h.events.length;
  const result = h.send(command);
  expect(result, `${command.type} should be rejected with ${code}`).toMatchObject({ ok: false, code });
  if (!result.ok) {
    expect(result.message.length).toBeGreaterThan(10);
    if (message !== undefined) expect(result.message).toMatch(message);
  }
  expect(h.state).toBe(state);
  expect(h.events).toHaveLength(events);
}

describe('commands that do not apply are rejected with a typed code', () => {
  it('given no instance yet, when any other command is sent, then it is rejected with INSTANCE_NOT_CREATED; when created twice, then INSTANCE_ALREADY_CREATED', async () => {
    const h = new Harness(await fixture('instance/waits'));
    expectRejected(h, { type: 'CompleteJob', jobKey: 'j1' }, 'INSTANCE_NOT_CREATED');
    expectRejected(h, { type: 'CancelInstance' }, 'INSTANCE_NOT_CREATED');
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    expectRejected(h, { type: 'CreateInstance' }, 'INSTANCE_ALREADY_CREATED');
  });

  it('given a waiting instance, when a job, task, timer, message, signal, incident, call or scope is named that does not exist, then each is rejected with its own code', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    expectRejected(h, { type: 'CompleteJob', jobKey: 'nope' }, 'JOB_NOT_FOUND', /job nope is not open/);
    expectRejected(h, { type: 'FailJob', jobKey: 'nope', retries: 1 }, 'JOB_NOT_FOUND');
    expectRejected(h, { type: 'ThrowJobError', jobKey: 'nope', errorCode: 'E' }, 'JOB_NOT_FOUND');
    expectRejected(h, { type: 'CompleteUserTask', taskKey: 'nope' }, 'USER_TASK_NOT_FOUND');
    expectRejected(h, { type: 'FireTimer', timerKey: 'nope' }, 'TIMER_NOT_FOUND');
    expectRejected(h, { type: 'CorrelateMessage', messageName: 'unknown' }, 'NO_MATCHING_SUBSCRIPTION', /"unknown"/);
    expectRejected(h, { type: 'CorrelateMessage', messageName: 'paid', correlationKey: 'o-2' }, 'NO_MATCHING_SUBSCRIPTION', /"o-2"/);
    expectRejected(h, { type: 'BroadcastSignal', signalName: 'unknown' }, 'NO_MATCHING_SUBSCRIPTION');
    expectRejected(h, { type: 'ResolveIncident', incidentKey: 'nope' }, 'INCIDENT_NOT_FOUND');
    expectRejected(h, { type: 'CompleteCallActivity', callKey: 'nope' }, 'CALL_NOT_FOUND');
    expectRejected(h, { type: 'ThrowCallError', callKey: 'nope', errorCode: 'E' }, 'CALL_NOT_FOUND');
    expectRejected(h, { type: 'ThrowCallEscalation', callKey: 'nope', escalationCode: 'E' }, 'CALL_NOT_FOUND');
    expectRejected(h, { type: 'SetVariables', scopeKey: 'nope', variables: { a: 1 } }, 'ELEMENT_INSTANCE_NOT_FOUND');
    expectRejected(h, { type: 'ActivateAdHocElements', elementInstanceKey: 'nope', elementIds: ['work'] }, 'ELEMENT_INSTANCE_NOT_FOUND');
    const review = h.task('review');
    expectRejected(h, { type: 'ActivateAdHocElements', elementInstanceKey: review.elementInstanceKey, elementIds: ['work'] }, 'NOT_AN_AD_HOC_SUB_PROCESS');
  });

  it('given a user task that was completed, when it is completed again, then it is rejected with USER_TASK_NOT_FOUND', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const review = h.task('review');
    h.must({ type: 'CompleteUserTask', taskKey: review.taskKey });
    expectRejected(h, { type: 'CompleteUserTask', taskKey: review.taskKey }, 'USER_TASK_NOT_FOUND', /not open/);
  });

  it('given a job whose token was withdrawn by an interrupting timer, when the worker answers, then complete, fail and error are rejected with JOB_NOT_FOUND; the fired timer cannot fire again', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const job = h.job('work');
    const [timer] = h.timers();
    h.advance(60 * 60 * 1000);
    const fired = h.must({ type: 'FireTimer', timerKey: timer.timerKey });
    expect(trace(fired, ['JobCancelled', 'ElementTerminated'])).toEqual(['JobCancelled', 'ElementTerminated:work']);
    expect(h.state.status).toBe('active');
    expectRejected(h, { type: 'CompleteJob', jobKey: job.jobKey, variables: { late: true } }, 'JOB_NOT_FOUND');
    expectRejected(h, { type: 'FailJob', jobKey: job.jobKey, retries: 0, errorMessage: 'too late' }, 'JOB_NOT_FOUND');
    expectRejected(h, { type: 'ThrowJobError', jobKey: job.jobKey, errorCode: 'LATE' }, 'JOB_NOT_FOUND');
    expectRejected(h, { type: 'FireTimer', timerKey: timer.timerKey }, 'TIMER_NOT_FOUND');
  });

  it('given variables that are not JSON or too large, when a command carries them, then it is rejected with INVALID_VARIABLES or VARIABLES_TOO_LARGE naming the variable and the limit', async () => {
    const h = new Harness(await fixture('instance/waits', { limits: { maxVariableBytes: 100, maxDocumentBytes: 150 } }));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const job = h.job('work');
    expectRejected(h, { type: 'CompleteJob', jobKey: job.jobKey, variables: { report: 'x'.repeat(200) } }, 'VARIABLES_TOO_LARGE', /variable "report" is larger than the limit of 100 bytes/);
    expectRejected(
      h,
      { type: 'CompleteJob', jobKey: job.jobKey, variables: { a: 'x'.repeat(80), b: 'y'.repeat(80) } },
      'VARIABLES_TOO_LARGE',
      /larger than the limit of 150 bytes of JSON \(at "b"\)/,
    );
    expectRejected(h, { type: 'CompleteJob', jobKey: job.jobKey, variables: { at: Number.POSITIVE_INFINITY } }, 'INVALID_VARIABLES', /"at" is not a JSON value/);
    expectRejected(h, { type: 'CorrelateMessage', messageName: 'paid', correlationKey: 'o-1', variables: { scan: 'x'.repeat(200) } }, 'VARIABLES_TOO_LARGE', /"scan"/);
    expectRejected(h, { type: 'SetVariables', variables: { note: 'x'.repeat(200) } }, 'VARIABLES_TOO_LARGE', /"note"/);
    expectRejected(h, { type: 'ActivateElement', elementId: 'review', variables: { note: 'x'.repeat(200) } }, 'VARIABLES_TOO_LARGE', /"note"/);
  });

  it('given an instance that ended, when any command is sent, then it is rejected with INSTANCE_NOT_ACTIVE', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const job = h.job('work');
    h.must({ type: 'CancelInstance', reason: 'test' });
    expectRejected(h, { type: 'CompleteJob', jobKey: job.jobKey }, 'INSTANCE_NOT_ACTIVE', /cancelled/);
    expectRejected(h, { type: 'CancelInstance' }, 'INSTANCE_NOT_ACTIVE');
    expectRejected(h, { type: 'ActivateElement', elementId: 'review' }, 'INSTANCE_NOT_ACTIVE');
  });
});

describe('instance modification: what cannot be activated or terminated is rejected', () => {
  it('given an element id the process does not have, when it is activated, then ELEMENT_NOT_FOUND', async () => {
    const h = new Harness(await fixture('instance/modify'));
    h.must({ type: 'CreateInstance' });
    expectRejected(h, { type: 'ActivateElement', elementId: 'nope' }, 'ELEMENT_NOT_FOUND', /no element nope/);
    expectRejected(h, { type: 'ActivateElement', elementId: 'modify' }, 'ELEMENT_NOT_FOUND');
  });

  it('given an element inside a sub-process that is not active, when it is activated, then ELEMENT_INSTANCE_NOT_FOUND says to activate the scope first', async () => {
    const h = new Harness(await fixture('instance/modify'));
    h.must({ type: 'CreateInstance' });
    expectRejected(h, { type: 'ActivateElement', elementId: 'confirm' }, 'ELEMENT_INSTANCE_NOT_FOUND', /solo, which is not active/);
  });

  it('given an element inside a scope that is active twice, when it is activated without a scope key, then SCOPE_AMBIGUOUS; with a key that is not an instance of its scope, then ELEMENT_INSTANCE_NOT_FOUND; with the inner instance, then it is activated there', async () => {
    const h = new Harness(await fixture('instance/modify'));
    h.must({ type: 'CreateInstance' });
    const inner = [...h.state.elements.values()].filter((e) => e.elementId === 'each' && e.elementType === 'subProcess');
    const body = [...h.state.elements.values()].find((e) => e.elementType === 'multiInstanceBody')!;
    expect(inner).toHaveLength(2);
    expectRejected(h, { type: 'ActivateElement', elementId: 'check' }, 'SCOPE_AMBIGUOUS', /each is active 2 times/);
    expectRejected(h, { type: 'ActivateElement', elementId: 'check', scopeKey: body.key }, 'ELEMENT_INSTANCE_NOT_FOUND');
    expectRejected(h, { type: 'ActivateElement', elementId: 'check', scopeKey: h.task('check').elementInstanceKey }, 'ELEMENT_INSTANCE_NOT_FOUND');
    expectRejected(h, { type: 'ActivateElement', elementId: 'check', scopeKey: 'nope' }, 'ELEMENT_INSTANCE_NOT_FOUND');
    const events = h.must({ type: 'ActivateElement', elementId: 'check', scopeKey: inner[1].key });
    expect(events[0]).toMatchObject({ type: 'ElementActivated', elementId: 'check', scopeKey: inner[1].key });
    expect(h.tasks()).toHaveLength(3);
  });

  it('given an element instance that is not active (never was, or already terminated), when it is terminated, then ELEMENT_INSTANCE_NOT_FOUND', async () => {
    const h = new Harness(await fixture('instance/modify'));
    h.must({ type: 'CreateInstance' });
    expectRejected(h, { type: 'TerminateElement', elementInstanceKey: 'nope' }, 'ELEMENT_INSTANCE_NOT_FOUND');
    const [first] = h.tasks();
    h.must({ type: 'TerminateElement', elementInstanceKey: first.elementInstanceKey });
    expectRejected(h, { type: 'TerminateElement', elementInstanceKey: first.elementInstanceKey }, 'ELEMENT_INSTANCE_NOT_FOUND', /is not active/);
    expectRejected(h, { type: 'CompleteUserTask', taskKey: first.taskKey }, 'USER_TASK_NOT_FOUND');
  });
});
