import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { Harness } from '../harness';
import { replay } from '../replay';
import { startTimersOf } from '../start-timers';
import { definitionOf, elementsOf, trace } from '../test-kit';

const fixture = async (name: string) =>
  definitionOf(await importBpmn(readFileSync(new URL(`../fixtures/${name}.bpmn`, import.meta.url), 'utf8')));

describe('start events', () => {
  it('given a none start, when CreateInstance has no trigger, then the none start begins with the variables as process variables', async () => {
    const h = new Harness(await fixture('events/starts'));
    const events = h.must({ type: 'CreateInstance', variables: { a: 1 }, startedBy: 'ann', businessKey: 'B-1' });
    expect(events[0]).toMatchObject({ type: 'InstanceCreated', startElementId: 'plain', variables: { a: 1 }, startedBy: 'ann', businessKey: 'B-1' });
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['plain', 'merge', 'end']);
    expect(h.events.at(-1)).toMatchObject({ type: 'InstanceCompleted' });
  });

  it.each([
    [{ messageName: 'order' }, 'byMessage'],
    [{ signalName: 'go' }, 'bySignal'],
    [{ startEventId: 'byTimer' }, 'byTimer'],
  ])('given %j, when an instance is created, then it starts at %s', async (trigger, startId) => {
    const h = new Harness(await fixture('events/starts'));
    h.must({ type: 'CreateInstance', ...trigger });
    expect(elementsOf(h.events, 'ElementActivated')[0]).toBe(startId);
  });

  it('given no start event for the message, when an instance is created for it, then it is rejected', async () => {
    const h = new Harness(await fixture('events/starts'));
    expect(h.send({ type: 'CreateInstance', messageName: 'nope' })).toMatchObject({ ok: false, code: 'NO_MATCHING_START_EVENT' });
    h.must({ type: 'CreateInstance' });
    expect(h.send({ type: 'CreateInstance' })).toMatchObject({ ok: false, code: 'INSTANCE_ALREADY_CREATED' });
  });

  it('given timer start events (R3/PT10M and a weekday cron), when asked when they fire, then the cycle repeats three times and the cron names the next weekday 09:00', async () => {
    const definition = await fixture('events/starts');
    const now = new Date('2026-01-03T12:00:00Z'); // a Saturday
    expect(startTimersOf(definition, { now })).toEqual([
      { startEventId: 'byTimer', dueAt: '2026-01-03T12:10:00.000Z' },
      { startEventId: 'byCron', dueAt: '2026-01-05T09:00:00.000Z' },
    ]);
    const previous = new Date('2026-01-03T12:10:00Z');
    expect(startTimersOf(definition, { now, previous, count: 1, startEventId: 'byTimer' })).toEqual([
      { startEventId: 'byTimer', dueAt: '2026-01-03T12:20:00.000Z' },
    ]);
    expect(startTimersOf(definition, { now, previous, count: 3, startEventId: 'byTimer' })).toEqual([]);
  });
});

