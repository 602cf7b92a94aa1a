import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { buildModel, flow } from '@/lib/bpmn/test-support/model-builder';
import { compile, type CompileOptions } from '../compile';
import { Harness } from '../harness';
import { replay } from '../replay';
import { definitionOf, elementsOf, trace } from '../test-kit';

const fixture = async (name: string, options?: CompileOptions) =>
  definitionOf(await importBpmn(readFileSync(new URL(`../fixtures/activities/${name}.bpmn`, import.meta.url), 'utf8')), options);

describe('user task', () => {
  it('given assignment, schedule, priority, form and visible variables, when the task is created, then all of them are computed into UserTaskCreated', async () => {
    const h = new Harness(await fixture('user-task'));
    const events = h.must({
      type: 'CreateInstance',
      startedBy: 'sam',
      variables: { owner: 'ann', region: 'emea', followUp: 'PT4H', urgent: true, customer: 'ACME', secret: 'x' },
    });
    expect(events.find((e) => e.type === 'UserTaskCreated')).toMatchObject({
      elementId: 'prepare',
      name: 'Prepare offer',
      assignee: 'ann',
      candidateGroups: ['sales', 'emea-leads'],
      candidateUsers: ['bob'],
      dueAt: '2026-01-03T00:00:00.000Z',
      followUpAt: '2026-01-01T04:00:00.000Z',
      priority: 90,
      form: { formKey: 'offer-form', fields: [{ key: 'price', type: 'number', required: true }] },
      variables: { customer: 'ACME' },
      excludedUsers: [],
    });
  });

  it('given a four-eyes rule (not the starter, not who prepared), when the wrong people complete it, then they are refused; someone else may', async () => {
    const h = new Harness(await fixture('user-task'));
    h.must({ type: 'CreateInstance', startedBy: 'sam', variables: { owner: 'ann', region: 'emea', followUp: 'P1D', urgent: false, level: 30 } });
    h.must({ type: 'CompleteUserTask', taskKey: h.task('prepare').taskKey, completedBy: 'ann', variables: { price: 100 } });
    const approve = h.task('approve');
    expect(approve.excludedUsers).toEqual(['sam', 'ann']);
    expect(h.send({ type: 'CompleteUserTask', taskKey: approve.taskKey, completedBy: 'ann' })).toMatchObject({ ok: false, code: 'FOUR_EYES_VIOLATION' });
    expect(h.send({ type: 'CompleteUserTask', taskKey: approve.taskKey, completedBy: 'sam' })).toMatchObject({ ok: false, code: 'FOUR_EYES_VIOLATION' });
    expect(h.send({ type: 'CompleteUserTask', taskKey: approve.taskKey })).toMatchObject({ ok: false, code: 'FOUR_EYES_VIOLATION' });
    h.must({ type: 'CompleteUserTask', taskKey: approve.taskKey, completedBy: 'carl', variables: { approved: true } });
    expect(h.state.status).toBe('completed');
    expect(h.variables).toMatchObject({ price: 100, approved: true });
    expect(h.send({ type: 'CompleteUserTask', taskKey: approve.taskKey, completedBy: 'carl' })).toMatchObject({ ok: false, code: 'INSTANCE_NOT_ACTIVE' });
  });

  it('given a priority expression that is not a number from 0 to 100, when the task is created, then an incident is raised', async () => {
    const h = new Harness(await fixture('user-task'));
    h.must({ type: 'CreateInstance', variables: { owner: 'ann', region: 'emea', followUp: 'P1D', urgent: false, level: 'high' } });
    expect([...h.state.incidents.values()][0]).toMatchObject({ elementId: 'prepare', kind: 'expression' });
    expect([...h.state.incidents.values()][0].message).toMatch(/priority/);
  });
});

describe('embedded sub-process', () => {
  it('given a sub-process with input and output mappings, when it runs, then its inner variables are local and only the output leaves', async () => {
    const h = new Harness(await fixture('sub-process'));
    h.must({ type: 'CreateInstance', variables: { amount: 5 } });
    const sub = [...h.state.elements.values()].find((e) => e.elementId === 'sub')!;
    expect(h.state.variables.get(sub.key)).toEqual({ double: 10 });
    expect(h.events.find((e) => e.type === 'JobCreated')).toMatchObject({ variables: { amount: 5, double: 10 } });
    h.must({ type: 'CompleteJob', jobKey: h.job('inner').jobKey, variables: { double: 20 } });
    expect(h.variables).toEqual({ amount: 5, result: 21 });
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['start', 'subStart', 'inner', 'subEnd', 'sub', 'end']);
  });
});

