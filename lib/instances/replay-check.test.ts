/**
 * The replay check reads the commands back from a log and runs them through the engine: a log
 * the engine wrote is deterministic; a log changed by hand is reported at its first change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { Harness, type Event } from '@/lib/engine/core';
import { definitionOf } from '@/lib/engine/core/test-kit';
import { checkReplay } from './replay-check';

const fixture = async (name: string) =>
  definitionOf(await importBpmn(readFileSync(new URL(`../engine/core/fixtures/${name}.bpmn`, import.meta.url), 'utf8')));

describe('replay check', () => {
  it('given a log with tasks, jobs, timers, messages, suspension and cancellation, when checked, then it is deterministic', async () => {
    const definition = await fixture('instance/waits');
    const h = new Harness(definition);
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    h.must({ type: 'SuspendInstance', reason: 'look' });
    h.must({ type: 'SetVariables', variables: { fixed: true } });
    h.must({ type: 'ResumeInstance' });
    h.advance(1000);
    h.must({ type: 'FailJob', jobKey: h.job('work').jobKey, retries: 2, errorMessage: 'boom', retryBackoffMs: 500 });
    h.must({ type: 'CompleteUserTask', taskKey: h.task('review').taskKey, variables: { ok: true }, completedBy: 'u1' });
    h.must({ type: 'CorrelateMessage', messageName: 'paid', correlationKey: 'o-1', variables: { paid: 1 } });
    h.fireNextTimer();
    h.must({ type: 'CancelInstance', reason: 'done' });
    expect(checkReplay(h.events, () => definition, 'v1')).toEqual({ ok: true, commands: 9, events: h.events.length });
  });

  it('given a job that failed into an incident and was retried, when checked, then it is deterministic', async () => {
    const definition = await fixture('instance/waits');
    const h = new Harness(definition);
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    h.must({ type: 'FailJob', jobKey: h.job('work').jobKey, retries: 0, errorMessage: 'unreachable' });
    const incident = [...h.state.incidents.values()][0];
    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey, retries: 2 });
    h.must({ type: 'CompleteJob', jobKey: h.job('work').jobKey, variables: { done: true } });
    expect(checkReplay(h.events, () => definition, 'v1')).toMatchObject({ ok: true });
  });

  it('given a log whose recorded event was changed, when checked, then the first differing event is reported with its sequence number', async () => {
    const definition = await fixture('instance/waits');
    const h = new Harness(definition);
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    h.must({ type: 'CompleteUserTask', taskKey: h.task('review').taskKey });
    const log: Event[] = [...h.events];
    const index = log.findIndex((e) => e.type === 'FlowTaken' && e.flowId === 'j2');
    log[index] = { ...log[index], flowId: 'f6' } as Event;
    const result = checkReplay(log, () => definition, 'v1');
    expect(result).toMatchObject({ ok: false, seq: index + 1 });
    if (!result.ok) {
      expect(result.expected).toMatchObject({ type: 'FlowTaken', flowId: 'f6' });
      expect(result.actual).toMatchObject({ type: 'FlowTaken', flowId: 'j2' });
    }
  });
});