describe('end events', () => {
  it('given a message end event, when reached, then the message is published for the runtime and the instance completes', async () => {
    const h = new Harness(await fixture('events/ends'));
    h.must({ type: 'CreateInstance', variables: { end: 'message' } });
    expect(h.events.find((e) => e.type === 'MessagePublished')).toMatchObject({ messageName: 'done', variables: { end: 'message' } });
    expect(h.state.status).toBe('completed');
  });

  it('given a signal end event, when reached, then the signal is broadcast for the runtime and the instance completes', async () => {
    const h = new Harness(await fixture('events/ends'));
    h.must({ type: 'CreateInstance', variables: { end: 'signal' } });
    expect(h.events.find((e) => e.type === 'SignalBroadcast')).toMatchObject({ signalName: 'done' });
    expect(h.state.status).toBe('completed');
  });

  it('given an escalation end event nobody catches, when reached, then it is recorded as not caught and the instance completes', async () => {
    const h = new Harness(await fixture('events/ends'));
    h.must({ type: 'CreateInstance', variables: { end: 'escalation' } });
    expect(trace(h.events, ['EscalationNotCaught', 'InstanceCompleted'])).toEqual(['EscalationNotCaught', 'InstanceCompleted']);
  });

  it('given an error end event nobody catches, when reached, then an incident is raised, not an exception', async () => {
    const h = new Harness(await fixture('events/ends'));
    h.must({ type: 'CreateInstance', variables: { end: 'error' } });
    expect([...h.state.incidents.values()]).toMatchObject([{ kind: 'unhandledError', elementId: 'endError' }]);
    expect(h.state.status).toBe('active');
  });

  it('given a terminate end event, when reached, then every other token of its scope is withdrawn (task, job, token waiting at a join) and the instance completes', async () => {
    const h = new Harness(await fixture('events/terminate'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CompleteJob', jobKey: h.job('check').jobKey });
    expect(h.state.joins.size).toBe(1);
    const events = h.fireNextTimer();
    expect(trace(events, ['ElementTerminated', 'UserTaskCancelled', 'JoinTokensWithdrawn', 'InstanceCompleted'])).toEqual([
      'UserTaskCancelled',
      'ElementTerminated:review',
      'JoinTokensWithdrawn',
      'InstanceCompleted',
    ]);
    expect(h.state.status).toBe('completed');
    expect(h.state.userTasks.size + h.state.jobs.size + h.state.timers.size).toBe(0);
  });
});

describe('signal variables', () => {
  it('given a signal throw with input mappings, when it is reached, then its local variables are the signal variables: in SignalBroadcast for the runtime and delivered to the catch of this instance, whose result is merged into the process', async () => {
    const h = new Harness(await fixture('events/signal-variables'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-7', total: 21, secret: 'not for others' } });
    expect(h.events.filter((e) => e.type === 'SignalBroadcast')).toMatchObject([
      { signalName: 'ready', variables: { order: 'o-7', doubled: 42 } },
      { signalName: 'done', variables: {} },
    ]);
    const [ready] = h.events.filter((e) => e.type === 'SignalBroadcast');
    expect(ready.type === 'SignalBroadcast' && Object.keys(ready.variables).sort()).toEqual(['doubled', 'order']);
    expect(elementsOf(h.events, 'ElementCompleted')).toContain('waitReady');
    expect(h.variables).toEqual({ orderId: 'o-7', total: 21, secret: 'not for others', order: 'o-7', doubled: 42 });
    expect(h.state.status).toBe('completed');
  });
});

describe('intermediate events', () => {
  it('given a chain of throw and catch events, when driven through, then each waits for its own event and the instance completes', async () => {
    const h = new Harness(await fixture('events/intermediate'));
    h.must({ type: 'CreateInstance', variables: { caseId: 'c-1', deadline: '2026-03-01T08:00:00Z' } });
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['start', 'milestone']);
    expect(h.timers()).toMatchObject([{ elementId: 'waitDuration', dueAt: '2026-01-01T00:30:00.000Z' }]);

    h.fireNextTimer();
    expect(h.timers()).toMatchObject([{ elementId: 'waitDate', dueAt: '2026-03-01T08:00:00.000Z' }]);
    h.fireNextTimer();
    expect([...h.state.subscriptions.values()]).toMatchObject([{ kind: 'message', name: 'ok', correlationKey: 'c-1' }]);

    const afterMessage = h.must({ type: 'CorrelateMessage', messageName: 'ok', correlationKey: 'c-1', variables: { approved: true } });
    expect(afterMessage.find((e) => e.type === 'MessagePublished')).toMatchObject({ messageName: 'note' });
    expect([...h.state.subscriptions.values()]).toMatchObject([{ kind: 'signal', name: 'go' }]);

    const afterSignal = h.must({ type: 'BroadcastSignal', signalName: 'go' });
    expect(elementsOf(afterSignal, 'ElementActivated')).toEqual(['jump', 'landing', 'broadcast', 'end']);
    expect(afterSignal.find((e) => e.type === 'SignalBroadcast')).toMatchObject({ signalName: 'done' });
    expect(h.state.status).toBe('completed');
    expect(h.variables.approved).toBe(true);
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given a timer date expression that does not give a date, when reached, then an incident is raised on the catch event', async () => {
    const h = new Harness(await fixture('events/intermediate'));
    h.must({ type: 'CreateInstance', variables: { caseId: 'c-1', deadline: 'soon' } });
    h.fireNextTimer();
    expect([...h.state.incidents.values()]).toMatchObject([{ elementId: 'waitDate', kind: 'expression' }]);
  });

  it('given a missing correlation key variable, when a message catch is reached, then an incident names the correlation key', async () => {
    const h = new Harness(await fixture('events/intermediate'));
    h.must({ type: 'CreateInstance', variables: { deadline: '2026-03-01T08:00:00Z' } });
    h.fireNextTimer();
    h.fireNextTimer();
    expect([...h.state.incidents.values()][0].message).toMatch(/correlation key of waitMessage/);
  });

  it('given a non-interrupting escalation boundary on a sub-process, when an escalation is thrown inside, then the boundary path starts and the thrower goes on; an escalation nobody catches is recorded', async () => {
    const h = new Harness(await fixture('events/escalation'));
    h.must({ type: 'CreateInstance' });
    expect(h.active().sort()).toEqual(['informBoss', 'sub', 'work']);
    expect(trace(h.events, ['EscalationNotCaught'])).toEqual(['EscalationNotCaught']);
    h.must({ type: 'CompleteUserTask', taskKey: h.task('work').taskKey });
    h.must({ type: 'CompleteUserTask', taskKey: h.task('informBoss').taskKey });
    expect(h.state.status).toBe('completed');
  });
});

describe('interrupting escalation and a process-level error event sub-process', () => {
  it('given an interrupting escalation boundary without a code, when an escalation end event is reached inside, then the sub-process is interrupted (its user task withdrawn) and the boundary path runs', async () => {
    const h = new Harness(await fixture('events/escalation-interrupting'));
    const events = h.must({ type: 'CreateInstance' });
    expect(trace(events, ['UserTaskCancelled', 'ElementTerminated'])).toEqual([
      'UserTaskCancelled',
      'ElementTerminated:work',
      'ElementTerminated:raise',
      'ElementTerminated:sub',
    ]);
    expect(h.active()).toEqual(['risky']);
  });

  it('given an error event sub-process without a code at process level, when a job throws any error, then it takes over the process', async () => {
    const h = new Harness(await fixture('events/escalation-interrupting'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'ThrowJobError', jobKey: h.job('risky').jobKey, errorCode: 'WHATEVER' });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-3)).toEqual(['anyErrorStart', 'anyErrorEnd', 'onAnyError']);
    expect(h.state.status).toBe('completed');
  });
});

describe('errors through nested scopes', () => {
  const nested = () => fixture('events/nested-error');

  it.each([
    ['a job', (h: Harness) => h.must({ type: 'ThrowJobError', jobKey: h.job('risky').jobKey, errorCode: 'PAYMENT', variables: { reason: 'card' } })],
    ['an error end event', (h: Harness) => h.must({ type: 'CompleteJob', jobKey: h.job('risky').jobKey, variables: { fail: true, reason: 'card' } })],
  ])('given an error thrown by %s two sub-processes deep, when neither sub-process catches its code, then it reaches the process event sub-process, which interrupts everything (both sub-processes, the parallel task) and runs', async (_by, throwIt) => {
    const h = new Harness(await nested());
    h.must({ type: 'CreateInstance' });
    const events = throwIt(h);
    expect(trace(events, ['ElementTerminated', 'UserTaskCancelled'])).toEqual(
      expect.arrayContaining(['ElementTerminated:inner', 'ElementTerminated:outer', 'UserTaskCancelled', 'ElementTerminated:sideline']),
    );
    const terminated = elementsOf(events, 'ElementTerminated');
    expect(terminated.indexOf('inner')).toBeLessThan(terminated.indexOf('outer'));
    expect(elementsOf(events, 'ElementActivated').slice(-3)).toEqual(['onPayment', 'paymentStart', 'handle']);
    expect(elementsOf(h.events, 'ElementActivated')).not.toContain('otherError');
    expect(h.active()).toEqual(['handle', 'onPayment']);
    expect(h.variables.reason).toBe('card');
    expect(h.state.incidents.size).toBe(0);
    h.must({ type: 'CompleteUserTask', taskKey: h.task('handle').taskKey });
    expect(h.state.status).toBe('completed');
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given an error whose code the outer sub-process boundary catches, when thrown two levels down, then that boundary takes it and the event sub-process does not run', async () => {
    const h = new Harness(await nested());
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'ThrowJobError', jobKey: h.job('risky').jobKey, errorCode: 'OTHER' });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-2)).toEqual(['otherError', 'otherEnd']);
    expect(elementsOf(h.events, 'ElementActivated')).not.toContain('onPayment');
    expect(h.active()).toEqual(['sideline']);
  });

  it('given an error no scope catches, when thrown two levels down, then it is an incident on the thrower (not an exception) and nothing is interrupted; resolving it runs the task again', async () => {
    const h = new Harness(await nested());
    h.must({ type: 'CreateInstance' });
    const events = h.must({ type: 'ThrowJobError', jobKey: h.job('risky').jobKey, errorCode: 'UNKNOWN', errorMessage: 'gateway down' });
    expect(trace(events)).toEqual(['JobErrorThrown', 'IncidentRaised:risky']);
    const [incident] = [...h.state.incidents.values()];
    expect(incident).toMatchObject({ elementId: 'risky', kind: 'unhandledError', retry: 'activate' });
    expect(incident.message).toMatch(/"UNKNOWN" \(gateway down\)/);
    expect(h.active()).toEqual(['inner', 'outer', 'risky', 'sideline']);
    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey });
    expect(h.jobs('pay')).toHaveLength(1);
  });
});