describe('event sub-processes', () => {
  it('given a process with event sub-processes, when it starts, then their message, timer and signal subscriptions are opened with the process', async () => {
    const h = new Harness(await fixture('event-sub-processes'));
    h.must({ type: 'CreateInstance' });
    expect([...h.state.subscriptions.values()].map((s) => `${s.kind}:${s.name}:${s.interrupting}`)).toEqual([
      'message:cancel:true',
      'message:status:false',
      'signal:alarm:true',
    ]);
    expect(h.timers().map((t) => t.elementId)).toEqual(['tickStart']);
  });

  it('given a non-interrupting message start, when the message comes (twice), then it runs alongside each time and the main path goes on', async () => {
    const h = new Harness(await fixture('event-sub-processes'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CorrelateMessage', messageName: 'status' });
    h.must({ type: 'CorrelateMessage', messageName: 'status' });
    expect(elementsOf(h.events, 'ElementCompleted').filter((id) => id === 'onStatus')).toHaveLength(2);
    expect(h.tasks()).toHaveLength(1);
  });

  it('given a non-interrupting timer cycle R2/PT1H, when it fires, then a run starts each time, twice', async () => {
    const h = new Harness(await fixture('event-sub-processes'));
    h.must({ type: 'CreateInstance' });
    h.fireNextTimer();
    h.fireNextTimer();
    expect(h.jobs('tick')).toHaveLength(2);
    expect(h.timers()).toHaveLength(0);
  });

  it('given an interrupting message start, when the message comes, then everything else in the scope is terminated and the instance ends after the event sub-process', async () => {
    const h = new Harness(await fixture('event-sub-processes'));
    h.must({ type: 'CreateInstance' });
    h.fireNextTimer();
    const events = h.must({ type: 'CorrelateMessage', messageName: 'cancel', variables: { by: 'customer' } });
    expect(trace(events, ['ElementTerminated'])).toEqual(['ElementTerminated:work', 'ElementTerminated:tick', 'ElementTerminated:onTick']);
    expect(h.state.subscriptions.size + h.state.timers.size).toBe(0);
    expect(h.active()).toEqual(['onCancel', 'undo']);
    expect(h.send({ type: 'BroadcastSignal', signalName: 'alarm' })).toMatchObject({ ok: false });
    h.must({ type: 'CompleteJob', jobKey: h.job('undo').jobKey });
    expect(h.state.status).toBe('completed');
    expect(h.variables.by).toBe('customer');
  });

  it('given an interrupting signal start, when the signal comes, then it takes over', async () => {
    const h = new Harness(await fixture('event-sub-processes'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'BroadcastSignal', signalName: 'alarm' });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-3)).toEqual(['alarmStart', 'alarmEnd', 'onAlarm']);
    expect(h.state.status).toBe('completed');
  });

  it('given event sub-processes inside a sub-process, when an escalation is thrown inside, then the non-interrupting one runs; when an error is thrown by a job, then the interrupting one takes over the sub-process', async () => {
    const h = new Harness(await fixture('esp-in-sub-process'));
    h.must({ type: 'CreateInstance' });
    expect(elementsOf(h.events, 'ElementCompleted')).toContain('handleWarning');
    expect(h.state.joins.size).toBe(1);
    const events = h.must({ type: 'ThrowJobError', jobKey: h.job('work').jobKey, errorCode: 'FAIL' });
    expect(trace(events, ['JoinTokensWithdrawn'])).toEqual(['JoinTokensWithdrawn']);
    expect(h.active()).toEqual(['handleFailure', 'repair', 'sub']);
    h.must({ type: 'CompleteUserTask', taskKey: h.task('repair').taskKey });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-3)).toEqual(['handleFailure', 'sub', 'end']);
    expect(h.state.status).toBe('completed');
    expect(replay(h.events)).toEqual(h.state);
  });
});

