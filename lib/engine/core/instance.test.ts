import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BpmnModelSchema } from '@/lib/bpmn/model';
import { buildModel, flow } from '@/lib/bpmn/test-support/model-builder';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { compile } from './compile';
import { decide } from './decide';
import { Harness } from './harness';
import { checkDeterminism, replay, stateAt } from './replay';
import { EMPTY_STATE, fromSnapshot, toSnapshot } from './state';
import { definitionOf, elementsOf, trace } from './test-kit';

const fixture = async (name: string, limits?: Parameters<typeof compile>[1]) =>
  definitionOf(await importBpmn(readFileSync(new URL(`./fixtures/${name}.bpmn`, import.meta.url), 'utf8')), limits);

describe('compile', () => {
  it('given a model the engine cannot run, when compiled, then it is rejected with findings naming the elements, not an exception', async () => {
    const imported = await importBpmn(readFileSync(new URL('./fixtures/instance/unsupported.bpmn', import.meta.url), 'utf8'));
    if (!imported.ok) throw new Error('fixture');
    const result = compile(imported.model);
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'element.unsupported', elementId: 'weigh', severity: 'error' }));
  });

  it('given a model without an executable process, when compiled, then it is rejected', () => {
    const result = compile(BpmnModelSchema.parse({ definitions: { id: 'd' }, processes: [], elements: [], flows: [] }), { validate: () => [] });
    expect(result).toMatchObject({ ok: false, findings: [{ code: 'process.none-executable' }] });
  });

  it('given the bench process, when compiled, then flows, joins and scopes are indexed', async () => {
    const definition = await fixture('bench');
    expect(definition.nodes.join.join).toBe(true);
    expect(definition.nodes.merge.join).toBe(false);
    expect(definition.nodes.route.defaultFlow?.id).toBe('fLow');
    expect(definition.nodes.split.outgoing.map((f) => f.targetId)).toEqual(['t1', 't2', 't3']);
    expect(definition.root.scope?.noneStartId).toBe('start');
  });
});

describe('variables', () => {
  it('given input mappings (FEEL and a literal), when the task runs, then they are local to it; output mappings decide what leaves', async () => {
    const h = new Harness(await fixture('instance/mappings'));
    h.must({ type: 'CreateInstance', variables: { customer: { name: 'ACME' }, size: 1 } });
    const job = h.job('quote');
    expect(h.state.variables.get(job.elementInstanceKey)).toEqual({ name: 'ACME', tier: 'gold' });
    expect(h.events.find((e) => e.type === 'JobCreated')).toMatchObject({ variables: { customer: { name: 'ACME' }, size: 1, name: 'ACME', tier: 'gold' } });
    h.must({ type: 'CompleteJob', jobKey: job.jobKey, variables: { price: 100, internal: 'x' } });
    expect(h.variables).toMatchObject({ grossPrice: 120 });
    expect(h.variables).not.toHaveProperty('price');
    expect(h.variables).not.toHaveProperty('name');
  });

  it('given variables that are not JSON or too large, when a command carries them, then it is rejected with a clear code and nothing changes', async () => {
    const definition = await fixture('instance/mappings', { limits: { maxVariableBytes: 1000 } });
    const h = new Harness(definition);
    expect(h.send({ type: 'CreateInstance', variables: { when: new Date() as never } })).toMatchObject({ ok: false, code: 'INVALID_VARIABLES' });
    expect(h.send({ type: 'CreateInstance', variables: { n: Number.NaN } })).toMatchObject({ ok: false, code: 'INVALID_VARIABLES' });
    const rejected = h.send({ type: 'CreateInstance', variables: { blob: 'x'.repeat(2000) } });
    expect(rejected).toMatchObject({ ok: false, code: 'VARIABLES_TOO_LARGE' });
    expect(!rejected.ok && rejected.message).toMatch(/"blob"/);
    expect(h.events).toHaveLength(0);
  });

  it('given a script result over the size limit, when it runs, then an incident names the limit (the token stops there)', async () => {
    const h = new Harness(await fixture('instance/mappings', { limits: { maxVariableBytes: 1000 } }));
    h.must({ type: 'CreateInstance', variables: { customer: { name: 'ACME' }, size: 50 } });
    h.must({ type: 'CompleteJob', jobKey: h.job('quote').jobKey, variables: { price: 1 } });
    const [incident] = [...h.state.incidents.values()];
    expect(incident).toMatchObject({ elementId: 'blowUp', kind: 'variables' });
    expect(incident.message).toMatch(/larger than the limit of 1000 bytes/);
    h.must({ type: 'SetVariables', variables: { size: 2 } });
    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey });
    expect(h.state.status).toBe('completed');
  });

  it('given SetVariables, when local is false, then an existing variable is updated where it lives; when local, then it is set in that scope only', async () => {
    const h = new Harness(await fixture('instance/mappings'));
    h.must({ type: 'CreateInstance', variables: { customer: { name: 'ACME' } } });
    const job = h.job('quote');
    h.must({ type: 'SetVariables', scopeKey: job.elementInstanceKey, variables: { tier: 'silver', extra: 1 } });
    expect(h.state.variables.get(job.elementInstanceKey)).toEqual({ name: 'ACME', tier: 'silver' });
    expect(h.variables).toMatchObject({ extra: 1 });
    h.must({ type: 'SetVariables', scopeKey: job.elementInstanceKey, variables: { scratch: true }, local: true });
    expect(h.state.variables.get(job.elementInstanceKey)).toMatchObject({ scratch: true });
    expect(h.send({ type: 'SetVariables', scopeKey: 'nope', variables: {} })).toMatchObject({ ok: false, code: 'ELEMENT_INSTANCE_NOT_FOUND' });
  });
});

