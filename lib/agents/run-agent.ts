/**
 * The planning loop of an agent task: ask the model, run the tool calls it asks for under their
 * guardrails, feed the results back, until it answers — within the task's budgets.
 *
 * Contract
 * - Budgets (task `limits`): before each model call the loop stops when `maxModelCalls` calls
 *   were made or `maxTokens` tokens (in + out) were used; a tool call beyond `maxToolCalls` is
 *   not run and stops the loop. A stop is an escalation (below).
 * - Every tool call passes `checkToolCall` (./guardrails.ts) first. A refused call never runs:
 *   it is recorded and returned to the model as a refusal; when the task has an escalation code
 *   the loop then stops and escalates, else the model may go on without it. A held call waits
 *   for a person's decision (`holdForApproval`); approved runs, rejected goes back as a refusal.
 * - The final answer: with an `answerSchema` it must be JSON fitting it (zod, from the JSON
 *   schema). An answer that does not fit is sent back once with the problem; a second one
 *   escalates. Without a schema the text is the answer (parsed when it is JSON).
 * - Escalation: `{ kind: 'escalate', code, reason }` when the task has `escalationErrorCode`
 *   (the executor throws it as a BPMN error), else `{ kind: 'fail' }` (retries, then incident).
 * - Provider errors (network, status, timeout) are thrown: the job fails and the runtime retries.
 *   The model SDK's own retries are off (`maxRetries: 0`) so the runtime's policy is the one.
 * - Every model call and tool call goes to `record` as it happens (decision-record.ts), and an
 *   `outcome` entry ends the trace.
 */
import { generateText, jsonSchema, type LanguageModel, type ModelMessage, type ToolSet } from 'ai';
import { z } from 'zod';
import { renderFeelTemplate } from '@/lib/bpmn/expressions/feel';
import type { AgentSettings, JsonValue } from '@/lib/bpmn/model';
import { instrument } from '@/lib/telemetry/instrument';
import { capResult, checkToolCall } from './guardrails';
import { costOf, promptHash, type RecordEntry } from './decision-record';
import type { ToolDefinition } from './tool-definition';

export type ToolRunResult = { ok: true; value: JsonValue } | { ok: false; error: string };
export type ApprovalDecision = { approved: boolean; comment?: string; by?: string };

export type AgentRunOptions = {
  settings: AgentSettings;
  variables: Record<string, JsonValue>;
  model: LanguageModel;
  providerName: string;
  modelName: string;
  prices: { input?: number | null; output?: number | null };
  tools: ReadonlyMap<string, ToolDefinition>;
  runTool: (tool: ToolDefinition, input: Record<string, JsonValue>, toolCallId: string) => Promise<ToolRunResult>;
  holdForApproval?: (tool: ToolDefinition, input: Record<string, JsonValue>, toolCallId: string) => Promise<ApprovalDecision>;
  record: (entries: RecordEntry[]) => Promise<void>;
  signal?: AbortSignal;
};

export type AgentRunResult =
  | { kind: 'complete'; answer: JsonValue; usage: { modelCalls: number; toolCalls: number; tokens: number } }
  | { kind: 'escalate'; code: string; reason: string }
  | { kind: 'fail'; message: string };

export class AgentSetupError extends Error {}

function render(template: string | undefined, variables: Record<string, JsonValue>, what: string): string | undefined {
  if (template === undefined) return undefined;
  const result = renderFeelTemplate(template, variables);
  if (!result.ok) throw new AgentSetupError(`agent ${what}: ${result.reason}`);
  return result.text;
}

