/**
 * The context a person needs to decide: the task's visible variables, the agent's
 * recommendation with its reasoning and tool calls, and a short history of the instance.
 * Every value is rendered as text (React escapes it): a variable or comment holding HTML shows
 * as the characters it is, never as markup.
 */
import type { JsonValue } from '@/lib/bpmn/model';
import { formatDateTime } from './format';

export function Card({ title, children, testId, aside }: { title: string; children: React.ReactNode; testId?: string; aside?: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-gray-200 bg-white" data-testid={testId}>
      <header className="flex items-center justify-between border-b border-gray-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-gray-900">{title}</h2>
        {aside}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}

/** A JSON value as text: strings as they are, everything else as indented JSON. */
export function ValueText({ value }: { value: JsonValue }) {
  if (typeof value === 'string') return <span className="break-words whitespace-pre-wrap">{value}</span>;
  if (value === null || typeof value !== 'object') return <span className="font-mono text-xs">{JSON.stringify(value)}</span>;
  return <pre className="max-h-48 overflow-auto rounded bg-gray-50 p-2 font-mono text-xs whitespace-pre-wrap text-gray-800">{JSON.stringify(value, null, 2)}</pre>;
}

export function VariablesList({ variables }: { variables: Record<string, JsonValue> }) {
  const entries = Object.entries(variables);
  if (entries.length === 0) return <p className="text-sm text-gray-500">The model shows no variables for this task.</p>;
  return (
    <dl className="divide-y divide-gray-100 text-sm" data-testid="task-variables">
      {entries.map(([name, value]) => (
        <div key={name} className="grid grid-cols-3 gap-3 py-2" data-testid={`variable-${name}`}>
          <dt className="font-mono text-xs text-gray-500">{name}</dt>
          <dd className="col-span-2 text-gray-900">
            <ValueText value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The agent's context as the task service gives it (lib/tasks getTaskView `agent`). */
export type AgentView = {
  elementId: string;
  elementName: string | null;
  recommendation: JsonValue | null;
  reasoning: string | null;
  toolCalls: { tool: string; arguments: JsonValue; outcome: string; success: boolean; reason: string | null }[];
};

const RISK = { low: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20', medium: 'bg-amber-50 text-amber-800 ring-amber-600/20', high: 'bg-red-50 text-red-700 ring-red-600/20' } as const;

/** The answer's headline: `recommendation` (and `risk`) when the answer is an object that has them. */
function headlineOf(answer: JsonValue | null): { recommendation: string | null; risk: string | null; reason: string | null; rest: JsonValue | null } {
  const none = { recommendation: null, risk: null, reason: null, rest: answer };
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return none;
  const inner = Object.values(answer).length === 1 && typeof Object.values(answer)[0] === 'object' ? (Object.values(answer)[0] as JsonValue) : answer;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return none;
  const reason = inner.reason ?? inner.reasoning;
  return {
    recommendation: typeof inner.recommendation === 'string' ? inner.recommendation : null,
    risk: typeof inner.risk === 'string' ? inner.risk : null,
    reason: typeof reason === 'string' ? reason : null,
    rest: answer,
  };
}

/** The variable names the agent's answer consists of (shown in the agent card, not again in the context). */
export function agentAnswerNames(agent: AgentView | null): string[] {
  const answer = agent?.recommendation;
  return answer && typeof answer === 'object' && !Array.isArray(answer) ? Object.keys(answer) : [];
}

export function AgentPanel({ agent }: { agent: AgentView }) {
  const { recommendation, risk, reason, rest } = headlineOf(agent.recommendation);
  // The answer's own reason first; the planning loop's last words only when the answer has none.
  const reasoning = reason ?? agent.reasoning;
  return (
    <div className="space-y-4" data-testid="agent-panel">
      <p className="text-xs text-gray-500">From the agent task “{agent.elementName ?? agent.elementId}”, before this task was created.</p>
      {(recommendation || risk) && (
        <div className="flex flex-wrap items-start gap-3">
          {recommendation && (
            <div className="rounded-md bg-indigo-50 px-3 py-2">
              <p className="text-xs font-medium tracking-wide text-indigo-700 uppercase">Recommendation</p>
              <p className="text-base font-semibold text-indigo-950 capitalize" data-testid="agent-recommendation">
                {recommendation}
              </p>
            </div>
          )}
          {risk && (
            <span className={`mt-1 rounded-md px-2 py-1 text-xs font-medium ring-1 ring-inset ${RISK[risk as keyof typeof RISK] ?? 'bg-gray-50 text-gray-700 ring-gray-500/20'}`}>
              Risk: {risk}
            </span>
          )}
        </div>
      )}
      {reasoning && (
        <div>
          <p className="mb-1 text-xs font-medium text-gray-600">Reasoning</p>
          <p className="text-sm whitespace-pre-wrap text-gray-900" data-testid="agent-reasoning">
            {reasoning}
          </p>
        </div>
      )}
      {!recommendation && rest !== null && (
        <div>
          <p className="mb-1 text-xs font-medium text-gray-600">Answer</p>
          <ValueText value={rest} />
        </div>
      )}
      {agent.toolCalls.length > 0 && (
        <div>
          <p className="mb-1 text-xs font-medium text-gray-600">Tool calls ({agent.toolCalls.length})</p>
          <ol className="space-y-2" data-testid="agent-tool-calls">
            {agent.toolCalls.map((call, index) => (
              <li key={index} className="rounded-md border border-gray-200 p-2">
                <details>
                  <summary className="flex cursor-pointer items-center gap-2 text-sm">
                    <span className="font-mono text-xs font-medium text-gray-900">{call.tool}</span>
                    <span className={`rounded px-1.5 py-0.5 text-xs ${call.success ? 'bg-emerald-50 text-emerald-700' : 'bg-red-50 text-red-700'}`}>{call.outcome}</span>
                    {call.reason && <span className="truncate text-xs text-gray-500">{call.reason}</span>}
                  </summary>
                  <div className="mt-2">
                    <p className="text-xs text-gray-500">Arguments</p>
                    <ValueText value={call.arguments} />
                  </div>
                </details>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

export type HistoryEntry = { seq: number; at: string; type: string; summary: string; actor: string | null };

export function HistoryList({ items }: { items: HistoryEntry[] }) {
  if (items.length === 0) return <p className="text-sm text-gray-500">No history yet.</p>;
  return (
    <ol className="relative space-y-3 border-l border-gray-200 pl-4" data-testid="task-history">
      {items.map((item) => (
        <li key={item.seq} className="text-sm">
          <span className="absolute -left-[4.5px] mt-1.5 h-2 w-2 rounded-full bg-gray-300" aria-hidden />
          <p className="text-gray-900">{item.summary}</p>
          <p className="text-xs text-gray-500">
            {formatDateTime(item.at)}
            {item.actor && <> · {item.actor}</>}
          </p>
        </li>
      ))}
    </ol>
  );
}