describe('events are immutable', () => {
  it('given a job created and then, in the same command, a process variable set, when the log is read, then the job event still shows the variables it was created with', () => {
    const model = buildModel({
      elements: [
        { type: 'startEvent', id: 'start' },
        { type: 'scriptTask', id: 'early', expression: '="early"', resultVariable: 'z' },
        { type: 'parallelGateway', id: 'fork' },
        { type: 'serviceTask', id: 'job', job: { type: 'work' } },
        { type: 'scriptTask', id: 'later', expression: '="late"', resultVariable: 'y' },
        { type: 'endEvent', id: 'end1' },
        { type: 'endEvent', id: 'end2' },
      ],
      flows: [flow('f0', 'start', 'early'), flow('f1', 'early', 'fork'), flow('f2', 'fork', 'job'), flow('f3', 'fork', 'later'), flow('f4', 'job', 'end1'), flow('f5', 'later', 'end2')],
    });
    const compiled = compile(model);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.findings));
    const h = new Harness(compiled.definition);
    h.must({ type: 'CreateInstance', variables: { x: 1 } });
    expect(h.variables).toEqual({ x: 1, z: 'early', y: 'late' });
    expect(h.events.find((e) => e.type === 'JobCreated')).toMatchObject({ variables: { x: 1, z: 'early' } });
    expect(h.events.find((e) => e.type === 'JobCreated')).not.toMatchObject({ variables: { y: 'late' } });
  });
});