describe('multi-instance', () => {
  it('given a parallel multi-instance over a collection, when reached, then one inner instance per item runs with its element variable and loop counter, and the output collection keeps their order', async () => {
    const h = new Harness(await fixture('multi-instance'));
    h.must({ type: 'CreateInstance', variables: { items: ['a', 'b', 'c'], reviewers: ['r1', 'r2'] } });
    const jobs = h.jobs('score');
    expect(jobs.map((j) => h.events.find((e) => e.type === 'JobCreated' && e.jobKey === j.jobKey))).toMatchObject([
      { variables: { item: 'a', loopCounter: 1 } },
      { variables: { item: 'b', loopCounter: 2 } },
      { variables: { item: 'c', loopCounter: 3 } },
    ]);
    h.must({ type: 'CompleteJob', jobKey: jobs[2].jobKey, variables: { score: 30 } });
    h.must({ type: 'CompleteJob', jobKey: jobs[0].jobKey, variables: { score: 10 } });
    h.must({ type: 'CompleteJob', jobKey: jobs[1].jobKey, variables: { score: 20 } });
    expect(h.variables.scores).toEqual([10, 20, 30]);
    expect(h.active()).toEqual(['review', 'review']);
  });

  it('given a sequential multi-instance, when reached, then inner instances run one after another', async () => {
    const h = new Harness(await fixture('multi-instance'));
    h.must({ type: 'CreateInstance', variables: { items: [], reviewers: ['r1', 'r2'] } });
    expect(h.tasks()).toHaveLength(1);
    const first = h.task('review');
    expect(h.state.variables.get(first.elementInstanceKey)).toEqual({ loopCounter: 1, reviewer: 'r1' });
    h.must({ type: 'CompleteUserTask', taskKey: first.taskKey });
    expect(h.send({ type: 'CompleteUserTask', taskKey: first.taskKey })).toMatchObject({ ok: false, code: 'USER_TASK_NOT_FOUND' });
    const second = h.task('review');
    expect(h.state.variables.get(second.elementInstanceKey)).toEqual({ loopCounter: 2, reviewer: 'r2' });
  });

  it('given a cardinality of 5 and a completion condition of 60%, when three complete, then the other two are terminated and the activity completes', async () => {
    const h = new Harness(await fixture('multi-instance'));
    h.must({ type: 'CreateInstance', variables: { items: [], reviewers: [] } });
    expect(h.tasks()).toHaveLength(5);
    const tasks = h.tasks();
    h.must({ type: 'CompleteUserTask', taskKey: tasks[0].taskKey });
    h.must({ type: 'CompleteUserTask', taskKey: tasks[1].taskKey });
    const events = h.must({ type: 'CompleteUserTask', taskKey: tasks[2].taskKey });
    expect(trace(events, ['UserTaskCancelled'])).toHaveLength(2);
    expect(h.state.status).toBe('completed');
  });

  it('given a sequential multi-instance sub-process, when it runs, then each inner sub-process computes its total into the output collection', async () => {
    const h = new Harness(await fixture('multi-instance-sub-process'));
    h.must({ type: 'CreateInstance', variables: { orders: [{ qty: 2, unit: 5 }, { qty: 1, unit: 7 }] } });
    expect(h.variables.totals).toEqual([10, 7]);
    expect(h.jobs('slow')).toHaveLength(3);
  });

  it('given a timer boundary on a multi-instance activity, when it fires, then the whole body with all inner instances is interrupted', async () => {
    const h = new Harness(await fixture('multi-instance-sub-process'));
    h.must({ type: 'CreateInstance', variables: { orders: [] } });
    expect(h.timers()).toHaveLength(1);
    h.must({ type: 'CompleteJob', jobKey: h.jobs('slow')[0].jobKey });
    const events = h.fireNextTimer();
    expect(trace(events, ['JobCancelled'])).toHaveLength(2);
    expect(elementsOf(events, 'ElementTerminated')).toEqual(['slow', 'slow', 'slow']);
    expect(elementsOf(h.events, 'ElementCompleted').slice(-1)).toEqual(['timedOut']);
    expect(h.state.status).toBe('completed');
  });

  it('given an input collection that is not a list, when reached, then an incident is raised on the body', async () => {
    const h = new Harness(await fixture('multi-instance'));
    h.must({ type: 'CreateInstance', variables: { items: 'abc' } });
    const [incident] = [...h.state.incidents.values()];
    expect(incident.message).toMatch(/must be a list/);
    expect(h.state.elements.get(incident.elementInstanceKey)?.elementType).toBe('multiInstanceBody');
    h.must({ type: 'SetVariables', variables: { items: ['x'] } });
    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey });
    expect(h.jobs('score')).toHaveLength(1);
  });
});

