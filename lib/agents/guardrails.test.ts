import { describe, expect, it } from 'vitest';
import { capResult, checkToolCall } from './guardrails';
import { ToolInputSchema, type ToolDefinition } from './tool-definition';

function tool(overrides: Partial<Record<string, unknown>> = {}): ToolDefinition {
  return {
    id: 't1',
    ...ToolInputSchema.parse({
      name: 'customer_history',
      description: 'Past orders of a customer',
      inputSchema: { type: 'object', required: ['customerId'], properties: { customerId: { type: 'string' } } },
      implementation: { kind: 'http', method: 'POST', url: 'http://x/history' },
      ...overrides,
    }),
  };
}
const base = { toolName: 'customer_history', taskTools: ['customer_history'], identity: { roles: [], groups: ['analyst'] }, variables: {} };

describe('guardrails of a tool call', () => {
  it('given a tool the task does not list, then the call is refused', () => {
    expect(checkToolCall({ ...base, taskTools: [], tool: tool(), args: { customerId: 'c' } })).toMatchObject({ verdict: 'refused', rule: 'not-allowed' });
  });

  it('given allowed roles the identity does not hold, then the call is refused naming both', () => {
    const verdict = checkToolCall({ ...base, tool: tool({ guardrails: { allowedRoles: ['finance'] } }), args: { customerId: 'c' } });
    expect(verdict).toMatchObject({ verdict: 'refused', rule: 'role' });
    expect(verdict.verdict === 'refused' && verdict.reason).toMatch(/finance.*analyst/);
  });

  it('given arguments outside the input schema, then the call is refused naming the field', () => {
    const verdict = checkToolCall({ ...base, tool: tool(), args: { customerId: 7 } });
    expect(verdict).toMatchObject({ verdict: 'refused', rule: 'arguments' });
    expect(verdict.verdict === 'refused' && verdict.reason).toMatch(/customerId/);
  });

  it('given a data scope, then only named arguments and variables reach the input and the rest is listed as removed', () => {
    const verdict = checkToolCall({
      ...base,
      tool: tool({ guardrails: { allowedRoles: ['analyst'], dataScope: ['customerId', 'region'] } }),
      args: { customerId: 'c-1', ssn: '123-45', salary: 90000 },
      variables: { region: 'EU', iban: 'DE00' },
    });
    expect(verdict).toEqual({ verdict: 'run', input: { customerId: 'c-1', region: 'EU' }, removed: ['ssn', 'salary'] });
  });

  it('given needs-approval, then the call is held with its scoped input', () => {
    expect(checkToolCall({ ...base, tool: tool({ guardrails: { needsApproval: true } }), args: { customerId: 'c' } })).toMatchObject({ verdict: 'hold', input: { customerId: 'c' } });
  });

  it('given a max-token guardrail, then a long result is cut for the model', () => {
    expect(capResult('x'.repeat(100), 5)).toMatchObject({ truncated: true });
    expect(capResult({ ok: true }, 5)).toEqual({ value: { ok: true }, truncated: false });
  });
});