describe('terminate end event inside a sub-process', () => {
  it('given a terminate end event in one inner instance of a multi-instance sub-process, when reached, then it ends that inner instance only (its task and subscriptions withdrawn, the sub-process completed); the other inner instance and the task outside go on', async () => {
    const h = new Harness(await fixture('events/terminate-sub-process'));
    h.must({ type: 'CreateInstance' });
    expect(h.tasks().map((t) => t.elementId).sort()).toEqual(['outside', 'slow', 'slow']);
    const [first, second] = h.jobs('quick');
    const events = h.must({ type: 'CompleteJob', jobKey: first.jobKey });
    expect(trace(events, ['UserTaskCancelled', 'ElementTerminated', 'MessageSubscriptionClosed', 'ElementCompleted'])).toEqual([
      'ElementCompleted:quick',
      'UserTaskCancelled',
      'ElementTerminated:slow',
      'ElementCompleted:kill',
      'MessageSubscriptionClosed',
      'ElementCompleted:sub',
    ]);
    expect(h.active()).toEqual(['outside', 'quick', 'slow', 'sub', 'sub']);
    expect(h.state.subscriptions.size).toBe(1);
    h.must({ type: 'CompleteJob', jobKey: second.jobKey });
    expect(h.active()).toEqual(['after', 'outside']);
    expect(h.task('outside')).toBeDefined();
    expect(h.state.status).toBe('active');
  });
});