function answerSchemaOf(settings: AgentSettings): z.ZodType | undefined {
  if (settings.answerSchema === undefined) return undefined;
  try {
    return z.fromJSONSchema(JSON.parse(settings.answerSchema) as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new AgentSetupError(`agent answer schema is not a JSON schema: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type AnswerCheck = { ok: true; value: JsonValue } | { ok: false; problem: string };

function checkAnswer(text: string, schema: z.ZodType | undefined): AnswerCheck {
  const trimmed = text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
  let value: JsonValue;
  try {
    value = JSON.parse(trimmed) as JsonValue;
  } catch {
    if (schema === undefined) return { ok: true, value: text };
    return { ok: false, problem: 'the answer is not JSON' };
  }
  if (schema === undefined) return { ok: true, value };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || '(answer)'}: ${issue?.message}` };
}

export async function runAgent(options: AgentRunOptions): Promise<AgentRunResult> {
  const { settings, variables } = options;
  const limits = settings.limits;
  const system = render(settings.systemPrompt, variables, 'system prompt');
  const goal = render(settings.goal, variables, 'goal') ?? 'Do the task.';
  const answerSchema = answerSchemaOf(settings);
  const hash = promptHash({ systemPrompt: settings.systemPrompt, goal: settings.goal, tools: settings.tools, model: options.modelName, answerSchema: settings.answerSchema });

  const aiTools: ToolSet = {};
  for (const name of settings.tools) {
    const tool = options.tools.get(name);
    // A tool the registry lacks is still offered by name, so a call to it is refused and recorded.
    aiTools[name] = {
      description: tool?.description ?? `(tool ${name} is not in the registry)`,
      inputSchema: jsonSchema((tool?.inputSchema ?? { type: 'object' }) as Parameters<typeof jsonSchema>[0]),
    };
  }
  const systemText = [
    system,
    answerSchema ? `When you are done, answer with JSON only, fitting this JSON schema: ${settings.answerSchema}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');

  const messages: ModelMessage[] = [{ role: 'user', content: goal }];
  let modelCalls = 0;
  let toolCalls = 0;
  let tokens = 0;
  let answerSentBack = false;

  const stop = async (reason: string, errorCode?: string): Promise<AgentRunResult> => {
    const code = errorCode ?? settings.escalationErrorCode;
    await options.record([{ kind: 'outcome', decision: code ? 'escalated' : 'failed', reason, modelCalls, toolCalls, tokens, ...(code ? { errorCode: code } : {}) }]);
    return code ? { kind: 'escalate', code, reason } : { kind: 'fail', message: `agent: ${reason}` };
  };

  for (;;) {
    if (limits.maxModelCalls !== undefined && modelCalls >= limits.maxModelCalls) return stop(`budget exhausted: ${modelCalls} model calls (maxModelCalls ${limits.maxModelCalls})`);
    if (limits.maxTokens !== undefined && tokens >= limits.maxTokens) return stop(`budget exhausted: ${tokens} tokens (maxTokens ${limits.maxTokens})`);
    const started = performance.now();
    let result: Awaited<ReturnType<typeof generateText>>;
    try {
      result = await instrument('baton.agent.model', { 'gen_ai.provider.name': options.providerName, 'gen_ai.request.model': options.modelName, 'baton.agent.call': modelCalls + 1, 'baton.agent.prompt_hash': hash }, () =>
        generateText({
          model: options.model,
          ...(systemText ? { system: systemText } : {}),
          messages,
          tools: aiTools,
          maxRetries: 0,
          ...(options.signal ? { abortSignal: options.signal } : {}),
        }),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await options.record([
        { kind: 'model-call', call: modelCalls + 1, provider: options.providerName, model: options.modelName, promptHash: hash, tokensIn: 0, tokensOut: 0, latencyMs: Math.round(performance.now() - started), decision: 'error', reason: message.slice(0, 500) },
      ]);
      throw error;
    }
    modelCalls++;
    const tokensIn = result.usage.inputTokens ?? 0;
    const tokensOut = result.usage.outputTokens ?? 0;
    tokens += tokensIn + tokensOut;
    const cost = costOf(tokensIn, tokensOut, options.prices);
    const modelEntry = (decision: 'call-tools' | 'answer' | 'answer-rejected', reason: string): RecordEntry => ({
      kind: 'model-call',
      call: modelCalls,
      provider: options.providerName,
      model: options.modelName,
      promptHash: hash,
      tokensIn,
      tokensOut,
      ...(cost === undefined ? {} : { cost }),
      latencyMs: Math.round(performance.now() - started),
      decision,
      reason,
      ...(decision === 'call-tools' ? { toolCalls: result.toolCalls.map((c) => c.toolName) } : {}),
    });
    messages.push(...result.response.messages);

    if (result.toolCalls.length > 0) {
      await options.record([modelEntry('call-tools', result.text || `calls ${result.toolCalls.map((c) => c.toolName).join(', ')}`)]);
      const outputs: { toolCallId: string; toolName: string; output: { type: 'json'; value: JsonValue } | { type: 'error-text'; value: string } }[] = [];
      let refusal: string | undefined;
      for (const call of result.toolCalls) {
        if (limits.maxToolCalls !== undefined && toolCalls >= limits.maxToolCalls) {
          return stop(`budget exhausted: the model asked for tool call ${toolCalls + 1} (maxToolCalls ${limits.maxToolCalls})`);
        }
        toolCalls++;
        const tool = options.tools.get(call.toolName);
        const verdict = checkToolCall({ toolName: call.toolName, tool, taskTools: settings.tools, identity: settings.actsAs, args: call.input, variables });
        const base = { kind: 'tool-call' as const, call: toolCalls, tool: call.toolName, toolCallId: call.toolCallId };
        if (verdict.verdict === 'refused' || tool === undefined) {
          const reason = verdict.verdict === 'refused' ? verdict.reason : `tool ${call.toolName} is not in the registry`;
          await options.record([{ ...base, arguments: {}, removed: [], outcome: 'refused', success: false, latencyMs: 0, reason }]);
          outputs.push({ toolCallId: call.toolCallId, toolName: call.toolName, output: { type: 'error-text', value: `REFUSED by Baton's guardrails: ${reason}` } });
          refusal ??= reason;
          continue;
        }
        const toolStarted = performance.now();
        if (verdict.verdict === 'hold') {
          if (options.holdForApproval === undefined) {
            const reason = `tool ${call.toolName} needs approval and no approval path is available`;
            await options.record([{ ...base, arguments: verdict.input, removed: verdict.removed, outcome: 'refused', success: false, latencyMs: 0, reason }]);
            outputs.push({ toolCallId: call.toolCallId, toolName: call.toolName, output: { type: 'error-text', value: `REFUSED: ${reason}` } });
            refusal ??= reason;
            continue;
          }
          await options.record([{ ...base, arguments: verdict.input, removed: verdict.removed, outcome: 'held', success: true, latencyMs: 0, reason: 'held for approval in the inbox' }]);
          const decision = await options.holdForApproval(tool, verdict.input, call.toolCallId);
          if (!decision.approved) {
            const reason = `a person rejected the call${decision.by ? ` (${decision.by})` : ''}${decision.comment ? `: ${decision.comment}` : ''}`;
            await options.record([{ ...base, arguments: verdict.input, removed: verdict.removed, outcome: 'rejected', success: false, latencyMs: Math.round(performance.now() - toolStarted), reason }]);
            outputs.push({ toolCallId: call.toolCallId, toolName: call.toolName, output: { type: 'error-text', value: `REJECTED: ${reason}` } });
            continue;
          }
          await options.record([{ ...base, arguments: verdict.input, removed: verdict.removed, outcome: 'approved', success: true, latencyMs: Math.round(performance.now() - toolStarted), reason: `approved${decision.by ? ` by ${decision.by}` : ''}` }]);
        }
        const ran = tool.implementation.kind === 'approval' && options.holdForApproval
          ? await options.holdForApproval(tool, verdict.input, call.toolCallId).then((d): ToolRunResult => ({ ok: true, value: { approved: d.approved, comment: d.comment ?? null } }))
          : await instrument('baton.agent.tool', { 'baton.tool': tool.name, 'baton.tool.kind': tool.implementation.kind, 'baton.tool.call_id': call.toolCallId }, () => options.runTool(tool, verdict.input, call.toolCallId));
        const latencyMs = Math.round(performance.now() - toolStarted);
        if (ran.ok) {
          const capped = capResult(ran.value, tool.guardrails.maxTokens);
          await options.record([{ ...base, arguments: verdict.input, removed: verdict.removed, outcome: 'success', success: true, latencyMs, ...(capped.truncated ? { truncated: true } : {}) }]);
          outputs.push({ toolCallId: call.toolCallId, toolName: call.toolName, output: { type: 'json', value: capped.value } });
        } else {
          await options.record([{ ...base, arguments: verdict.input, removed: verdict.removed, outcome: 'failed', success: false, latencyMs, reason: ran.error }]);
          outputs.push({ toolCallId: call.toolCallId, toolName: call.toolName, output: { type: 'error-text', value: `the tool failed: ${ran.error}` } });
        }
      }
      messages.push({ role: 'tool', content: outputs.map((o) => ({ type: 'tool-result', ...o })) });
      if (refusal !== undefined && settings.escalationErrorCode !== undefined) return stop(`guardrail denial: ${refusal}`);
      continue;
    }

    const checked = checkAnswer(result.text, answerSchema);
    if (!checked.ok) {
      if (!answerSentBack) {
        answerSentBack = true;
        await options.record([modelEntry('answer-rejected', `the answer does not fit the answer schema (${checked.problem}); sent back once`)]);
        messages.push({ role: 'user', content: `Your answer does not fit the required JSON schema (${checked.problem}). Answer again with JSON only, fitting: ${settings.answerSchema}` });
        continue;
      }
      await options.record([modelEntry('answer-rejected', `the answer does not fit the answer schema again (${checked.problem})`)]);
      return stop(`the answer does not fit the answer schema after one correction: ${checked.problem}`);
    }
    await options.record([modelEntry('answer', result.text.slice(0, 2000))]);
    await options.record([{ kind: 'outcome', decision: 'completed', reason: 'the model answered', modelCalls, toolCalls, tokens }]);
    return { kind: 'complete', answer: checked.value, usage: { modelCalls, toolCalls, tokens } };
  }
}
