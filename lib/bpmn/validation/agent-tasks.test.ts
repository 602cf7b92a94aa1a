import { describe, expect, it } from 'vitest';
import { validateForExecution } from '../validate';
import { exportBpmn, importBpmn } from '../xml';

function agentXml(agentAttrs: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:baton="https://baton.dev/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:serviceTask id="agent" name="Assess"><bpmn:extensionElements><baton:agent ${agentAttrs}>${inner}</baton:agent></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="agent"/><bpmn:sequenceFlow id="f2" sourceRef="agent" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;
}

async function findingsOf(xml: string) {
  const imported = await importBpmn(xml);
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  return validateForExecution(imported.model).filter((f) => f.code.startsWith('agent.'));
}

describe('agent task settings: BPMN round trip and validation', () => {
  const full = agentXml(
    'provider="llm-stub" model="scripted-approval" resultVariable="assessment" escalationErrorCode="AGENT_ESCALATION"',
    `<baton:systemPrompt>You review requests.</baton:systemPrompt><baton:goal>="Assess " + requester</baton:goal>
     <baton:tool name="lookup_policy"/><baton:tool name="customer_history"/><baton:actsAs roles="clerk" groups="analyst"/>
     <baton:limits maxModelCalls="6" maxToolCalls="4" maxTokens="20000"/><baton:answerSchema>{"type":"object","required":["risk"]}</baton:answerSchema>`,
  );

  it('given complete agent settings, when imported, exported and imported again, then every setting survives and nothing is found', async () => {
    const first = await importBpmn(full);
    if (!first.ok) throw new Error('import failed');
    const again = await importBpmn(await exportBpmn(first.model));
    if (!again.ok) throw new Error('re-import failed');
    const agentOf = (m: typeof first.model) => m.elements.find((e) => e.id === 'agent');
    expect(agentOf(again.model)).toEqual(agentOf(first.model));
    expect(agentOf(again.model)).toMatchObject({
      agent: { provider: 'llm-stub', tools: ['lookup_policy', 'customer_history'], actsAs: { roles: ['clerk'], groups: ['analyst'] }, limits: { maxModelCalls: 6, maxToolCalls: 4, maxTokens: 20000 }, escalationErrorCode: 'AGENT_ESCALATION' },
    });
    expect(await findingsOf(full)).toEqual([]);
  });

  it('given no provider, a broken goal, a broken answer schema and no escalation code, then each is a finding naming the element', async () => {
    const findings = await findingsOf(agentXml('model="m"', '<baton:goal>="Assess " + </baton:goal><baton:answerSchema>{type: object}</baton:answerSchema>'));
    expect(findings.map((f) => [f.code, f.severity, f.elementId])).toEqual([
      ['agent.no-provider', 'error', 'agent'],
      ['agent.invalid-template', 'error', 'agent'],
      ['agent.invalid-answer-schema', 'error', 'agent'],
      ['agent.no-escalation', 'warning', 'agent'],
    ]);
    expect(findings[2].message).toMatch(/not JSON/);
  });
});
