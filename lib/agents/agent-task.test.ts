/**
 * Agent tasks end to end against the LLM stub (real HTTP, OpenAI-compatible) and a real tool
 * endpoint, on SQLite and PostgreSQL: the job worker runs the agent executor; assertions read
 * the instance's log (the decision record), its rows, and what the servers received.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/db/test-database';
import type { Db } from '@/lib/db/client';
import { SYSTEM_ACTOR } from '@/lib/models/actor';
import { ManualClock } from '@/lib/engine/runtime/clock';
import { executeCommands } from '@/lib/engine/runtime/execute-command';
import { createAgentExecutor } from '@/lib/engine/runtime/executors/agent';
import { runJobBatch } from '@/lib/engine/runtime/run-job-batch';
import { createRuntimeContext, type RuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { eventsOf, processXml, publishXml } from '@/lib/engine/runtime/test-support';
import { CountingServer } from '@/lib/engine/runtime/test-http-server';
import { APPROVAL_PROCESS_KEY } from './approval-process';
import { startLlmStub, type LlmStub, type StubScript } from './llm-stub/stub-server';
import { saveProvider } from './providers';
import { createTool } from './tool-registry';

const ANSWER = JSON.stringify({ risk: 'low', reason: 'fine' });

const SCRIPTS: Record<string, StubScript> = {
  'one-tool': [{ call: [{ name: 'customer_history', arguments: { customerId: 'c-1' } }] }, { say: ANSWER }],
  'refused-tool': [{ call: [{ name: 'payroll', arguments: { employee: 'e-7' } }] }, { say: ANSWER }],
  'scoped-tool': [{ call: [{ name: 'scoped_lookup', arguments: { customerId: 'c-9', ssn: '123-45-6789', salary: 99000 } }] }, { say: ANSWER }],
  'held-tool': [{ call: [{ name: 'refund', arguments: { orderId: 'o-5', amount: 40 } }] }, { say: ANSWER }],
  'endless-tools': () => ({ call: [{ name: 'customer_history', arguments: { customerId: 'again' } }] }),
  'malformed-answer': [{ say: 'I think it is fine.' }, { say: '{"risk":"purple"}' }],
  'fixed-answer': [{ say: 'I think it is fine.' }, { say: ANSWER }],
  'slow-provider': [{ say: ANSWER, delayMs: 3_000 }],
};

function agentProcess(id: string, model: string, tools: string[], extra = '', timeout = 'PT10S'): string {
  return processXml(
    id,
    `<bpmn:startEvent id="start"/>
     <bpmn:serviceTask id="assess" name="Assess"><bpmn:extensionElements>
       <baton:agent provider="test-stub" model="${model}" resultVariable="assessment" escalationErrorCode="AGENT_ESCALATION">
         <baton:systemPrompt>You assess customers.</baton:systemPrompt>
         <baton:goal>="Assess customer " + customerId</baton:goal>
         ${tools.map((t) => `<baton:tool name="${t}"/>`).join('')}
         <baton:actsAs groups="analyst"/>
         ${extra}
         <baton:answerSchema>{"type":"object","required":["risk","reason"],"properties":{"risk":{"enum":["low","high"]},"reason":{"type":"string"}}}</baton:answerSchema>
       </baton:agent>
       <baton:taskDefinition type="agent" timeout="${timeout}"/>
       <baton:retry attempts="2" initialBackoff="PT1S" factor="1" jitter="0"/>
     </bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:boundaryEvent id="escalated" attachedToRef="assess"><bpmn:errorEventDefinition errorRef="agent_error"/></bpmn:boundaryEvent>
     <bpmn:endEvent id="done"/>
     <bpmn:endEvent id="handled"/>
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="assess"/>
     <bpmn:sequenceFlow id="f2" sourceRef="assess" targetRef="done"/>
     <bpmn:sequenceFlow id="f3" sourceRef="escalated" targetRef="handled"/>`,
  ).replace('</bpmn:definitions>', '  <bpmn:error id="agent_error" errorCode="AGENT_ESCALATION"/>\n</bpmn:definitions>');
}

type Record_ = Record<string, unknown>;

async function recordOf(db: Db, instanceId: string): Promise<Record_[]> {
  return (await eventsOf(db, instanceId)).flatMap(({ event }) => (event.type === 'AgentStepRecorded' ? [event.record as Record_] : []));
}

async function statusOf(db: Db, instanceId: string): Promise<{ status: string; variables: Record_; completedAt: string[] }> {
  const row = await db.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
  const snapshot = JSON.parse(row.snapshot) as { variables: [string, Record_][] };
  const ended = (await eventsOf(db, instanceId)).flatMap(({ event }) => (event.type === 'ElementCompleted' ? [event.elementId] : []));
  return { status: row.status, variables: snapshot.variables[0]?.[1] ?? {}, completedAt: ended };
}

describeEachDatabase('agent tasks against the LLM stub', (database) => {
  const toolServer = new CountingServer();
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  let stub: LlmStub;
  let rt: RuntimeContext;
  const keys: Record<string, string> = {};
  const worker = () => ({ owner: 'agent-worker', executors: { agent: createAgentExecutor({ rt: () => rt, pollMs: 25 }) }, batchSize: 5, defaultTimeoutMs: 10_000, random: () => 0.5 });

  beforeAll(async () => {
    await toolServer.start();
    stub = await startLlmStub({ scripts: SCRIPTS });
    rt = createRuntimeContext({ db: database.db, clock });
    const db = database.db;
    await saveProvider({ db, actor: SYSTEM_ACTOR, input: { name: 'test-stub', kind: 'openai-compatible', baseUrl: `${stub.url}/v1`, defaultModel: 'one-tool', apiKey: 'sk-test-123', inputPricePerMTok: 1, outputPricePerMTok: 2 } });
    const http = (path: string) => ({ kind: 'http', method: 'POST', url: `${toolServer.url}${path}` });
    const schema = (props: Record<string, unknown>) => ({ type: 'object', properties: props });
    await createTool({ db, actor: SYSTEM_ACTOR, input: { name: 'customer_history', description: 'Past orders of a customer', inputSchema: schema({ customerId: { type: 'string' } }), implementation: http('/history'), guardrails: { allowedRoles: ['analyst'] } } });
    await createTool({ db, actor: SYSTEM_ACTOR, input: { name: 'payroll', description: 'Salaries', inputSchema: schema({ employee: { type: 'string' } }), implementation: http('/payroll'), guardrails: { allowedRoles: ['finance'] } } });
    await createTool({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: 'scoped_lookup', description: 'Customer lookup', inputSchema: schema({ customerId: { type: 'string' }, ssn: { type: 'string' }, salary: { type: 'number' } }), implementation: http('/scoped'), guardrails: { dataScope: ['customerId', 'region'] } },
    });
    await createTool({ db, actor: SYSTEM_ACTOR, input: { name: 'refund', description: 'Refund an order', inputSchema: schema({ orderId: { type: 'string' }, amount: { type: 'number' } }), implementation: http('/refund'), guardrails: { needsApproval: true, approverGroups: ['finance'] } } });
    for (const [model, tools, extra, timeout] of [
      ['one-tool', ['customer_history'], '', undefined],
      ['refused-tool', ['payroll'], '', undefined],
      ['scoped-tool', ['scoped_lookup'], '', undefined],
      ['held-tool', ['refund'], '', undefined],
      ['endless-tools', ['customer_history'], '<baton:limits maxModelCalls="50" maxToolCalls="3"/>', undefined],
      ['malformed-answer', [], '', undefined],
      ['fixed-answer', [], '', undefined],
      ['slow-provider', [], '', 'PT1S'],
    ] as const) {
      keys[model] = (await publishXml(db, agentProcess(`agent_${model.replace(/-/g, '_')}`, model, [...tools], extra, timeout))).modelKey;
    }
  });
  afterAll(async () => {
    await toolServer.stop();
    await stub.stop();
  });

  it('given a scripted tool call with arguments, when the job runs, then the tool receives them, the answer lands in the result variable, and every call is in the decision record', async () => {
    const { instanceId } = await startInstance(rt, { processKey: keys['one-tool'], variables: { customerId: 'c-1' } });
    expect(await runJobBatch(rt, worker())).toBe(1);

    const call = toolServer.calls.find((c) => c.path === '/history' && JSON.parse(c.body).customerId === 'c-1');
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ customerId: 'c-1' });
    const state = await statusOf(database.db, instanceId);
    expect(state.status).toBe('completed');
    expect(state.variables.assessment).toEqual({ risk: 'low', reason: 'fine' });

    const record = await recordOf(database.db, instanceId);
    expect(record.map((r) => `${r.kind}:${r.decision ?? r.outcome}`)).toEqual(['model-call:call-tools', 'tool-call:success', 'model-call:answer', 'outcome:completed']);
    const first = record[0];
    expect(first).toMatchObject({ agent: 'assess', processKey: keys['one-tool'], processVersion: 1, provider: 'test-stub', model: 'one-tool', toolCalls: ['customer_history'] });
    expect(first.promptHash).toMatch(/^[0-9a-f]{16}$/);
    expect(first.tokensIn).toBeGreaterThan(0);
    expect(first.cost).toBeGreaterThan(0);
    expect(new Set(record.map((r) => r.traceId)).size).toBe(1);
    expect(record[1]).toMatchObject({ tool: 'customer_history', arguments: { customerId: 'c-1' }, success: true });
    // The key was opened for the call, and is stored sealed.
    expect(stub.requests.at(-1)?.headers.authorization).toBe('Bearer sk-test-123');
    const row = await database.db.agentProvider.findUniqueOrThrow({ where: { name: 'test-stub' } });
    expect(row.encryptedKey).not.toContain('sk-test-123');
  });

  it('given a tool whose allowed roles the agent does not hold, when the model calls it, then it never runs, the refusal is recorded and returned to the model, and the task escalates with its BPMN error', async () => {
    const before = toolServer.calls.filter((c) => c.path === '/payroll').length;
    const { instanceId } = await startInstance(rt, { processKey: keys['refused-tool'], variables: { customerId: 'c-2' } });
    await runJobBatch(rt, worker());

    expect(toolServer.calls.filter((c) => c.path === '/payroll').length).toBe(before);
    const record = await recordOf(database.db, instanceId);
    expect(record.find((r) => r.kind === 'tool-call')).toMatchObject({ tool: 'payroll', outcome: 'refused', success: false });
    expect(String(record.find((r) => r.kind === 'tool-call')?.reason)).toMatch(/finance/);
    expect(record.at(-1)).toMatchObject({ kind: 'outcome', decision: 'escalated', errorCode: 'AGENT_ESCALATION' });
    const state = await statusOf(database.db, instanceId);
    expect(state.status).toBe('completed');
    expect(state.completedAt).toContain('handled');
  });

  it('given a data scope, when the model passes more than the scope, then the tool endpoint never receives the removed values', async () => {
    const { instanceId } = await startInstance(rt, { processKey: keys['scoped-tool'], variables: { customerId: 'c-9', region: 'EU', iban: 'DE0012345' } });
    await runJobBatch(rt, worker());

    const calls = toolServer.calls.filter((c) => c.path === '/scoped');
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0].body)).toEqual({ customerId: 'c-9', region: 'EU' });
    expect(calls[0].body).not.toContain('123-45-6789');
    expect(calls[0].body).not.toContain('99000');
    expect(calls[0].body).not.toContain('DE0012345');
    const record = await recordOf(database.db, instanceId);
    const toolEntry = record.find((r) => r.kind === 'tool-call');
    expect(toolEntry).toMatchObject({ arguments: { customerId: 'c-9', region: 'EU' }, removed: ['ssn', 'salary'] });
    expect(JSON.stringify(record)).not.toContain('123-45-6789');
    expect((await statusOf(database.db, instanceId)).status).toBe('completed');
  });

  it('given a tool that needs approval, when the model calls it, then it is held as an inbox task for the approver group, and runs after a person approves', async () => {
    const { instanceId } = await startInstance(rt, { processKey: keys['held-tool'], variables: { customerId: 'c-5' } });
    const batch = runJobBatch(rt, worker());

    let task: { id: string; instanceId: string } | null = null;
    for (let i = 0; i < 200 && task === null; i++) {
      task = await database.db.userTask.findFirst({ where: { processKey: APPROVAL_PROCESS_KEY, status: 'created' }, select: { id: true, instanceId: true } });
      if (task === null) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(task).not.toBeNull();
    const candidates = await database.db.userTaskCandidate.findMany({ where: { taskId: task!.id } });
    expect(candidates).toEqual([expect.objectContaining({ kind: 'group', value: 'finance' })]);
    expect(toolServer.calls.filter((c) => c.path === '/refund')).toHaveLength(0);

    const [answer] = await executeCommands(rt, [{ instanceId: task!.instanceId, command: { type: 'CompleteUserTask', taskKey: task!.id, variables: { decision: 'approve', comment: 'ok' }, completedBy: 'finance-user' } }]);
    expect(answer.ok).toBe(true);
    await batch;

    expect(toolServer.calls.filter((c) => c.path === '/refund').map((c) => JSON.parse(c.body))).toEqual([{ orderId: 'o-5', amount: 40 }]);
    const record = await recordOf(database.db, instanceId);
    expect(record.filter((r) => r.kind === 'tool-call').map((r) => r.outcome)).toEqual(['held', 'approved', 'success']);
    expect((await statusOf(database.db, instanceId)).status).toBe('completed');
  });

  it('given a model that keeps asking for tools, when the tool-call budget is spent, then the loop stops and escalates', async () => {
    const { instanceId } = await startInstance(rt, { processKey: keys['endless-tools'], variables: { customerId: 'c-3' } });
    await runJobBatch(rt, worker());

    const record = await recordOf(database.db, instanceId);
    expect(record.filter((r) => r.kind === 'tool-call')).toHaveLength(3);
    expect(record.at(-1)).toMatchObject({ kind: 'outcome', decision: 'escalated', toolCalls: 3 });
    expect(String(record.at(-1)?.reason)).toMatch(/maxToolCalls 3/);
    expect((await statusOf(database.db, instanceId)).completedAt).toContain('handled');
  });

  it('given an answer that does not fit the schema, then it is sent back once with the problem; a second unfit answer escalates, a fitting one completes', async () => {
    const { instanceId } = await startInstance(rt, { processKey: keys['malformed-answer'], variables: { customerId: 'c-4' } });
    await runJobBatch(rt, worker());
    const record = await recordOf(database.db, instanceId);
    expect(record.filter((r) => r.kind === 'model-call').map((r) => r.decision)).toEqual(['answer-rejected', 'answer-rejected']);
    expect(record.at(-1)).toMatchObject({ decision: 'escalated' });
    const correction = stub.requests.filter((r) => (r.body as { model?: string }).model === 'malformed-answer').at(-1);
    expect(JSON.stringify(correction?.body)).toMatch(/does not fit the required JSON schema/);
    expect((await statusOf(database.db, instanceId)).completedAt).toContain('handled');

    const fixed = await startInstance(rt, { processKey: keys['fixed-answer'], variables: { customerId: 'c-4' } });
    await runJobBatch(rt, worker());
    expect(await statusOf(database.db, fixed.instanceId)).toMatchObject({ status: 'completed', variables: { assessment: { risk: 'low', reason: 'fine' } } });
  });

  it('given a provider slower than the task timeout, then the attempt fails, is retried after the backoff, and the last failure raises an incident', async () => {
    const { instanceId } = await startInstance(rt, { processKey: keys['slow-provider'], variables: { customerId: 'c-6' } });
    expect(await runJobBatch(rt, worker())).toBe(1);
    let job = await database.db.job.findFirstOrThrow({ where: { instanceId } });
    expect(job).toMatchObject({ retriesLeft: 1, attempt: 2 });
    expect(job.lastError).toMatch(/timed out after 1000 ms/);

    // The aborted attempt records its failed model call as it unwinds (it holds the instance row
    // briefly; a claim meanwhile skips the instance on PostgreSQL): wait for it before the retry.
    const modelErrors = async () => (await recordOf(database.db, instanceId)).filter((r) => r.kind === 'model-call' && r.decision === 'error').length;
    await expect.poll(modelErrors).toBe(1);
    clock.set(clock.now() + 1_000);
    expect(await runJobBatch(rt, worker())).toBe(1);
    job = await database.db.job.findFirstOrThrow({ where: { instanceId } });
    expect(job.retriesLeft).toBe(0);
    const incident = await database.db.incident.findFirstOrThrow({ where: { instanceId } });
    expect(incident.message).toMatch(/timed out/);
    await expect.poll(modelErrors).toBe(2);
  });
});