describe('call activity', () => {
  it('given a call activity by process id expression (latest), when reached, then the core asks the runtime to start the child with the visible variables', async () => {
    const h = new Harness(await fixture('call-activity'));
    const events = h.must({ type: 'CreateInstance', variables: { childId: 'shipping', order: 7 } });
    expect(events.find((e) => e.type === 'CallActivityRequested')).toMatchObject({
      elementId: 'callLatest',
      processId: 'shipping',
      version: 'latest',
      variables: { childId: 'shipping', order: 7 },
    });
  });

  it('given a requested call, when the child completes, then its variables come back through the output mapping; a pinned call gets its version', async () => {
    const h = new Harness(await fixture('call-activity'));
    h.must({ type: 'CreateInstance', variables: { childId: 'shipping' } });
    const [call] = [...h.state.calls.values()];
    const events = h.must({ type: 'CompleteCallActivity', callKey: call.callKey, variables: { childResult: 'shipped', noise: 1 } });
    expect(h.variables).toEqual({ childId: 'shipping', fromChild: 'shipped' });
    expect(events.find((e) => e.type === 'CallActivityRequested')).toMatchObject({ processId: 'billing', version: 3 });
    const [pinned] = [...h.state.calls.values()];
    h.must({ type: 'CompleteCallActivity', callKey: pinned.callKey, variables: { ignored: true } });
    expect(h.variables).toEqual({ childId: 'shipping', fromChild: 'shipped' });
    expect(h.state.status).toBe('completed');
  });

  it('given a requested call, when the child throws an error the call activity catches, then the call is cancelled and the boundary path runs', async () => {
    const h = new Harness(await fixture('call-activity'));
    h.must({ type: 'CreateInstance', variables: { childId: 'shipping' } });
    h.must({ type: 'CompleteCallActivity', callKey: [...h.state.calls.values()][0].callKey });
    const events = h.must({ type: 'ThrowCallError', callKey: [...h.state.calls.values()][0].callKey, errorCode: 'BILLING_FAILED' });
    expect(trace(events, ['CallActivityCancelled', 'ElementTerminated'])).toEqual(['CallActivityCancelled', 'ElementTerminated:callPinned']);
    expect(h.state.calls.size).toBe(0);
    expect(elementsOf(h.events, 'ElementCompleted').slice(-2)).toEqual(['childFailed', 'failed']);
  });

  it('given a child instance, when it throws an error nobody in it catches, then the error goes to the caller (ErrorThrownToCaller) instead of an incident', async () => {
    const definition = definitionOf(await importBpmn(readFileSync(new URL('../fixtures/events/ends.bpmn', import.meta.url), 'utf8')));
    const h = new Harness(definition);
    const parent = { instanceKey: 'p1', elementInstanceKey: 'p1-call', callKey: 'c1' };
    h.must({ type: 'CreateInstance', variables: { end: 'error' }, parent });
    expect(h.events.find((e) => e.type === 'ErrorThrownToCaller')).toMatchObject({ errorCode: 'BAD', parent });
    expect(h.state.incidents.size).toBe(0);
    h.must({ type: 'CancelInstance', reason: 'the caller caught the error' });
    expect(h.state.status).toBe('cancelled');
  });

  it('given a child instance, when an escalation nobody in it catches is thrown, then it goes to the caller and the child goes on', async () => {
    const definition = definitionOf(await importBpmn(readFileSync(new URL('../fixtures/events/ends.bpmn', import.meta.url), 'utf8')));
    const h = new Harness(definition);
    h.must({ type: 'CreateInstance', variables: { end: 'escalation' }, parent: { instanceKey: 'p1', elementInstanceKey: 'p1-call', callKey: 'c1' } });
    expect(h.events.find((e) => e.type === 'EscalationThrownToCaller')).toMatchObject({ escalationCode: 'LATE' });
    expect(h.state.status).toBe('completed');
  });

  it('given a call activity, when its child escalates and nothing in the caller catches it, then it is recorded and the call goes on', async () => {
    const h = new Harness(await fixture('call-activity'));
    h.must({ type: 'CreateInstance', variables: { childId: 'shipping' } });
    const [call] = [...h.state.calls.values()];
    const events = h.must({ type: 'ThrowCallEscalation', callKey: call.callKey, escalationCode: 'LATE' });
    expect(trace(events)).toEqual(['EscalationNotCaught']);
    expect(h.state.calls.size).toBe(1);
  });

  it('given a child instance (started by a call activity), when it completes, then its variables are in InstanceCompleted for the caller', async () => {
    const h = new Harness(await fixture('sub-process'));
    h.must({ type: 'CreateInstance', variables: { amount: 1 }, parent: { instanceKey: 'p1', elementInstanceKey: 'p1-e', callKey: 'c1' } });
    h.must({ type: 'CompleteJob', jobKey: h.job('inner').jobKey });
    expect(h.events.at(-1)).toMatchObject({ type: 'InstanceCompleted', variables: { amount: 1, result: 3 } });
  });
});