describe('boundary events', () => {

  it('given a user task with boundary events, when it is activated, then the timers and subscriptions of its boundaries are opened with it', async () => {
    const h = new Harness(await fixture('boundary/timers-messages-signals'));
    h.must({ type: 'CreateInstance' });
    expect(h.timers().map((t) => [t.elementId, t.dueAt])).toEqual([
      ['deadline', '2026-01-01T01:00:00.000Z'],
      ['reminder', '2026-01-01T00:10:00.000Z'],
    ]);
    expect([...h.state.subscriptions.values()].map((s) => [s.kind, s.name, s.elementId])).toEqual([
      ['message', 'cancel', 'cancelled'],
      ['signal', 'ping', 'ping'],
    ]);
  });

  it('given a non-interrupting timer cycle R3/PT10M, when it fires, then a reminder path starts, the task stays and the next firing is scheduled — three times in all', async () => {
    const h = new Harness(await fixture('boundary/timers-messages-signals'));
    h.must({ type: 'CreateInstance' });
    for (let i = 1; i <= 3; i++) {
      h.fireNextTimer();
      expect(h.jobs('remind')).toHaveLength(i);
      expect(h.tasks()).toHaveLength(1);
    }
    expect(h.timers().map((t) => t.elementId)).toEqual(['deadline']);
  });

  it('given an interrupting timer, when it fires, then the task is terminated (its user task cancelled, its other boundaries closed) and the boundary path runs', async () => {
    const h = new Harness(await fixture('boundary/timers-messages-signals'));
    h.must({ type: 'CreateInstance' });
    h.advance(60 * 60 * 1000);
    const deadline = h.timers().find((t) => t.elementId === 'deadline')!;
    const events = h.must({ type: 'FireTimer', timerKey: deadline.timerKey });
    expect(trace(events, ['UserTaskCancelled', 'TimerCancelled', 'MessageSubscriptionClosed', 'SignalSubscriptionClosed', 'ElementTerminated'])).toEqual([
      'UserTaskCancelled',
      'TimerCancelled',
      'MessageSubscriptionClosed',
      'SignalSubscriptionClosed',
      'ElementTerminated:approve',
    ]);
    expect(elementsOf(h.events, 'ElementCompleted').slice(-2)).toEqual(['deadline', 'late']);
    expect(h.state.status).toBe('completed');
  });

  it('given an interrupting message boundary, when the message comes, then the task is interrupted', async () => {
    const h = new Harness(await fixture('boundary/timers-messages-signals'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CorrelateMessage', messageName: 'cancel', variables: { reason: 'customer' } });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-2)).toEqual(['cancelled', 'stopped']);
    expect(h.variables.reason).toBe('customer');
    expect(h.state.status).toBe('completed');
  });

  it('given a non-interrupting signal boundary, when the signal comes, then its path runs and the task stays; when the task completes, then its boundaries close', async () => {
    const h = new Harness(await fixture('boundary/timers-messages-signals'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'BroadcastSignal', signalName: 'ping' });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-2)).toEqual(['ping', 'pinged']);
    expect(h.tasks()).toHaveLength(1);
    const events = h.must({ type: 'CompleteUserTask', taskKey: h.task('approve').taskKey });
    expect(trace(events, ['TimerCancelled', 'MessageSubscriptionClosed', 'SignalSubscriptionClosed'])).toHaveLength(4);
    expect(h.state.status).toBe('completed');
    expect(h.state.timers.size + h.state.subscriptions.size).toBe(0);
  });

  it.each([
    ['DECLINED', 'endDeclined'],
    ['SOMETHING_ELSE', 'endOther'],
  ])('given error boundaries with and without a code, when a job throws %s, then the matching catch (the one with the code first) takes it', async (errorCode, end) => {
    const h = new Harness(await fixture('boundary/errors'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'ThrowJobError', jobKey: h.job('charge').jobKey, errorCode, variables: { why: 'no funds' } });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-1)).toEqual([end]);
    expect(h.variables.why).toBe('no funds');
    expect(h.state.status).toBe('completed');
  });

  it('given an error end event inside a sub-process, when thrown, then it propagates out to the boundary on the sub-process', async () => {
    const h = new Harness(await fixture('boundary/errors'));
    h.must({ type: 'CreateInstance', variables: { stock: 0 } });
    h.must({ type: 'CompleteJob', jobKey: h.job('charge').jobKey });
    expect(elementsOf(h.events, 'ElementTerminated')).toEqual(['outOfStock', 'ship']);
    expect(elementsOf(h.events, 'ElementCompleted').slice(-2)).toEqual(['stockError', 'endStock']);
    expect(h.state.status).toBe('completed');
  });
});
