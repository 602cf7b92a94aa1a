import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { Harness } from '../harness';
import { replay } from '../replay';
import { definitionOf, elementsOf, trace } from '../test-kit';

const fixture = async (name: string) =>
  definitionOf(await importBpmn(readFileSync(new URL(`../fixtures/tasks/${name}.bpmn`, import.meta.url), 'utf8')));

describe('tasks and manual tasks', () => {
  it('given a task and a manual task, when an instance starts, then the token passes through both and the instance completes', async () => {
    const h = new Harness(await fixture('pass-through'));
    h.must({ type: 'CreateInstance' });
    expect(elementsOf(h.events, 'ElementCompleted')).toEqual(['start', 'task', 'manual', 'end']);
    expect(h.state.status).toBe('completed');
    expect(trace(h.events, ['FlowTaken'])).toEqual(['FlowTaken:f1', 'FlowTaken:f2', 'FlowTaken:f3']);
  });
});

describe('script task', () => {
  it('given a FEEL script, when it runs, then its result is in the result variable', async () => {
    const h = new Harness(await fixture('script-task'));
    h.must({ type: 'CreateInstance', variables: { ok: false, a: 2, b: 40 } });
    expect(h.state.status).toBe('completed');
    expect(h.variables.total).toBe(42);
  });

  it('given a script that fails, when it runs, then an incident is raised on the task; when variables are fixed and the incident resolved, then it runs again', async () => {
    const h = new Harness(await fixture('script-task'));
    h.must({ type: 'CreateInstance', variables: { ok: true, a: 2, b: 40 } });
    const [incident] = [...h.state.incidents.values()];
    expect(incident).toMatchObject({ elementId: 'sum', kind: 'expression', retry: 'activate' });
    expect(incident.message).toMatch(/not JSON/);
    expect(h.active()).toEqual(['sum']);

    h.must({ type: 'SetVariables', variables: { ok: false } });
    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey });
    expect(h.state.incidents.size).toBe(0);
    expect(h.variables.total).toBe(42);
    expect(h.state.status).toBe('completed');
  });
});

describe('service task (jobs)', () => {
  it('given a service task, when it is reached, then a job of its type is created with the visible variables and settings', async () => {
    const h = new Harness(await fixture('service-task'));
    const events = h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const created = events.find((e) => e.type === 'JobCreated');
    expect(created).toMatchObject({ type: 'JobCreated', v: 1, elementId: 'charge', jobType: 'payment', retries: 3, variables: { orderId: 'o-1' } });
    expect(h.jobs()).toHaveLength(1);
    expect(h.state.status).toBe('active');
  });

  it('given an open job, when it is completed with variables, then they are process variables and the instance goes on', async () => {
    const h = new Harness(await fixture('service-task'));
    h.must({ type: 'CreateInstance' });
    const job = h.job('charge');
    h.must({ type: 'CompleteJob', jobKey: job.jobKey, variables: { receipt: 'r-9' } });
    expect(h.variables).toEqual({ receipt: 'r-9' });
    expect(h.state.status).toBe('completed');
    expect(h.state.jobs.size).toBe(0);
  });

  it('given an open job, when it fails with retries left and a backoff, then it stays open with a retry time; with no retries left, then an incident is raised; when resolved, then the job can run again', async () => {
    const h = new Harness(await fixture('service-task'));
    h.must({ type: 'CreateInstance' });
    const { jobKey } = h.job('charge');
    const failed = h.must({ type: 'FailJob', jobKey, retries: 2, errorMessage: 'card declined', retryBackoffMs: 5000 });
    expect(failed).toMatchObject([{ type: 'JobFailed', retries: 2, retryAt: '2026-01-01T00:00:05.000Z' }]);
    expect(h.state.jobs.get(jobKey)).toMatchObject({ retries: 2, attempt: 2, status: 'activatable' });

    h.must({ type: 'FailJob', jobKey, retries: 0, errorMessage: 'card declined' });
    const [incident] = [...h.state.incidents.values()];
    expect(incident).toMatchObject({ kind: 'jobNoRetries', elementId: 'charge', jobKey, retry: 'job' });
    expect(h.state.jobs.get(jobKey)?.status).toBe('failed');

    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey, retries: 2 });
    expect(h.state.jobs.get(jobKey)).toMatchObject({ status: 'activatable', retries: 2 });
    h.must({ type: 'CompleteJob', jobKey });
    expect(h.state.status).toBe('completed');
  });

  it('given a BPMN error thrown by a job and no catch, when it is thrown, then an incident is raised (not an exception); resolving it creates a new job', async () => {
    const h = new Harness(await fixture('service-task'));
    h.must({ type: 'CreateInstance' });
    h.must({ type: 'ThrowJobError', jobKey: h.job('charge').jobKey, errorCode: 'DECLINED', errorMessage: 'no funds' });
    const [incident] = [...h.state.incidents.values()];
    expect(incident).toMatchObject({ kind: 'unhandledError', elementId: 'charge' });
    expect(h.jobs()).toHaveLength(0);
    h.must({ type: 'ResolveIncident', incidentKey: incident.incidentKey });
    expect(h.jobs('payment')).toHaveLength(1);
  });

  it('given commands for jobs that are not open, when sent, then they are rejected with JOB_NOT_FOUND and change nothing', async () => {
    const h = new Harness(await fixture('service-task'));
    h.must({ type: 'CreateInstance' });
    expect(h.send({ type: 'CompleteJob', jobKey: 'nope' })).toMatchObject({ ok: false, code: 'JOB_NOT_FOUND' });
    const { jobKey } = h.job('charge');
    h.must({ type: 'CompleteJob', jobKey });
    const before = h.events.length;
    expect(h.send({ type: 'CompleteJob', jobKey })).toMatchObject({ ok: false, code: 'INSTANCE_NOT_ACTIVE' });
    expect(h.events).toHaveLength(before);
  });

  it('given the only token, waiting on a job, when it is withdrawn by modification, then the job is cancelled, the instance is cancelled (not completed) and the job can no longer be answered', async () => {
    const h = new Harness(await fixture('service-task'));
    h.must({ type: 'CreateInstance' });
    const job = h.job('charge');
    const events = h.must({ type: 'TerminateElement', elementInstanceKey: job.elementInstanceKey });
    expect(trace(events)).toEqual(['JobCancelled', 'ElementTerminated:charge', 'InstanceCancelled']);
    expect(h.send({ type: 'FailJob', jobKey: job.jobKey, retries: 1 })).toMatchObject({ ok: false, code: 'INSTANCE_NOT_ACTIVE' });
  });
});

