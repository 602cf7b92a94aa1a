/**
 * The scripted conversations the LLM stub ships with, used by the seeded examples
 * (prisma/seed/processes/agent-approval.bpmn names `scripted-approval`). Scripts, not a model.
 */
import { goalOf, type StubScript } from './stub-server';

/** Reads the amount out of the goal "... for 1234 EUR ..." of the approval example. */
function amountIn(goal: string): number {
  const match = /for\s+([0-9]+(?:\.[0-9]+)?)\s*EUR/i.exec(goal);
  return match ? Number(match[1]) : 0;
}

export const BUILTIN_SCRIPTS: Record<string, StubScript> = {
  /** Looks up the policy, then the requester's history, then answers: low risk up to 1,000 EUR. */
  'scripted-approval': (request, turn) => {
    const goal = goalOf(request);
    const requester = /request of (\S+)/i.exec(goal)?.[1] ?? 'unknown';
    if (turn === 0) return { call: [{ name: 'lookup_policy', arguments: { category: 'spending' } }] };
    if (turn === 1) return { call: [{ name: 'customer_history', arguments: { requester } }] };
    const amount = amountIn(goal);
    const low = amount <= 1000;
    return {
      say: JSON.stringify({
        risk: low ? 'low' : 'high',
        recommendation: low ? 'approve' : 'reject',
        reason: `[LLM stub, scripted] ${amount} EUR is ${low ? 'within' : 'above'} the 1000 EUR self-approval limit of the spending policy.`,
      }),
    };
  },
  /**
   * Plans the onboarding checks of prisma/seed/processes/agent-ad-hoc.bpmn: identity and credit
   * always, sanctions screening only when the goal says the customer is outside the EU.
   */
  'scripted-ad-hoc': (request, turn) => {
    const outsideEu = /non-eu|outside the eu/i.test(goalOf(request));
    const plan = ['verify_identity', 'check_credit', ...(outsideEu ? ['screen_sanctions'] : [])];
    if (turn < plan.length) return { call: [{ name: plan[turn], arguments: {} }] };
    return { say: JSON.stringify({ done: true, ran: plan, reason: `[LLM stub, scripted] ${outsideEu ? 'a non-EU customer needs all three checks' : 'an EU customer needs no sanctions screening'}` }) };
  },
  /**
   * Calls the first tool it is offered with `{ "category": "demo" }`, then answers
   * `{ "risk": "low", "recommendation": "approve", "reason": ... }` — for trying out a new tool.
   */
  'scripted-first-tool': (request, turn) => {
    const tool = request.tools?.[0]?.function.name;
    if (turn === 0 && tool !== undefined) return { call: [{ name: tool, arguments: { category: 'demo' } }] };
    return { say: JSON.stringify({ risk: 'low', recommendation: 'approve', reason: `[LLM stub, scripted] called ${tool ?? 'no tool'} and got its result.` }) };
  },
};

/** What the stub's demo tools answer (POST /tools/<name>). */
export const DEMO_TOOL_REPLIES: Record<string, unknown> = {
  lookup_policy: { policy: 'spending', selfApprovalLimitEur: 1000, note: 'demo data served by the LLM stub' },
  customer_history: { requests: 3, rejected: 0, note: 'demo data served by the LLM stub' },
};