describe('ad-hoc sub-process', () => {
  const adHoc = () => fixture('ad-hoc');

  it('given an ad-hoc sub-process, when reached, then nothing inside starts by itself', async () => {
    const h = new Harness(await adHoc());
    h.must({ type: 'CreateInstance', variables: { done: false } });
    expect(h.active()).toEqual(['research']);
    expect(h.send({ type: 'ActivateAdHocElements', elementInstanceKey: 'nope', elementIds: ['search'] })).toMatchObject({ ok: false });
  });

  it('given an ad-hoc sub-process, when activities are activated by command, then they run (with their flows) and the completion condition ends it', async () => {
    const h = new Harness(await adHoc());
    h.must({ type: 'CreateInstance', variables: { done: false } });
    const research = [...h.state.elements.values()].find((e) => e.elementId === 'research')!;
    expect(h.send({ type: 'ActivateAdHocElements', elementInstanceKey: research.key, elementIds: ['end'] })).toMatchObject({
      ok: false,
      code: 'ELEMENT_NOT_FOUND',
    });
    h.must({ type: 'ActivateAdHocElements', elementInstanceKey: research.key, elementIds: ['search', 'note'] });
    expect(h.active()).toEqual(['research', 'search']);
    h.must({ type: 'CompleteJob', jobKey: h.job('search').jobKey });
    expect(h.active()).toEqual(['research', 'summarise']);
    h.must({ type: 'ActivateAdHocElements', elementInstanceKey: research.key, elementIds: ['finish'] });
    expect(trace(h.events.slice(-8), ['JobCancelled', 'ElementTerminated'])).toEqual(['JobCancelled', 'ElementTerminated:summarise']);
    expect(h.state.status).toBe('completed');
  });
});

