/**
 * Offline operation: on a freshly seeded database with no keys, the seeded agent example runs
 * with the provider `llm-stub` (the scripted stub, started in-process over real HTTP).
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from '@/lib/engine/runtime/clock';
import { createAgentExecutor } from '@/lib/engine/runtime/executors/agent';
import { runJobBatch } from '@/lib/engine/runtime/run-job-batch';
import { createRuntimeContext, type RuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { eventsOf } from '@/lib/engine/runtime/test-support';
import { runSeed } from '@/prisma/seed/run-seed';

describeEachDatabase('the seeded agent example, offline', (database) => {
  let rt: RuntimeContext;
  const worker = () => ({ owner: 'seed-worker', executors: { agent: createAgentExecutor({ rt: () => rt }) }, batchSize: 5, defaultTimeoutMs: 10_000 });

  beforeAll(async () => {
    await runSeed(database.db, { credentials: { demoPasswords: false, production: false } });
    rt = createRuntimeContext({ db: database.db, clock: new ManualClock(Date.UTC(2026, 0, 1)) });
  });

  it('given a small request, when the agent runs on the LLM stub, then it calls both seeded tools and the request is auto-approved', async () => {
    const { instanceId } = await startInstance(rt, { processKey: 'agent-approval', variables: { requester: 'fiona', amount: 300, purpose: 'team lunch' } });
    expect(await runJobBatch(rt, worker())).toBe(1);

    const events = (await eventsOf(database.db, instanceId)).map(({ event }) => event);
    const records = events.flatMap((e) => (e.type === 'AgentStepRecorded' ? [e.record] : []));
    expect(records.filter((r) => r.kind === 'tool-call').map((r) => [r.tool, r.outcome, r.arguments])).toEqual([
      ['lookup_policy', 'success', { category: 'spending' }],
      ['customer_history', 'success', { requester: 'fiona' }],
    ]);
    expect(records.find((r) => r.kind === 'model-call')).toMatchObject({ provider: 'llm-stub', model: 'scripted-approval' });
    expect(events.some((e) => e.type === 'ElementCompleted' && e.elementId === 'auto_approved')).toBe(true);
  });

  it('given a large request, then the stub recommends rejection and the request goes to the compliance inbox', async () => {
    const { instanceId } = await startInstance(rt, { processKey: 'agent-approval', variables: { requester: 'fiona', amount: 5000, purpose: 'new laptops' } });
    await runJobBatch(rt, worker());
    const task = await database.db.userTask.findFirstOrThrow({ where: { instanceId } });
    expect(task.elementId).toBe('approve_request');
  });
});

describeEachDatabase('the seeded ad-hoc example: an agent plans the sub-process', (database) => {
  let rt: RuntimeContext;
  const worker = () => ({ owner: 'ad-hoc-worker', executors: { agent: createAgentExecutor({ rt: () => rt, pollMs: 25 }) }, batchSize: 5, defaultTimeoutMs: 10_000 });

  beforeAll(async () => {
    await runSeed(database.db, { credentials: { demoPasswords: false, production: false } });
    rt = createRuntimeContext({ db: database.db, clock: new ManualClock(Date.UTC(2026, 0, 1)) });
  });

  it('given an EU customer, when the agent plans the checks, then the engine runs two of the three activities and the sub-process completes when the agent says it is done', async () => {
    const { instanceId } = await startInstance(rt, { processKey: 'agent-ad-hoc-checks', variables: { customer: 'Ada', segment: 'EU retail' } });
    expect(await runJobBatch(rt, worker())).toBe(1);

    const events = (await eventsOf(database.db, instanceId)).map(({ event }) => event);
    const completed = events.flatMap((e) => (e.type === 'ElementCompleted' ? [e.elementId] : []));
    expect(completed.filter((id) => ['verify_identity', 'check_credit', 'screen_sanctions'].includes(id)), JSON.stringify(events.map((e) => [e.type, 'elementId' in e ? e.elementId : '', e.type === 'AgentStepRecorded' ? [e.record.kind, e.record.decision, e.record.reason] : e.type === 'JobFailed' ? e.errorMessage : '']))).toEqual(['verify_identity', 'check_credit']);
    expect(events.some((e) => e.type === 'ElementActivated' && e.elementId === 'screen_sanctions')).toBe(false);
    expect(completed).toContain('checks');
    const row = await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(row.status).toBe('completed');
    const variables = JSON.parse(row.snapshot).variables[0][1];
    expect(variables).toMatchObject({ identity: 'verified', creditScore: 720, checksSummary: { done: true, ran: ['verify_identity', 'check_credit'] } });
    expect(variables.sanctions).toBeUndefined();
    const records = events.flatMap((e) => (e.type === 'AgentStepRecorded' ? [e.record] : []));
    expect(records.filter((r) => r.kind === 'tool-call').map((r) => r.tool)).toEqual(['verify_identity', 'check_credit']);
  });
});
