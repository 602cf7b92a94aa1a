/**
 * The guardrails of one tool call, decided before anything runs. Pure.
 *
 * Contract (in this order; the first that applies wins)
 * 1. A tool the task does not list, or that the registry does not have or has disabled: refused.
 * 2. `allowedRoles` not empty and the agent's identity (its roles and groups) holds none: refused.
 * 3. Arguments that do not fit the tool's input schema (checked with zod): refused, naming the issue.
 * 4. Data scope: the tool's input is the arguments and variables named in `dataScope`, nothing
 *    else (arguments win over variables of the same name); `removed` lists what was dropped.
 *    Without a data scope the input is the arguments as given and no variable.
 * 5. `needsApproval`: held for a person; otherwise run.
 * A refusal is recorded and returned to the model; the caller escalates as the task says.
 */
import { z } from 'zod';
import type { JsonValue } from '@/lib/bpmn/model';
import type { ToolDefinition } from './tool-definition';

export type Identity = { roles: readonly string[]; groups: readonly string[] };

export type GuardrailVerdict =
  | { verdict: 'refused'; reason: string; rule: 'not-allowed' | 'role' | 'arguments' }
  | { verdict: 'run' | 'hold'; input: Record<string, JsonValue>; removed: string[] };

export function checkToolCall(options: {
  toolName: string;
  tool: ToolDefinition | undefined;
  taskTools: readonly string[];
  identity: Identity;
  args: unknown;
  variables: Readonly<Record<string, JsonValue>>;
}): GuardrailVerdict {
  const { tool, toolName } = options;
  if (!options.taskTools.includes(toolName)) return { verdict: 'refused', rule: 'not-allowed', reason: `tool ${toolName} is not one this task may use` };
  if (tool === undefined || !tool.enabled) return { verdict: 'refused', rule: 'not-allowed', reason: `tool ${toolName} is not in the registry or is disabled` };
  const allowed = tool.guardrails.allowedRoles;
  if (allowed.length > 0) {
    const held = [...options.identity.roles, ...options.identity.groups];
    if (!held.some((name) => allowed.includes(name))) {
      return { verdict: 'refused', rule: 'role', reason: `tool ${toolName} needs one of the roles ${allowed.join(', ')}; the agent acts as ${held.length > 0 ? held.join(', ') : 'no role'}` };
    }
  }
  const schema = z.fromJSONSchema(tool.inputSchema as Parameters<typeof z.fromJSONSchema>[0]);
  const parsed = schema.safeParse(options.args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { verdict: 'refused', rule: 'arguments', reason: `arguments of ${toolName} do not fit its input schema: ${issue?.path.join('.') || '(input)'}: ${issue?.message}` };
  }
  const args = (isRecord(options.args) ? options.args : {}) as Record<string, JsonValue>;
  const scope = tool.guardrails.dataScope;
  let input: Record<string, JsonValue>;
  let removed: string[];
  if (scope === undefined) {
    input = { ...args };
    removed = [];
  } else {
    input = {};
    for (const name of scope) {
      if (name in args) input[name] = args[name];
      else if (name in options.variables) input[name] = options.variables[name];
    }
    removed = Object.keys(args).filter((name) => !scope.includes(name));
  }
  return { verdict: tool.guardrails.needsApproval ? 'hold' : 'run', input, removed };
}

/** Cuts a tool result to about `maxTokens` tokens (4 characters each) for the model. */
export function capResult(value: JsonValue, maxTokens: number | undefined): { value: JsonValue; truncated: boolean } {
  if (maxTokens === undefined) return { value, truncated: false };
  const text = JSON.stringify(value);
  const limit = maxTokens * 4;
  if (text.length <= limit) return { value, truncated: false };
  return { value: `${text.slice(0, limit)}… [cut to ${maxTokens} tokens by the tool's guardrail]`, truncated: true };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
