import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { Harness, type Event } from '@/lib/engine/core';
import { definitionOf } from '@/lib/engine/core/test-kit';
import { reportToCsv, type InstanceReport } from './report';
import { actorOf, filterTimeline, shapeTimeline, variableHistory } from './timeline';

const fixture = async (name: string) =>
  definitionOf(await importBpmn(readFileSync(new URL(`../engine/core/fixtures/${name}.bpmn`, import.meta.url), 'utf8')));

const stored = (events: readonly Event[], actor: (e: Event) => string | null = () => 'system') => events.map((event, i) => ({ seq: i + 1, at: event.at, actor: actor(event), event }));

describe('shapeTimeline', () => {
  it('given variable changes, job failures and a person completing a task, then entries carry a diff, attempts and the actor', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1', amount: 5 } });
    h.must({ type: 'FailJob', jobKey: h.job('work').jobKey, retries: 1, errorMessage: 'HTTP 500' });
    h.must({ type: 'SetVariables', variables: { amount: 7, note: 'fixed' } });
    h.must({ type: 'CompleteUserTask', taskKey: h.task('review').taskKey, completedBy: 'u1' });
    const entries = shapeTimeline(stored(h.events, (e) => (e.type === 'UserTaskCompleted' ? 'person:u1' : 'system')), { actors: { 'person:u1': 'Fiona Finance' } });

    const set = entries.find((e) => e.type === 'VariablesSet' && e.changes?.some((c) => c.name === 'note'));
    expect(set?.changes).toEqual([
      { name: 'amount', scope: 'process', before: 5, after: 7, kind: 'changed' },
      { name: 'note', scope: 'process', before: undefined, after: 'fixed', kind: 'added' },
    ]);
    const failed = entries.find((e) => e.type === 'JobFailed');
    expect(failed).toMatchObject({ elementId: 'work', job: { attempt: 1, retriesLeft: 1, error: 'HTTP 500' }, summary: 'Attempt 1 failed: HTTP 500 (1 retries left)' });
    const completed = entries.find((e) => e.type === 'UserTaskCompleted');
    expect(completed?.actor).toEqual({ kind: 'person', id: 'u1', label: 'Fiona Finance' });

    expect(filterTimeline(entries, { actor: 'Fiona Finance' }).map((e) => e.type)).toEqual(['UserTaskCompleted']);
    expect(filterTimeline(entries, { elementId: 'work', type: 'job' }).map((e) => e.type)).toEqual(['JobCreated', 'JobFailed']);
    expect(filterTimeline(entries, { q: 'http 500' }).map((e) => e.type)).toEqual(['JobFailed']);

    expect(variableHistory(entries).amount.map((v) => v.value)).toEqual([5, 7]);
  });

  it('given an agent step record, then the model, tokens, latency, tool calls, decision and reason are shown', () => {
    const event = { type: 'AgentStepRecorded', v: 1, at: '2026-01-01T00:00:00.000Z', jobKey: 'j', elementInstanceKey: 'e', elementId: 'triage', record: { model: 'gpt-x', usage: { inputTokens: 10, outputTokens: 5 }, latencyMs: 420, toolCalls: [{ name: 'lookup' }], decision: 'approve', reason: 'low risk' } } as unknown as Event;
    const [entry] = shapeTimeline([{ seq: 1, at: event.at, actor: 'agent:triage', event }]);
    expect(entry.agent).toMatchObject({ model: 'gpt-x', tokens: 15, latencyMs: 420, toolCalls: ['lookup'], decision: 'approve', reason: 'low risk' });
    expect(entry.actor).toMatchObject({ kind: 'agent', label: 'agent triage' });
  });

  it('given actors of each kind, then each is named', () => {
    expect(actorOf('token:t1').label).toBe('API token t1');
    expect(actorOf(null)).toEqual({ kind: 'system', id: 'system', label: 'system' });
  });
});

describe('reportToCsv', () => {
  it('given events with commas, quotes and newlines, then every row has the columns and values are quoted', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1', note: 'a, "quoted"\nline' } });
    const events = shapeTimeline(stored(h.events)).map((e, i) => ({ ...e, payload: h.events[i] }));
    const report = { events } as unknown as InstanceReport;
    const csv = reportToCsv(report);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,type,category,actor,actor_kind,element,summary,variable_changes,job_error,payload');
    expect(lines[1]).toMatch(/^1,2026-01-01T00:00:00.000Z,InstanceCreated,instance,system,system,start,/);
    expect(csv).toContain('""quoted\\""');
  });
});
