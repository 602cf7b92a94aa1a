/**
 * Open human tasks for the demo groups, so the inbox is not empty after `npm run dev`: run by
 * prisma/seed.ts after runSeed, outside production only (tests and e2e servers get none).
 *
 * What it creates, once (instances with fixed ids; a second run finds them and does nothing):
 * - the "Expense approval" process (prisma/seed/demo-tasks/expense-approval.bpmn, with a
 *   four-eyes rule and an escalation policy), published as version 1;
 * - three expenses filed by the operator: "Approve expense" tasks for finance (one overdue);
 * - one large expense approved by finance: a "Compliance check" task for compliance;
 * - one spending request of the agent-assisted approval whose agent recommended with tool calls:
 *   an "Approve request" task for compliance with the agent's recommendation.
 * Instances go through the runtime's commands (the same events as real ones).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '@/lib/db/client';
import { ManualClock } from '@/lib/engine/runtime/clock';
import { executeCommand } from '@/lib/engine/runtime/execute-command';
import { createRuntimeContext, type RuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { SYSTEM_ACTOR } from '@/lib/models/actor';
import { createModel } from '@/lib/models/create-model';
import { publishModel } from '@/lib/models/publish-model';

const EXPENSE_XML = path.join(import.meta.dirname, 'demo-tasks', 'expense-approval.bpmn');
const HOUR = 3_600_000;

async function userId(db: Db, email: string): Promise<string | undefined> {
  return (await db.user.findUnique({ where: { email }, select: { id: true } }))?.id;
}

async function openTaskOf(db: Db, instanceId: string): Promise<{ id: string }> {
  return db.userTask.findFirstOrThrow({ where: { instanceId, status: 'created' }, select: { id: true } });
}

async function must(rt: RuntimeContext, instanceId: string, command: Parameters<typeof executeCommand>[1]['command'], actor?: string): Promise<void> {
  const result = await executeCommand(rt, { instanceId, command, ...(actor ? { actor } : {}) });
  if (!result.ok) throw new Error(`demo tasks: ${command.type} on ${instanceId} was refused: ${result.message}`);
}

export async function ensureDemoTasks(db: Db, options: { production: boolean }): Promise<string[]> {
  if (options.production) return [];
  if ((await db.processInstance.count({ where: { businessKey: { startsWith: 'demo-' } } })) > 0) return [];
  const operator = await userId(db, 'operator@baton.local');
  const finance = await userId(db, 'finance@baton.local');
  if (operator === undefined || finance === undefined) return [];

  if ((await db.processModel.findUnique({ where: { key: 'expense-approval' } })) === null) {
    await createModel({ db, actor: SYSTEM_ACTOR, source: { xml: readFileSync(EXPENSE_XML, 'utf8') } });
    await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: 'expense-approval', message: 'Demo process (seed)' });
  }

  // The overdue one was filed two days ago: created by a runtime whose clock says so.
  const now = Date.now();
  const past = createRuntimeContext({ db, clock: new ManualClock(now - 30 * HOUR) });
  const rt = createRuntimeContext({ db });
  const person = (id: string) => `person:${id}`;
  const expenses = [
    { key: 'demo-expense-1', rt: past, variables: { requester: 'Dana Weber', amount: 480, purpose: 'Conference ticket, Berlin' } },
    { key: 'demo-expense-2', rt, variables: { requester: 'Ravi Patel', amount: 2350, purpose: 'Laptop replacement' } },
    { key: 'demo-expense-3', rt, variables: { requester: 'Mia Chen', amount: 96.5, purpose: 'Team lunch' } },
  ];
  for (const expense of expenses) {
    await startInstance(expense.rt, { processKey: 'expense-approval', instanceId: expense.key, businessKey: expense.key, variables: expense.variables, startedBy: operator, actor: person(operator) });
  }

  // A large expense finance approved: now compliance checks it.
  await startInstance(rt, {
    processKey: 'expense-approval',
    instanceId: 'demo-expense-4',
    businessKey: 'demo-expense-4',
    variables: { requester: 'Jonas Berg', amount: 5200, purpose: 'Customer workshop venue' },
    startedBy: operator,
    actor: person(operator),
  });
  const approve = await openTaskOf(db, 'demo-expense-4');
  await must(rt, 'demo-expense-4', { type: 'CompleteUserTask', taskKey: approve.id, completedBy: finance, variables: { decision: 'approve', comment: 'Budgeted in Q2.' } }, person(finance));

  // The agent-assisted approval: the agent's run recorded, its answer "medium risk" → a compliance review.
  await startInstance(rt, {
    processKey: 'agent-approval',
    instanceId: 'demo-agent-approval-1',
    businessKey: 'demo-agent-approval-1',
    variables: { requester: 'finance@baton.local', amount: 12000, purpose: 'Annual licence for the analytics platform' },
    startedBy: finance,
    actor: person(finance),
  });
  const job = await db.job.findFirst({ where: { instanceId: 'demo-agent-approval-1' } });
  if (job !== null) {
    const trace = { traceId: 'demo-trace-1', agent: job.elementId, processKey: 'agent-approval', processVersion: 1, attempt: 1 };
    await must(rt, 'demo-agent-approval-1', {
      type: 'RecordAgentSteps',
      jobKey: job.id,
      records: [
        { ...trace, kind: 'model-call', call: 1, provider: 'llm-stub', model: 'scripted-approval', promptHash: 'demo', tokensIn: 812, tokensOut: 64, latencyMs: 420, decision: 'call-tools', reason: 'I need the spending policy and the requester’s history.', toolCalls: ['lookup_policy', 'customer_history'] },
        { ...trace, kind: 'tool-call', call: 1, tool: 'lookup_policy', toolCallId: 't1', arguments: { category: 'software', amount: 12000 }, removed: [], outcome: 'success', success: true, latencyMs: 35 },
        { ...trace, kind: 'tool-call', call: 2, tool: 'customer_history', toolCallId: 't2', arguments: { requester: 'finance@baton.local' }, removed: [], outcome: 'success', success: true, latencyMs: 41 },
        { ...trace, kind: 'model-call', call: 2, provider: 'llm-stub', model: 'scripted-approval', promptHash: 'demo', tokensIn: 1290, tokensOut: 88, latencyMs: 510, decision: 'answer', reason: 'Within policy for software, but above the 10,000 EUR single-approval limit.' },
        { ...trace, kind: 'outcome', decision: 'completed', reason: 'Approve: the licence is within the software policy and the requester has no open findings; above 10,000 EUR a compliance officer must confirm.', modelCalls: 2, toolCalls: 2, tokens: 2254 },
      ],
    });
    await must(rt, 'demo-agent-approval-1', {
      type: 'CompleteJob',
      jobKey: job.id,
      variables: { assessment: { risk: 'medium', recommendation: 'approve', reason: 'Within the software policy; above the single-approval limit.' } },
    });
  }
  const open = await db.userTask.count({ where: { status: 'created', instanceId: { startsWith: 'demo-' } } });
  return [`${open} demo tasks`];
}
