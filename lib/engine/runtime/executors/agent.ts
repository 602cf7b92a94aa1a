/**
 * `agent`: the executor of agent tasks (a service task with Baton's agent settings). It runs
 * the planning loop of lib/agents/run-agent.ts as one job attempt.
 *
 * Contract
 * - The provider is the one the task names (lib/agents/providers.ts). An unknown provider, bad
 *   settings or a template that cannot render fail the attempt with a message naming it (the
 *   runtime retries, then raises an incident). Provider errors and the job's timeout (the abort
 *   signal reaches the model call) fail the attempt the same way.
 * - The decision record goes into the instance's log as it happens: `RecordAgentSteps`
 *   commands (AgentStepRecorded events), actor `agent:<element id>`. Unlike the other
 *   executors this one writes to the instance, because the record must survive a failed attempt.
 * - Tools: `http` reuses the http connector (./http.ts) with the scoped input as variables
 *   (`input` and each scoped name), the idempotency key `<job key>/<tool call id>`, and a POST
 *   body of `input` when the tool names none; `stub:/...` URLs go to the in-process LLM stub.
 *   `process` starts the latest version of the named process with the input and waits for it to
 *   end. `approval` and held calls start the built-in approval process (an inbox task) and wait
 *   for the decision (lib/agents/approval-process.ts).
 * - On an ad-hoc sub-process the inner activities are tools as well (./agent-ad-hoc.ts); the
 *   final answer completes the sub-process.
 * - The answer goes to `resultVariable` (default `agentResult`). An escalation throws the
 *   task's BPMN error code with the reason as message.
 */
import { randomUUID } from 'node:crypto';
import { AgentSettingsSchema, type JsonValue } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';
import { APPROVAL_PROCESS_KEY, approvalBusinessKey, ensureApprovalProcess } from '@/lib/agents/approval-process';
import { recordOf, type RecordContext, type RecordEntry } from '@/lib/agents/decision-record';
import { resolveStubUrl } from '@/lib/agents/llm-stub/in-process';
import { resolveProvider } from '@/lib/agents/providers';
import { AgentSetupError, runAgent, type ApprovalDecision, type ToolRunResult } from '@/lib/agents/run-agent';
import type { ToolDefinition } from '@/lib/agents/tool-definition';
import { toolsByName } from '@/lib/agents/tool-registry';
import { executeCommands } from '../execute-command';
import type { RuntimeContext } from '../runtime-context';
import { startInstance } from '../start-instance';
import { AD_HOC_TOOL_PREFIX, adHocOf, adHocToolsOf, runAdHocActivity } from './agent-ad-hoc';
import { createHttpExecutor } from './http';
import type { JobExecution, JobExecutor, JobOutcome } from './types';

export type AgentExecutorOptions = {
  /** The runtime context to record and start instances with (default: this process's, lazily). */
  rt?: () => RuntimeContext;
  /** How often a wait for a called process or an approval looks again (ms). */
  pollMs?: number;
};

async function defaultRt(): Promise<RuntimeContext> {
  const [{ runtimeContextFor }, { getDb }] = await Promise.all([import('../server-runtime'), import('@/lib/db/client')]);
  return runtimeContextFor(getDb());
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('aborted'))), { once: true });
  });
}

/** Waits for the instance to end; its root variables when it completed. */
async function waitForInstance(db: Db, instanceId: string, signal: AbortSignal, pollMs: number): Promise<{ status: string; variables: Record<string, JsonValue> }> {
  for (;;) {
    const row = await db.processInstance.findUnique({ where: { id: instanceId }, select: { status: true, snapshot: true } });
    if (row === null) return { status: 'deleted', variables: {} };
    if (row.status === 'completed' || row.status === 'cancelled') {
      const snapshot = JSON.parse(row.snapshot) as { variables?: [string, Record<string, JsonValue>][] };
      return { status: row.status, variables: snapshot.variables?.[0]?.[1] ?? {} };
    }
    await sleep(pollMs, signal);
  }
}

