/**
 * `compile(model) → definition`: the indexes decide relies on, and rejection of what
 * validation (or the core) cannot run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { compile } from './compile';
import { definitionOf } from './test-kit';

const read = (name: string) => readFileSync(new URL(`./fixtures/${name}.bpmn`, import.meta.url), 'utf8');
const fixture = async (name: string) => definitionOf(await importBpmn(read(name)));

describe('compile: the executable graph', () => {
  it('given activities with boundary events, when compiled, then each host lists its boundaries and each boundary its host and whether it interrupts', async () => {
    const d = await fixture('boundary/timers-messages-signals');
    expect(d.nodes.approve.boundaryIds).toEqual(['deadline', 'reminder', 'cancelled', 'ping']);
    expect(['deadline', 'reminder', 'cancelled', 'ping'].map((id) => [d.nodes[id].attachedTo, d.nodes[id].interrupting])).toEqual([
      ['approve', true],
      ['approve', false],
      ['approve', true],
      ['approve', false],
    ]);
  });

  it('given event sub-processes, when compiled, then their scope lists them and their start events (the triggers), in model order, each with its trigger kind', async () => {
    const d = await fixture('activities/event-sub-processes');
    expect(d.root.scope?.eventSubProcessIds).toEqual(['onCancel', 'onStatus', 'onTick', 'onAlarm', 'onError', 'onEscalation']);
    expect(d.root.scope?.eventStartIds).toEqual(['cancelStart', 'statusStart', 'tickStart', 'alarmStart', 'errorStart', 'escalationStart']);
    expect(d.root.scope?.eventStartIds.map((id) => d.nodes[id].trigger.kind)).toEqual(['message', 'message', 'timer', 'signal', 'error', 'escalation']);
    expect(d.nodes.onCancel.eventSubProcess).toBe(true);
  });

  it('given compensation boundaries associated to handlers, when compiled, then each activity names its handler, handlers are marked, and the sub-process around one knows it contains something compensable', async () => {
    const d = await fixture('activities/compensation');
    expect([d.nodes.bookHotel.compensationHandlerId, d.nodes.bookFlight.compensationHandlerId, d.nodes.bookSeat.compensationHandlerId]).toEqual([
      'cancelHotel',
      'cancelFlight',
      'cancelSeat',
    ]);
    expect(d.nodes.cancelFlight.forCompensation).toBe(true);
    expect(d.nodes.flights.containsCompensable).toBe(true);
    expect(d.nodes.pay.containsCompensable).toBe(false);
  });

  it('given link events, when compiled, then the scope maps the link name to its catch event', async () => {
    const d = await fixture('events/intermediate');
    expect(d.root.scope?.linkCatch).toEqual({ next: 'landing' });
    expect(d.nodes.jump.trigger).toEqual({ kind: 'link', linkName: 'next' });
  });

  it('given an inclusive join, when compiled, then it knows, per incoming flow, the elements from which a token can still reach that flow', async () => {
    const d = await fixture('gateways/inclusive-merge');
    const byFlow = d.nodes.join.upstreamByFlow ?? {};
    expect([...byFlow.j1].sort()).toEqual(['a', 'c', 'fork', 'merge', 'start']);
    expect([...byFlow.j2].sort()).toEqual(['b', 'fork', 'start']);
    expect(d.nodes.join.join).toBe(true);
  });

  it('given a model validation rejects, when compiled, then the result is not ok and carries the validation finding naming the element, not an exception', async () => {
    const imported = await importBpmn(read('instance/invalid'));
    if (!imported.ok) throw new Error('the fixture does not import');
    const result = compile(imported.model);
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'gateway.flow-without-condition', severity: 'error', elementId: 'toB' }));
  });
});