describe('cancel and modify', () => {
  it('given an instance waiting on a task, a job, a timer, subscriptions and a join, when cancelled, then every token, task, job, timer and subscription is withdrawn', async () => {
    const h = new Harness(await fixture('events/terminate'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CompleteJob', jobKey: h.job('check').jobKey });
    const events = h.must({ type: 'CancelInstance', reason: 'duplicate order' });
    expect(trace(events)).toEqual([
      'UserTaskCancelled',
      'ElementTerminated:review',
      'TimerCancelled',
      'ElementTerminated:wait',
      'InstanceCancelled',
    ]);
    const s = h.state;
    expect([s.status, s.elements.size, s.jobs.size, s.timers.size, s.userTasks.size, s.subscriptions.size, s.joins.size]).toEqual(['cancelled', 0, 0, 0, 0, 0, 0]);
    expect(h.send({ type: 'CancelInstance' })).toMatchObject({ ok: false, code: 'INSTANCE_NOT_ACTIVE' });
  });

  it('given an instance waiting on a job with a timer boundary, a user task, message and signal catches, a call in a sub-process, an event sub-process and a join, when cancelled, then each of them is withdrawn by its own event', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    h.must({ type: 'CompleteUserTask', taskKey: h.task('review').taskKey });
    expect(h.state.joins.size).toBe(1);
    const events = h.must({ type: 'CancelInstance', reason: 'customer withdrew' });
    expect(trace(events)).toEqual([
      'JobCancelled',
      'TimerCancelled',
      'ElementTerminated:work',
      'MessageSubscriptionClosed',
      'ElementTerminated:paid',
      'SignalSubscriptionClosed',
      'ElementTerminated:stop',
      'CallActivityCancelled',
      'ElementTerminated:ship',
      'ElementTerminated:inner',
      'MessageSubscriptionClosed',
      'InstanceCancelled',
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'InstanceCancelled', reason: 'customer withdrew' });
    const closed = new Set(events.flatMap((e) => ('subscriptionKey' in e ? [e.subscriptionKey] : 'timerKey' in e ? [e.timerKey] : 'jobKey' in e ? [e.jobKey] : [])));
    expect(closed).toEqual(new Set([...h.events.flatMap((e) => (e.type === 'MessageSubscriptionOpened' || e.type === 'SignalSubscriptionOpened' ? [e.subscriptionKey] : e.type === 'TimerScheduled' ? [e.timerKey] : e.type === 'JobCreated' ? [e.jobKey] : []))]));
    const s = h.state;
    expect([s.status, s.elements.size, s.jobs.size, s.timers.size, s.userTasks.size, s.subscriptions.size, s.calls.size, s.joins.size]).toEqual(['cancelled', 0, 0, 0, 0, 0, 0, 0]);
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given an active instance, when a token is started at an element and another withdrawn, then the instance follows the modification', async () => {
    const h = new Harness(await fixture('boundary/timers-messages-signals'));
    h.must({ type: 'CreateInstance' });
    const approve = h.task('approve');
    h.must({ type: 'ActivateElement', elementId: 'remind', variables: { note: 'manual' } });
    expect(h.jobs('remind')).toHaveLength(1);
    expect(h.variables.note).toBe('manual');
    const events = h.must({ type: 'TerminateElement', elementInstanceKey: approve.elementInstanceKey });
    expect(trace(events, ['UserTaskCancelled', 'ElementTerminated'])).toEqual(['UserTaskCancelled', 'ElementTerminated:approve']);
    expect(h.state.timers.size + h.state.subscriptions.size).toBe(0);
    h.must({ type: 'CompleteJob', jobKey: h.job('remind').jobKey });
    expect(h.state.status).toBe('completed');
    expect(h.send({ type: 'ActivateElement', elementId: 'nope' })).toMatchObject({ ok: false });
  });

  it('given the last token of a sub-process, when it is terminated, then the sub-process is terminated too (not completed: its flow is not taken) and, that being the last token, the instance is cancelled', async () => {
    const h = new Harness(await fixture('instance/modify'));
    h.must({ type: 'CreateInstance' });
    for (const task of h.tasks()) h.must({ type: 'CompleteUserTask', taskKey: task.taskKey });
    const events = h.must({ type: 'TerminateElement', elementInstanceKey: h.task('confirm').elementInstanceKey });
    expect(trace(events)).toEqual(['UserTaskCancelled', 'ElementTerminated:confirm', 'ElementTerminated:solo', 'InstanceCancelled']);
    expect(events.at(-1)).toMatchObject({ reason: 'the last token (confirm) was terminated' });
    expect(elementsOf(h.events, 'ElementActivated')).not.toContain('end');
    expect(h.state.status).toBe('cancelled');
  });

  it('given two inner instances of a multi-instance sub-process, when the token of one is terminated, then only that inner instance ends; the body completes when the other one does', async () => {
    const h = new Harness(await fixture('instance/modify'));
    h.must({ type: 'CreateInstance' });
    const [first, second] = h.tasks();
    const events = h.must({ type: 'TerminateElement', elementInstanceKey: first.elementInstanceKey });
    expect(trace(events)).toEqual(['UserTaskCancelled', 'ElementTerminated:check', 'ElementTerminated:each']);
    expect(h.active()).toEqual(['check', 'each', 'each']);
    h.must({ type: 'CompleteUserTask', taskKey: second.taskKey });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-3)).toEqual(['each', 'each', 'soloStart']);
    expect(h.active()).toEqual(['confirm', 'solo']);
  });

  it('given a child instance started by a call activity, when its last token is terminated, then it is rejected: the caller would not know; terminate the call activity there', async () => {
    const h = new Harness(await fixture('instance/modify'));
    h.must({ type: 'CreateInstance', parent: { instanceKey: 'p1', elementInstanceKey: 'p1-call', callKey: 'c1' } });
    for (const task of h.tasks()) h.must({ type: 'CompleteUserTask', taskKey: task.taskKey });
    const before = h.events.length;
    const result = h.send({ type: 'TerminateElement', elementInstanceKey: h.task('confirm').elementInstanceKey });
    expect(result).toMatchObject({ ok: false, code: 'CHILD_INSTANCE_NOT_TERMINABLE' });
    expect(!result.ok && result.message).toMatch(/terminate the call activity instead/);
    expect(h.send({ type: 'TerminateElement', elementInstanceKey: h.state.instanceKey! })).toMatchObject({ ok: false, code: 'CHILD_INSTANCE_NOT_TERMINABLE' });
    expect(h.events).toHaveLength(before);
    h.must({ type: 'CancelInstance', reason: 'the caller cancelled it' });
    expect(h.state.status).toBe('cancelled');
  });

  it('given an event sub-process, when it is activated by modification, then it starts at its start event', async () => {
    const h = new Harness(await fixture('activities/event-sub-processes'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'ActivateElement', elementId: 'onStatus' });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-3)).toEqual(['statusStart', 'statusEnd', 'onStatus']);
  });

  it('given a running compensation, when its handler is withdrawn by modification, then the next handler runs', async () => {
    const h = new Harness(await fixture('activities/compensation'));
    h.must({ type: 'CreateInstance', variables: { onlyHotel: false } });
    for (const id of ['bookHotel', 'bookFlight', 'bookSeat']) h.must({ type: 'CompleteJob', jobKey: h.job(id).jobKey });
    h.must({ type: 'ThrowJobError', jobKey: h.job('pay').jobKey, errorCode: 'CARD' });
    h.must({ type: 'TerminateElement', elementInstanceKey: h.job('cancelSeat').elementInstanceKey });
    expect(h.active()).toEqual(['cancelFlight', 'refund', 'undoAll']);
  });

  it('given a loop without a wait state, when it runs past the step limit, then the token stops with an incident instead of hanging; resolving it goes on', async () => {
    const h = new Harness(await fixture('instance/loop', { limits: { maxStepsPerDecide: 500 } }));
    h.must({ type: 'CreateInstance', variables: { counter: 0, limit: 400 } });
    const [incident] = [...h.state.incidents.values()];
    expect(incident).toMatchObject({ kind: 'tooManySteps' });
    const counter = h.variables.counter as number;
    expect(counter).toBeGreaterThan(100);
    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey });
    expect(h.state.status).toBe('completed');
    expect(h.variables.counter).toBe(400);
    expect(replay(h.events)).toEqual(h.state);
  });
});