export function createAgentExecutor(options: AgentExecutorOptions = {}): JobExecutor {
  const http = createHttpExecutor();
  const pollMs = options.pollMs ?? 300;
  return async (job: JobExecution): Promise<JobOutcome> => {
    const parsed = AgentSettingsSchema.safeParse(job.settings.agent);
    if (!parsed.success) return { kind: 'fail', message: `agent: the task has no valid agent settings (${parsed.error.issues[0]?.message ?? 'invalid'})` };
    let settings = parsed.data;
    const rt = options.rt ? options.rt() : await defaultRt();
    const db = rt.db;
    if (settings.provider === undefined) return { kind: 'fail', message: `agent: task ${job.elementId} names no provider` };
    const provider = await resolveProvider(db, settings.provider);
    if (provider === undefined) return { kind: 'fail', message: `agent: no provider is named "${settings.provider}" (configure it under Admin → Providers)` };
    const { model, modelName } = provider.model(settings.model);
    const instance = await db.processInstance.findUnique({ where: { id: job.instanceId }, select: { processKey: true, version: { select: { number: true } } } });
    const tools = await toolsByName(db, settings.tools);
    // An agent on an ad-hoc sub-process: its inner activities are tools too.
    const adHoc = await adHocOf(rt, job.instanceId, job.elementId);
    if (adHoc !== undefined) {
      const activities = adHocToolsOf(adHoc.model, job.elementId);
      for (const activity of activities) tools.set(activity.name, activity);
      settings = { ...settings, tools: [...new Set([...settings.tools, ...activities.map((a) => a.name)])] };
    }

    const context: RecordContext = {
      traceId: randomUUID(),
      agent: job.elementId,
      processKey: instance?.processKey ?? '',
      processVersion: instance?.version.number ?? 0,
      attempt: job.attempt,
    };
    const record = async (entries: RecordEntry[]) => {
      await executeCommands(rt, [{ instanceId: job.instanceId, command: { type: 'RecordAgentSteps', jobKey: job.jobKey, records: entries.map((e) => recordOf(context, e)) }, actor: `agent:${job.elementId}` }]);
    };

    const runTool = async (tool: ToolDefinition, input: Record<string, JsonValue>, toolCallId: string): Promise<ToolRunResult> => {
      const impl = tool.implementation;
      if (impl.kind === 'http') {
        const connector = { ...impl, url: await resolveStubUrl(impl.url), resultVariable: 'result', ...(impl.body === undefined && impl.method !== 'GET' ? { body: '=input' } : {}) };
        const outcome = await http({ ...job, idempotencyKey: `${job.jobKey}/${toolCallId}`, variables: { ...input, input }, settings: { ...job.settings, http: connector } });
        if (outcome.kind !== 'complete') return { ok: false, error: outcome.kind === 'fail' ? outcome.message : `error ${outcome.code}` };
        const response = outcome.variables?.result as { body?: JsonValue } | undefined;
        return { ok: true, value: response?.body ?? null };
      }
      if (impl.kind === 'process' && impl.processKey.startsWith(AD_HOC_TOOL_PREFIX)) {
        return runAdHocActivity({ rt, instanceId: job.instanceId, adHocInstanceKey: job.elementInstanceId, jobKey: job.jobKey, activityId: impl.processKey.slice(AD_HOC_TOOL_PREFIX.length), input, actor: `agent:${job.elementId}`, signal: job.signal, pollMs });
      }
      if (impl.kind === 'process') {
        const started = await startInstance(rt, { processKey: impl.processKey, variables: input, businessKey: `${job.jobKey}/${toolCallId}`, actor: `agent:${job.elementId}` });
        const ended = await waitForInstance(db, started.instanceId, job.signal, pollMs);
        if (ended.status !== 'completed') return { ok: false, error: `process ${impl.processKey} ended ${ended.status}` };
        return { ok: true, value: ended.variables };
      }
      return { ok: false, error: 'approval tools are decided by a person' };
    };

    const holdForApproval = async (tool: ToolDefinition, input: Record<string, JsonValue>): Promise<ApprovalDecision> => {
      await ensureApprovalProcess(db);
      const businessKey = approvalBusinessKey(job.jobKey, tool.name, input);
      const existing = await db.processInstance.findFirst({ where: { processKey: APPROVAL_PROCESS_KEY, businessKey }, select: { id: true } });
      const groups = tool.implementation.kind === 'approval' ? tool.implementation.candidateGroups : tool.guardrails.approverGroups;
      const instanceId =
        existing?.id ??
        (
          await startInstance(rt, {
            processKey: APPROVAL_PROCESS_KEY,
            businessKey,
            actor: `agent:${job.elementId}`,
            variables: {
              tool: tool.name,
              toolDescription: tool.description,
              arguments: input,
              agent: job.elementId,
              askingInstance: job.instanceId,
              processKey: context.processKey,
              approverGroups: groups.length > 0 ? groups : ['compliance'],
            },
          })
        ).instanceId;
      const ended = await waitForInstance(db, instanceId, job.signal, pollMs);
      const task = await db.userTask.findFirst({ where: { instanceId, status: 'completed' }, select: { completedById: true } });
      const decision = ended.variables.decision;
      const comment = typeof ended.variables.comment === 'string' && ended.variables.comment !== '' ? ended.variables.comment : undefined;
      return { approved: ended.status === 'completed' && decision === 'approve', ...(comment ? { comment } : {}), ...(task?.completedById ? { by: task.completedById } : {}) };
    };

    try {
      const result = await runAgent({
        settings,
        variables: job.variables,
        model,
        providerName: provider.view.name,
        modelName,
        prices: { input: provider.view.inputPricePerMTok, output: provider.view.outputPricePerMTok },
        tools,
        runTool,
        holdForApproval,
        record,
        signal: job.signal,
      });
      switch (result.kind) {
        case 'complete':
          return { kind: 'complete', variables: { [settings.resultVariable ?? 'agentResult']: result.answer } };
        case 'escalate':
          return { kind: 'bpmnError', code: result.code, message: result.reason };
        case 'fail':
          return { kind: 'fail', message: result.message };
      }
    } catch (error) {
      if (error instanceof AgentSetupError) return { kind: 'fail', message: error.message };
      const reason = job.signal.aborted ? `timed out after ${job.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      return { kind: 'fail', message: `agent: model call to ${provider.view.name}/${modelName} failed: ${reason}` };
    }
  };
}
