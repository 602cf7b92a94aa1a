/**
 * The decision record of an agent task: the entries appended to the instance's log (one
 * `AgentStepRecorded` event each, lib/engine/core/events.ts). Pure shaping; no I/O.
 *
 * Contract
 * - Every entry names the trace (one run of the planning loop), the agent (its element id), the
 *   process and version, and what happened; model calls add the model, the prompt version
 *   (hash of the templates, tools and model), tokens in/out, cost when the provider is priced,
 *   latency, the decision and its reason; tool calls add the tool, the arguments AFTER scoping
 *   (what the tool received, never what was removed — only the removed names), the outcome and
 *   latency. The `outcome` entry closes the trace.
 * - Entries hold JSON only, so they parse as event payloads.
 */
import { createHash } from 'node:crypto';
import type { JsonValue } from '@/lib/bpmn/model';

export type RecordContext = {
  traceId: string;
  agent: string;
  processKey: string;
  processVersion: number;
  attempt: number;
};

export type ModelCallEntry = {
  kind: 'model-call';
  call: number;
  provider: string;
  model: string;
  promptHash: string;
  tokensIn: number;
  tokensOut: number;
  cost?: number;
  latencyMs: number;
  decision: 'call-tools' | 'answer' | 'answer-rejected' | 'error';
  reason: string;
  toolCalls?: string[];
};

export type ToolCallEntry = {
  kind: 'tool-call';
  call: number;
  tool: string;
  toolCallId: string;
  arguments: Record<string, JsonValue>;
  removed: string[];
  outcome: 'success' | 'failed' | 'refused' | 'held' | 'approved' | 'rejected';
  success: boolean;
  latencyMs: number;
  reason?: string;
  truncated?: boolean;
};

export type OutcomeEntry = {
  kind: 'outcome';
  decision: 'completed' | 'escalated' | 'failed';
  reason: string;
  modelCalls: number;
  toolCalls: number;
  tokens: number;
  errorCode?: string;
};

export type RecordEntry = ModelCallEntry | ToolCallEntry | OutcomeEntry;

export function recordOf(context: RecordContext, entry: RecordEntry): Record<string, JsonValue> {
  const record: Record<string, JsonValue> = { ...context };
  for (const [key, value] of Object.entries(entry)) if (value !== undefined) record[key] = value as JsonValue;
  // Plain summary fields that timelines read without knowing the entry kinds.
  if (entry.kind === 'model-call') record.tokens = entry.tokensIn + entry.tokensOut;
  if (entry.kind === 'tool-call') record.decision = entry.outcome;
  return record;
}

/** The prompt version: what the prompt is made of, hashed (templates, not rendered values). */
export function promptHash(parts: { systemPrompt?: string; goal?: string; tools: readonly string[]; model: string; answerSchema?: string }): string {
  const canonical = JSON.stringify([parts.systemPrompt ?? '', parts.goal ?? '', [...parts.tools].sort(), parts.model, parts.answerSchema ?? '']);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Cost in the provider's currency, when both prices (per million tokens) are configured. */
export function costOf(tokensIn: number, tokensOut: number, prices: { input?: number | null; output?: number | null }): number | undefined {
  if (prices.input == null || prices.output == null) return undefined;
  return Math.round(((tokensIn * prices.input + tokensOut * prices.output) / 1_000_000) * 1e8) / 1e8;
}
