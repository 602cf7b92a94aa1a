/**
 * Golden event logs: a dozen non-trivial processes driven by fixed commands; their logs are
 * kept beside the fixtures (fixtures/golden/*.events.json) and any drift fails. After an
 * intended change of behaviour, regenerate with `UPDATE_GOLDEN=1 npx vitest run lib/engine/core/golden`
 * and review the diff. Each log is also replayed, and its recording re-decided (determinism).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { EventSchema } from './events';
import { Harness } from './harness';
import { canonical, checkDeterminism, replay } from './replay';
import { definitionOf } from './test-kit';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const dir = new URL('./fixtures/golden/', import.meta.url);

const load = async (name: string) =>
  definitionOf(await importBpmn(readFileSync(new URL(`./fixtures/${name}.bpmn`, import.meta.url), 'utf8')));

type Scenario = { name: string; fixture: string; run: (h: Harness) => void };

const task = (h: Harness, id: string, variables?: Record<string, never> | Record<string, unknown>, completedBy?: string) =>
  h.must({ type: 'CompleteUserTask', taskKey: h.task(id).taskKey, variables: variables as never, completedBy });
const job = (h: Harness, id: string, variables?: Record<string, unknown>) =>
  h.must({ type: 'CompleteJob', jobKey: h.job(id).jobKey, variables: variables as never });

const SCENARIOS: Scenario[] = [
  {
    name: 'bench-high',
    fixture: 'bench',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { amount: 730 } });
      for (const id of ['t1', 't2', 't3']) job(h, id);
    },
  },
  {
    name: 'bench-low',
    fixture: 'bench',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { amount: 120 } });
      for (const id of ['t3', 't1', 't2']) job(h, id);
    },
  },
  {
    name: 'terminate-end',
    fixture: 'events/terminate',
    run: (h) => {
      h.must({ type: 'CreateInstance' });
      job(h, 'check');
      h.fireNextTimer();
    },
  },
  {
    name: 'boundary-cycle-and-signal',
    fixture: 'boundary/timers-messages-signals',
    run: (h) => {
      h.must({ type: 'CreateInstance' });
      h.fireNextTimer();
      job(h, 'remind');
      h.must({ type: 'BroadcastSignal', signalName: 'ping' });
      h.fireNextTimer();
      task(h, 'approve', { approved: true });
      job(h, 'remind');
    },
  },
  {
    name: 'error-propagation',
    fixture: 'boundary/errors',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { stock: 0 } });
      job(h, 'charge');
    },
  },
  {
    name: 'event-based-message-wins',
    fixture: 'gateways/event-based',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
      h.must({ type: 'CorrelateMessage', messageName: 'paid', correlationKey: 'o-1', variables: { paidAt: 'noon' } });
    },
  },
  {
    name: 'inclusive-fork-join',
    fixture: 'gateways/inclusive',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { wantA: true, wantB: true } });
      job(h, 'b');
      job(h, 'a');
    },
  },
  {
    name: 'event-sub-processes',
    fixture: 'activities/event-sub-processes',
    run: (h) => {
      h.must({ type: 'CreateInstance' });
      h.must({ type: 'CorrelateMessage', messageName: 'status' });
      h.fireNextTimer();
      h.must({ type: 'CorrelateMessage', messageName: 'cancel', variables: { by: 'customer' } });
      job(h, 'undo');
    },
  },
  {
    name: 'event-sub-processes-in-sub-process',
    fixture: 'activities/esp-in-sub-process',
    run: (h) => {
      h.must({ type: 'CreateInstance' });
      h.must({ type: 'ThrowJobError', jobKey: h.job('work').jobKey, errorCode: 'FAIL' });
      task(h, 'repair');
    },
  },
  {
    name: 'multi-instance',
    fixture: 'activities/multi-instance',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { items: ['a', 'b'], reviewers: ['r1', 'r2'] } });
      for (const [i, j] of h.jobs('score').entries()) h.must({ type: 'CompleteJob', jobKey: j.jobKey, variables: { score: i * 10 } });
      task(h, 'review');
      task(h, 'review');
      for (const t of h.tasks().slice(0, 3)) h.must({ type: 'CompleteUserTask', taskKey: t.taskKey });
    },
  },
  {
    name: 'multi-instance-sub-process-timeout',
    fixture: 'activities/multi-instance-sub-process',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { orders: [{ qty: 2, unit: 5 }, { qty: 1, unit: 7 }] } });
      h.must({ type: 'CompleteJob', jobKey: h.jobs('slow')[1].jobKey });
      h.fireNextTimer();
    },
  },
  {
    name: 'compensation',
    fixture: 'activities/compensation',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { onlyHotel: false } });
      for (const id of ['bookHotel', 'bookFlight', 'bookSeat']) job(h, id);
      h.must({ type: 'ThrowJobError', jobKey: h.job('pay').jobKey, errorCode: 'CARD' });
      for (const id of ['cancelSeat', 'refund', 'cancelHotel']) job(h, id);
    },
  },
  {
    name: 'user-tasks-four-eyes',
    fixture: 'activities/user-task',
    run: (h) => {
      h.must({ type: 'CreateInstance', startedBy: 'sam', variables: { owner: 'ann', region: 'emea', followUp: 'P1D', urgent: true, customer: 'ACME' } });
      task(h, 'prepare', { price: 100 }, 'ann');
      task(h, 'approve', { approved: true }, 'carl');
    },
  },
  {
    name: 'intermediate-events',
    fixture: 'events/intermediate',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { caseId: 'c-1', deadline: '2026-03-01T08:00:00Z' } });
      h.fireNextTimer();
      h.fireNextTimer();
      h.must({ type: 'CorrelateMessage', messageName: 'ok', correlationKey: 'c-1', variables: { approved: true } });
      h.must({ type: 'BroadcastSignal', signalName: 'go' });
    },
  },
  {
    name: 'call-activity-error',
    fixture: 'activities/call-activity',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { childId: 'shipping' } });
      h.must({ type: 'CompleteCallActivity', callKey: [...h.state.calls.values()][0].callKey, variables: { childResult: 'ok' } });
      h.must({ type: 'ThrowCallError', callKey: [...h.state.calls.values()][0].callKey, errorCode: 'BILLING_FAILED' });
    },
  },
  {
    name: 'compensation-multi-instance',
    fixture: 'activities/compensation-multi-instance',
    run: (h) => {
      h.must({ type: 'CreateInstance', variables: { cities: ['Oslo', 'Rome', 'Lima'], items: ['x', 'y'], enough: false } });
      const [oslo, rome, lima] = h.jobs('book');
      for (const j of [rome, lima, oslo]) h.must({ type: 'CompleteJob', jobKey: j.jobKey });
      job(h, 'reserve');
      job(h, 'reserve');
      for (let i = 0; i < 5; i++) h.must({ type: 'CompleteJob', jobKey: h.jobs()[0].jobKey });
    },
  },
  {
    name: 'nested-error-to-event-sub-process',
    fixture: 'events/nested-error',
    run: (h) => {
      h.must({ type: 'CreateInstance' });
      job(h, 'risky', { fail: true, reason: 'card' });
      task(h, 'handle');
    },
  },
  {
    name: 'inclusive-join-behind-exclusive-merge',
    fixture: 'gateways/inclusive-merge',
    run: (h) => {
      h.must({ type: 'CreateInstance' });
      for (const id of ['a', 'b', 'c']) job(h, id);
    },
  },
];

describe('golden event logs', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('given %s, when driven by its commands, then the log equals the golden log', async (_name, scenario) => {
    const h = new Harness(await load(scenario.fixture));
    scenario.run(h);
    const file = new URL(`${scenario.name}.events.json`, dir);
    const actual = `${JSON.stringify(JSON.parse(canonical(h.events)), null, 1)}\n`;
    if (UPDATE || !existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, actual);
    }
    const expected = readFileSync(file, 'utf8');
    expect(actual, `the log of ${scenario.name} drifted from fixtures/golden/${scenario.name}.events.json (UPDATE_GOLDEN=1 regenerates it)`).toBe(expected);
    for (const event of h.events) expect(EventSchema.safeParse(event).success, `${event.type} fits its schema`).toBe(true);
    expect(replay(h.events)).toEqual(h.state);
    expect(checkDeterminism(h.definition, h.recording)).toBeNull();
    expect(['completed', 'active']).toContain(h.state.status);
  });

  it('given the golden scenarios, then together they cover a dozen processes and end where they should', () => {
    expect(new Set(SCENARIOS.map((s) => s.fixture)).size).toBeGreaterThanOrEqual(12);
  });
});