describe('compensation', () => {
  it('given completed compensable activities (one inside a completed sub-process), when compensation is thrown for the scope, then the handlers run one by one in reverse order of completion and the throw waits for them', async () => {
    const h = new Harness(await fixture('compensation'));
    h.must({ type: 'CreateInstance', variables: { onlyHotel: false } });
    for (const id of ['bookHotel', 'bookFlight', 'bookSeat']) h.must({ type: 'CompleteJob', jobKey: h.job(id).jobKey });
    expect(h.state.compensable.size).toBe(2);
    const events = h.must({ type: 'ThrowJobError', jobKey: h.job('pay').jobKey, errorCode: 'CARD' });
    expect(events.find((e) => e.type === 'CompensationStarted')).toMatchObject({
      handlers: [
        { handlerId: 'cancelSeat', activityId: 'bookSeat' },
        { handlerId: 'cancelFlight', activityId: 'bookFlight' },
        { handlerId: 'cancelHotel', activityId: 'bookHotel' },
      ],
    });
    expect(h.active()).toEqual(['cancelSeat', 'undoAll']);
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelSeat').jobKey });
    expect(h.active()).toEqual(['cancelFlight', 'refund', 'undoAll']);
    h.must({ type: 'CompleteJob', jobKey: h.job('refund').jobKey });
    expect(h.active()).toEqual(['cancelHotel', 'undoAll']);
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelHotel').jobKey });
    expect(h.state.status).toBe('completed');
    expect(h.state.compensable.size).toBe(0);
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given a compensation throw that does not wait for completion, when thrown, then every handler starts at once and the throw goes on', async () => {
    const model = buildModel({
      elements: [
        { type: 'startEvent', id: 'start' },
        { type: 'serviceTask', id: 'a', job: { type: 'work' } },
        { type: 'boundaryEvent', id: 'undoA', attachedToRef: 'a', eventDefinitions: [{ kind: 'compensate' }] },
        { type: 'serviceTask', id: 'cancelA', job: { type: 'undo' }, isForCompensation: true },
        { type: 'serviceTask', id: 'b', job: { type: 'work' } },
        { type: 'boundaryEvent', id: 'undoB', attachedToRef: 'b', eventDefinitions: [{ kind: 'compensate' }] },
        { type: 'serviceTask', id: 'cancelB', job: { type: 'undo' }, isForCompensation: true },
        { type: 'intermediateThrowEvent', id: 'compensate', eventDefinitions: [{ kind: 'compensate', waitForCompletion: false }] },
        { type: 'endEvent', id: 'end' },
      ],
      flows: [flow('f1', 'start', 'a'), flow('f2', 'a', 'b'), flow('f3', 'b', 'compensate'), flow('f4', 'compensate', 'end')],
      artifacts: [
        { type: 'association', id: 'assocA', sourceRef: 'undoA', targetRef: 'cancelA' },
        { type: 'association', id: 'assocB', sourceRef: 'undoB', targetRef: 'cancelB' },
      ],
    });
    const compiled = compile(model);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.findings));
    const h = new Harness(compiled.definition);
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    expect(h.active()).toEqual(['cancelA', 'cancelB']);
    expect(elementsOf(h.events, 'ElementCompleted').slice(-2)).toEqual(['compensate', 'end']);
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelB').jobKey });
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelA').jobKey });
    expect(h.state.status).toBe('completed');
  });

  it('given a throw inside a sub-process, a throw naming a completed sub-process, a throw naming one activity and a throw for the rest, when each is reached, then each compensates only what it reaches: inside its sub-process, the named sub-process (its handlers in reverse order), the named activity, then nothing twice', async () => {
    const h = new Harness(await fixture('compensation-scopes'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CompleteJob', jobKey: h.job('bookHotel').jobKey });
    const insideCar = h.must({ type: 'CompleteJob', jobKey: h.job('bookCar').jobKey });
    expect(insideCar.find((e) => e.type === 'CompensationStarted')).toMatchObject({ handlers: [{ handlerId: 'cancelCar', activityId: 'bookCar' }] });
    expect(h.active()).toEqual(['cancelCar', 'car', 'undoInsideCar']);
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelCar').jobKey });
    h.must({ type: 'CompleteJob', jobKey: h.job('bookFlight').jobKey });
    const flights = h.must({ type: 'CompleteJob', jobKey: h.job('bookSeat').jobKey });
    expect(flights.find((e) => e.type === 'CompensationStarted')).toMatchObject({
      handlers: [
        { handlerId: 'cancelSeat', activityId: 'bookSeat' },
        { handlerId: 'cancelFlight', activityId: 'bookFlight' },
      ],
    });
    expect(h.active()).toEqual(['cancelSeat', 'undoFlights']);
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelSeat').jobKey });
    expect(h.active()).toEqual(['cancelFlight', 'undoFlights']);
    const hotel = h.must({ type: 'CompleteJob', jobKey: h.job('cancelFlight').jobKey });
    expect(hotel.find((e) => e.type === 'CompensationStarted')).toMatchObject({ elementInstanceKey: expect.any(String), handlers: [{ handlerId: 'cancelHotel' }] });
    const rest = h.must({ type: 'CompleteJob', jobKey: h.job('cancelHotel').jobKey });
    expect(trace(rest, ['CompensationStarted', 'ElementCompleted', 'InstanceCompleted'])).toEqual([
      'ElementCompleted:cancelHotel',
      'ElementCompleted:undoHotel',
      'ElementCompleted:undoRest',
      'InstanceCompleted',
    ]);
    const handlers = h.events.filter((e) => e.type === 'ElementActivated' && e.compensation !== undefined).map((e) => (e as { elementId: string }).elementId);
    expect(handlers).toEqual(['cancelCar', 'cancelSeat', 'cancelFlight', 'cancelHotel']);
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given a completed multi-instance activity with a handler and a completed multi-instance sub-process with one inside, when compensation is thrown, then each completed inner instance is compensated, latest first, and each handler starts with the loop counter and element variable of the instance it undoes', async () => {
    const h = new Harness(await fixture('compensation-multi-instance'));
    h.must({ type: 'CreateInstance', variables: { cities: ['Oslo', 'Rome', 'Lima'], items: ['x', 'y'], enough: false } });
    const [oslo, rome, lima] = h.jobs('book');
    for (const job of [rome, lima, oslo]) h.must({ type: 'CompleteJob', jobKey: job.jobKey });
    h.must({ type: 'CompleteJob', jobKey: h.job('reserve').jobKey });
    const events = h.must({ type: 'CompleteJob', jobKey: h.job('reserve').jobKey });
    const started = events.find((e) => e.type === 'CompensationStarted');
    expect(started).toMatchObject({
      handlers: [
        { handlerId: 'release', activityId: 'reserve' },
        { handlerId: 'release', activityId: 'reserve' },
        { handlerId: 'cancelBooking', activityId: 'book' },
        { handlerId: 'cancelBooking', activityId: 'book' },
        { handlerId: 'cancelBooking', activityId: 'book' },
      ],
    });
    const undone: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const [job] = h.jobs();
      undone.push({ handler: job.elementId, ...h.state.variables.get(job.elementInstanceKey) });
      h.must({ type: 'CompleteJob', jobKey: job.jobKey });
    }
    expect(undone).toEqual([
      { handler: 'release', loopCounter: 2, item: 'y' },
      { handler: 'release', loopCounter: 1, item: 'x' },
      { handler: 'cancelBooking', loopCounter: 1, city: 'Oslo', what: 'cancel Oslo' },
      { handler: 'cancelBooking', loopCounter: 3, city: 'Lima', what: 'cancel Lima' },
      { handler: 'cancelBooking', loopCounter: 2, city: 'Rome', what: 'cancel Rome' },
    ]);
    expect(h.state.status).toBe('completed');
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given a multi-instance activity that completed by its completion condition, when compensation is thrown, then only the inner instances that completed are compensated (not those it terminated)', async () => {
    const h = new Harness(await fixture('compensation-multi-instance'));
    h.must({ type: 'CreateInstance', variables: { cities: ['Oslo', 'Rome', 'Lima'], items: [], enough: false } });
    h.must({ type: 'CompleteJob', jobKey: h.jobs('book')[1].jobKey, variables: { enough: true } });
    const started = h.events.find((e) => e.type === 'CompensationStarted');
    expect(started).toMatchObject({ handlers: [{ handlerId: 'cancelBooking', activityId: 'book' }] });
    expect(h.state.variables.get(h.job('cancelBooking').elementInstanceKey)).toMatchObject({ city: 'Rome', loopCounter: 2 });
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelBooking').jobKey });
    expect(h.state.status).toBe('completed');
  });

  it('given a completed sub-process with a compensation handler of its own, when compensation is thrown, then that handler replaces the handlers inside it (BPMN explicit handler)', async () => {
    const h = new Harness(await fixture('compensation-sub-process-handler'));
    h.must({ type: 'CreateInstance' });
    const events = h.must({ type: 'CompleteJob', jobKey: h.job('bookTrain').jobKey });
    expect(events.find((e) => e.type === 'CompensationStarted')).toMatchObject({ handlers: [{ handlerId: 'cancelTrip', activityId: 'trip' }] });
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelTrip').jobKey });
    expect(elementsOf(h.events, 'ElementActivated')).not.toContain('cancelTrain');
    expect(h.state.status).toBe('completed');
  });

  it('given compensation thrown for one named activity, when thrown, then only that activity is compensated', async () => {
    const h = new Harness(await fixture('compensation'));
    h.must({ type: 'CreateInstance', variables: { onlyHotel: true } });
    for (const id of ['bookHotel', 'bookFlight', 'bookSeat']) h.must({ type: 'CompleteJob', jobKey: h.job(id).jobKey });
    h.must({ type: 'ThrowJobError', jobKey: h.job('pay').jobKey, errorCode: 'CARD' });
    expect(h.active()).toEqual(['cancelHotel', 'undoHotelOnly']);
    h.must({ type: 'CompleteJob', jobKey: h.job('cancelHotel').jobKey });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-2)).toEqual(['undoHotelOnly', 'endPartial']);
    expect(h.events.filter((e) => e.type === 'ElementActivated' && e.compensation !== undefined)).toMatchObject([{ elementId: 'cancelHotel' }]);
    expect(h.state.status).toBe('completed');
  });
});
