import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { Harness } from '../harness';
import { replay } from '../replay';
import { definitionOf, elementsOf, trace } from '../test-kit';

const fixture = async (name: string) =>
  definitionOf(await importBpmn(readFileSync(new URL(`../fixtures/gateways/${name}.bpmn`, import.meta.url), 'utf8')));

describe('exclusive gateway', () => {
  it.each([
    [20, 'a'],
    [7, 'b'],
    [1, 'c'],
  ])('given x = %d, when the gateway decides, then the first flow whose condition is true (else the default) is taken: %s', async (x, expected) => {
    const h = new Harness(await fixture('exclusive'));
    h.must({ type: 'CreateInstance', variables: { x } });
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['start', 'route', expected, 'end']);
    expect(h.state.status).toBe('completed');
  });

  it('given no condition is true and no default, when the gateway decides, then an incident is raised; when the variable is set and it is resolved, then the gateway decides again', async () => {
    const h = new Harness(await fixture('exclusive-no-default'));
    h.must({ type: 'CreateInstance', variables: { x: 'c' } });
    const [incident] = [...h.state.incidents.values()];
    expect(incident).toMatchObject({ elementId: 'route', kind: 'noOutgoingFlow', retry: 'activate' });
    h.must({ type: 'SetVariables', variables: { x: 'b' } });
    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey });
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['start', 'route', 'endB']);
  });

  it('given a condition that is not a boolean (a missing variable), when the gateway decides, then it is an incident naming the flow', async () => {
    const h = new Harness(await fixture('exclusive'));
    h.must({ type: 'CreateInstance' });
    expect([...h.state.incidents.values()][0].message).toMatch(/flow toA must be true or false/);
  });
});

describe('parallel gateway', () => {
  it('given a fork to three branches, when the instance starts, then all three are activated; the join waits for every incoming token', async () => {
    const h = new Harness(await fixture('parallel'));
    h.must({ type: 'CreateInstance' });
    expect(h.active()).toEqual(['a', 'b']);
    expect(h.state.joins.size).toBe(1);
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    expect(elementsOf(h.events, 'ElementActivated')).not.toContain('join');
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    const joinActivation = h.events.find((e) => e.type === 'ElementActivated' && e.elementId === 'join');
    expect(joinActivation).toMatchObject({ joined: ['ja', 'jb', 'jc'] });
    expect(h.state.status).toBe('completed');
    expect(h.state.joins.size).toBe(0);
  });
});

describe('inclusive gateway', () => {
  it('given two true conditions, when forking, then both branches run (not the default); the join waits while a token can still arrive', async () => {
    const h = new Harness(await fixture('inclusive'));
    h.must({ type: 'CreateInstance', variables: { wantA: true, wantB: true } });
    expect(h.active()).toEqual(['a', 'b']);
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    expect(h.active()).toEqual(['b']);
    expect(elementsOf(h.events, 'ElementActivated')).not.toContain('join');
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    expect(h.events.find((e) => e.type === 'ElementActivated' && e.elementId === 'join')).toMatchObject({ joined: ['ja', 'jb'] });
    expect(h.state.status).toBe('completed');
  });

  it('given one true condition, when forking, then only that branch runs and the join fires when it arrives', async () => {
    const h = new Harness(await fixture('inclusive'));
    h.must({ type: 'CreateInstance', variables: { wantA: false, wantB: true } });
    expect(h.active()).toEqual(['b']);
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    expect(h.state.status).toBe('completed');
  });

  it('given no true condition, when forking, then the default flow is taken', async () => {
    const h = new Harness(await fixture('inclusive'));
    h.must({ type: 'CreateInstance', variables: { wantA: false, wantB: false } });
    expect(h.active()).toEqual(['d']);
    h.must({ type: 'CompleteJob', jobKey: h.job('d').jobKey });
    expect(h.state.status).toBe('completed');
  });
});

describe('inclusive join: waits only while a token can still arrive', () => {
  it('given a token that ends on a path away from the join, when it ends, then the join fires with the tokens that did arrive', async () => {
    const h = new Harness(await fixture('inclusive-partial'));
    h.must({ type: 'CreateInstance', variables: { abandon: true } });
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    expect(elementsOf(h.events, 'ElementActivated')).not.toContain('join');
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    expect(h.events.find((e) => e.type === 'ElementActivated' && e.elementId === 'join')).toMatchObject({ joined: ['ja'] });
    expect(elementsOf(h.events, 'ElementCompleted').slice(-3)).toEqual(['giveUp', 'join', 'end']);
    expect(h.state.status).toBe('completed');
  });

  it('given the other path reaches the join later, when it arrives, then the join fires once with both tokens', async () => {
    const h = new Harness(await fixture('inclusive-partial'));
    h.must({ type: 'CreateInstance', variables: { abandon: false } });
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    expect(h.state.joins.size).toBe(1);
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    expect(h.events.filter((e) => e.type === 'ElementActivated' && e.elementId === 'join')).toMatchObject([{ joined: ['ja', 'toJoin'] }]);
    expect(h.state.status).toBe('completed');
  });
});