describe('send, business rule and agent tasks', () => {
  it('given a send task, a business rule task and an agent task, when reached, then each creates a job of its type (agent tasks: `agent`, with the agent settings)', async () => {
    const h = new Harness(await fixture('job-tasks'));
    h.must({ type: 'CreateInstance' });
    expect(h.job('mail').jobType).toBe('mail');
    h.must({ type: 'CompleteJob', jobKey: h.job('mail').jobKey });
    expect(h.job('rules').jobType).toBe('rules');
    h.must({ type: 'CompleteJob', jobKey: h.job('rules').jobKey, variables: { priority: 'high' } });
    const agentJob = h.events.find((e) => e.type === 'JobCreated' && e.elementId === 'agent');
    expect(agentJob).toMatchObject({ jobType: 'agent', settings: { agent: { provider: 'openai', model: 'gpt-4o', goal: 'Sort the ticket' } }, variables: { priority: 'high' } });
    h.must({ type: 'CompleteJob', jobKey: h.job('agent').jobKey, variables: { answer: 'billing' } });
    expect(h.state.status).toBe('completed');
    expect(replay(h.events)).toEqual(h.state);
  });
});

describe('receive task', () => {
  it('given a receive task with a correlation key, when reached, then a subscription for the message and key is opened', async () => {
    const h = new Harness(await fixture('receive-task'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-7' } });
    expect([...h.state.subscriptions.values()]).toMatchObject([{ kind: 'message', name: 'paid', correlationKey: 'o-7', elementId: 'wait' }]);
  });

  it('given a waiting receive task, when a message with another key comes, then it is rejected; when the right one comes, then its variables are set and the task completes', async () => {
    const h = new Harness(await fixture('receive-task'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-7' } });
    expect(h.send({ type: 'CorrelateMessage', messageName: 'paid', correlationKey: 'o-8' })).toMatchObject({ ok: false, code: 'NO_MATCHING_SUBSCRIPTION' });
    const events = h.must({ type: 'CorrelateMessage', messageName: 'paid', correlationKey: 'o-7', variables: { amount: 12 } });
    expect(trace(events, ['MessageCorrelated', 'MessageSubscriptionClosed', 'ElementCompleted'])).toEqual([
      'MessageCorrelated:wait',
      'MessageSubscriptionClosed',
      'ElementCompleted:wait',
      'ElementCompleted:end',
    ]);
    expect(h.variables).toEqual({ orderId: 'o-7', amount: 12 });
    expect(h.state.status).toBe('completed');
  });
});