describe('replay and time travel', () => {
  it('given a run, when its log is replayed, then the state equals the live state after every command; stateAt gives the state at any event', async () => {
    const h = new Harness(await fixture('gateways/parallel'));
    const states = [];
    h.must({ type: 'CreateInstance' });
    states.push({ n: h.events.length, state: h.state });
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    states.push({ n: h.events.length, state: h.state });
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    states.push({ n: h.events.length, state: h.state });
    for (const { n, state } of states) expect(stateAt(h.events, n)).toEqual(state);
    expect(stateAt(h.events, 0)).toEqual(EMPTY_STATE);
    expect(elementsOf(h.events.slice(0, states[0].n), 'ElementActivated')).toContain('a');
  });

  it('given a state, when it goes through a JSON snapshot and back, then it is equal and decides the same', async () => {
    const definition = await fixture('gateways/parallel');
    const h = new Harness(definition);
    h.must({ type: 'CreateInstance' });
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(h.state))));
    expect(restored).toEqual(h.state);
    const ctx = () => {
      let n = 0;
      return { now: 0, newId: () => `x${++n}` };
    };
    const command = { type: 'CompleteJob' as const, jobKey: h.job('a').jobKey };
    expect(decide(definition, restored, command, ctx())).toEqual(decide(definition, h.state, command, ctx()));
  });

  it('given a recording, when checked for determinism, then it passes; when the definition changed, then the first divergence is reported', async () => {
    const h = new Harness(await fixture('gateways/exclusive'));
    h.must({ type: 'CreateInstance', variables: { x: 20 } });
    expect(checkDeterminism(h.definition, h.recording)).toBeNull();
    const changed = await fixture('gateways/exclusive');
    const nodes = changed.nodes as Record<string, (typeof changed.nodes)[string]>;
    nodes.route = { ...nodes.route, outgoing: [...nodes.route.outgoing].reverse() };
    const divergence = checkDeterminism(changed, h.recording);
    expect(divergence).toMatchObject({ commandIndex: 0 });
    expect(divergence?.reason).toMatch(/^command 0 \(CreateInstance\): event \d+ /);
  });
});