describe('inclusive join: only a token that can reach an empty incoming flow is waited for', () => {
  const joins = (h: Harness) => h.events.filter((e) => e.type === 'ElementActivated' && e.elementId === 'join');

  it('given a token on one incoming flow, when another token can still reach the other, empty one, then the join waits', async () => {
    const h = new Harness(await fixture('inclusive-merge'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    expect(joins(h)).toHaveLength(0);
    expect(h.state.joins.size).toBe(1);
  });

  it('given tokens on every incoming flow, when a third token (behind an exclusive merge) can only reach a flow that already holds one, then the join fires at once; that token later fires it again alone', async () => {
    const h = new Harness(await fixture('inclusive-merge'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    expect(joins(h)).toMatchObject([{ joined: ['j1', 'j2'] }]);
    expect(h.active()).toEqual(['c']);
    expect(h.state.joins.size).toBe(0);
    h.must({ type: 'CompleteJob', jobKey: h.job('c').jobKey });
    expect(joins(h)).toMatchObject([{ joined: ['j1', 'j2'] }, { joined: ['j1'] }]);
    expect(elementsOf(h.events, 'ElementCompleted').filter((id) => id === 'end')).toHaveLength(2);
    expect(h.state.status).toBe('completed');
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given the two merged tokens arrive first, when the third is still on its way to the empty flow, then the join waits; when it arrives, then it fires with one token from each flow, and again with the one left', async () => {
    const h = new Harness(await fixture('inclusive-merge'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'CompleteJob', jobKey: h.job('a').jobKey });
    h.must({ type: 'CompleteJob', jobKey: h.job('c').jobKey });
    expect(joins(h)).toHaveLength(0);
    expect(h.state.joins.values().next().value).toEqual({ j1: 2 });
    h.must({ type: 'CompleteJob', jobKey: h.job('b').jobKey });
    expect(joins(h)).toMatchObject([{ joined: ['j1', 'j2'] }, { joined: ['j1'] }]);
    expect(h.state.status).toBe('completed');
  });
});

describe('event-based gateway', () => {
  it('given a race of message, timer and signal, when the gateway is reached, then all three are waited for', async () => {
    const h = new Harness(await fixture('event-based'));
    const events = h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    expect(trace(events, ['MessageSubscriptionOpened', 'TimerScheduled', 'SignalSubscriptionOpened'])).toEqual([
      'MessageSubscriptionOpened:paid',
      'TimerScheduled:timeout',
      'SignalSubscriptionOpened:stop',
    ]);
    expect(h.timers()[0].dueAt).toBe('2026-01-01T01:00:00.000Z');
  });

  it('given the race, when the message comes first, then it wins and the timer and signal are withdrawn', async () => {
    const h = new Harness(await fixture('event-based'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const events = h.must({ type: 'CorrelateMessage', messageName: 'paid', correlationKey: 'o-1', variables: { paidAt: 'noon' } });
    expect(trace(events, ['TimerCancelled', 'SignalSubscriptionClosed', 'MessageSubscriptionClosed'])).toEqual([
      'TimerCancelled',
      'MessageSubscriptionClosed',
      'SignalSubscriptionClosed',
    ]);
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['start', 'race', 'paid', 'endPaid']);
    expect(h.variables.paidAt).toBe('noon');
    expect(h.state.timers.size + h.state.subscriptions.size).toBe(0);
  });

  it('given the race, when the timer fires first, then it wins and the message and signal subscriptions are withdrawn', async () => {
    const h = new Harness(await fixture('event-based'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const events = h.fireNextTimer();
    expect(trace(events, ['TimerFired', 'TimerCancelled', 'MessageSubscriptionClosed', 'SignalSubscriptionClosed'])).toEqual([
      'TimerFired',
      'MessageSubscriptionClosed',
      'SignalSubscriptionClosed',
    ]);
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['start', 'race', 'timeout', 'endTimeout']);
    expect(h.state.timers.size + h.state.subscriptions.size).toBe(0);
    expect(h.send({ type: 'CorrelateMessage', messageName: 'paid', correlationKey: 'o-1' })).toMatchObject({ ok: false, code: 'INSTANCE_NOT_ACTIVE' });
  });

  it('given the race, when the signal is broadcast first, then it wins and the timer and message subscription are withdrawn', async () => {
    const h = new Harness(await fixture('event-based'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const events = h.must({ type: 'BroadcastSignal', signalName: 'stop' });
    expect(trace(events, ['TimerCancelled', 'MessageSubscriptionClosed', 'SignalSubscriptionClosed'])).toEqual([
      'TimerCancelled',
      'MessageSubscriptionClosed',
      'SignalSubscriptionClosed',
    ]);
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['start', 'race', 'stop', 'endStop']);
    expect(h.state.timers.size + h.state.subscriptions.size).toBe(0);
    expect(replay(h.events)).toEqual(h.state);
  });
});
