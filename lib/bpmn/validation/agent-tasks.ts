/**
 * Agent task rules (a service task with Baton's agent settings, lib/bpmn/model.ts
 * AgentSettingsSchema): a provider is named, the system prompt and goal are FEEL templates
 * that parse, the answer schema is a JSON schema zod can read, and an escalation code is advised (without one, denials and budgets end in incidents).
 */
import { z } from 'zod';
import type { Finding } from '../findings';
import { describeElement, finding, sentence, templateProblem, type ValidationContext } from './context';

function answerSchemaProblem(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `it is not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'it must be a JSON object, e.g. {"type":"object"}';
  try {
    z.fromJSONSchema(parsed as Parameters<typeof z.fromJSONSchema>[0]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function checkAgentTasks(context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const element of context.elements) {
    // Agent tasks, and ad-hoc sub-processes planned by an agent.
    const agent = element.type === 'serviceTask' || element.type === 'adHocSubProcess' ? element.agent : undefined;
    if (agent === undefined) continue;
    const name = sentence(describeElement(element));
    if (agent.provider === undefined || agent.provider.trim() === '') {
      findings.push(finding('agent.no-provider', element.id, `${name} names no LLM provider: set one configured under Admin → Providers (e.g. "llm-stub").`));
    }
    for (const [what, template] of [['system prompt', agent.systemPrompt], ['goal', agent.goal]] as const) {
      if (template === undefined) continue;
      const problem = templateProblem(template);
      if (problem !== null) findings.push(finding('agent.invalid-template', element.id, `The ${what} of ${describeElement(element)}: ${problem}`));
    }
    if (agent.answerSchema !== undefined) {
      const problem = answerSchemaProblem(agent.answerSchema);
      if (problem !== null) findings.push(finding('agent.invalid-answer-schema', element.id, `The answer schema of ${describeElement(element)} is not usable: ${problem}`));
    }
    if (agent.escalationErrorCode === undefined || agent.escalationErrorCode.trim() === '') {
      findings.push(
        finding('agent.no-escalation', element.id, `${name} has no escalation error code: a refused tool, an exhausted budget or an unfit answer will fail the job and raise an incident instead of following a modelled path.`),
      );
    }
  }
  return findings;
}
