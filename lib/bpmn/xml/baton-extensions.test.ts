import { describe, expect, it } from 'vitest';
import { BATON_NS, isAgentTask, type XmlElement } from '../model';
import { readBatonExtensions, writeBatonExtensions } from './baton-extensions';
import { exportBpmn } from './export-bpmn';
import { importBpmn } from './import-bpmn';
import { element, expectRejected, importOk, processXml } from './test-fixtures';

const USER_TASK = `
<bpmn:userTask id="Approve_1" name="Approve">
  <bpmn:extensionElements>
    <baton:assignment assignee="=starter" candidateGroups="finance, compliance" dueDate="P2D" followUpDate="P1D" priority="50"/>
    <baton:form formKey="approval">
      <baton:field key="decision" label="Decision" type="select" required="true">
        <baton:option value="approve" label="Approve"/><baton:option value="reject"/>
      </baton:field>
      <baton:field key="amount" type="number" min="0" max="1000" defaultValue="10"/>
    </baton:form>
    <baton:visibleVariables names="amount,customer"/>
    <baton:fourEyes notStarter="true" notCompleterOf="Prepare_1"/>
    <baton:escalationPolicy>
      <baton:step after="P1D" action="remind"/>
      <baton:step after="P3D" action="reassign" group="managers"/>
      <baton:step after="P5D" action="raisePriority" priority="90"/>
    </baton:escalationPolicy>
    <baton:ioMapping><baton:input source="=order.total" target="amount"/><baton:output source="=decision" target="approved"/></baton:ioMapping>
    <baton:sla target="PT4H"/>
  </bpmn:extensionElements>
</bpmn:userTask>`;

const SERVICE_TASKS = `
<bpmn:serviceTask id="Pay_1">
  <bpmn:extensionElements>
    <baton:taskDefinition type="payment" timeout="PT30S"/>
    <baton:retry attempts="5" initialBackoff="PT2S" factor="3" maxBackoff="PT1M" jitter="0.2"/>
    <baton:http method="POST" url="=&quot;https://api/pay/&quot; + orderId" resultVariable="response">
      <baton:header name="Accept" value="application/json"/>
      <baton:body>{ "amount": 10 }</baton:body>
      <baton:secret name="PAY_KEY"/>
    </baton:http>
  </bpmn:extensionElements>
</bpmn:serviceTask>
<bpmn:serviceTask id="Agent_1">
  <bpmn:extensionElements>
    <baton:agent provider="openai" model="gpt-4o" resultVariable="answer" escalationErrorCode="AGENT_FAILED">
      <baton:systemPrompt>You check invoices.</baton:systemPrompt>
      <baton:goal>Decide if the invoice is valid.</baton:goal>
      <baton:tool name="lookupCustomer"/><baton:tool name="fetchInvoice"/>
      <baton:actsAs roles="clerk" groups="finance"/>
      <baton:limits maxModelCalls="10" maxToolCalls="20" maxTokens="50000"/>
      <baton:answerSchema>{ "type": "object" }</baton:answerSchema>
    </baton:agent>
  </bpmn:extensionElements>
</bpmn:serviceTask>`;

const OTHERS = `
<bpmn:scriptTask id="Score_1"><bpmn:extensionElements><baton:script expression="=amount / 10" resultVariable="score"/></bpmn:extensionElements></bpmn:scriptTask>
<bpmn:callActivity id="Call_1" calledElement="child">
  <bpmn:extensionElements><baton:calledElement processId="child-v" version="3" propagateAllChildVariables="false"/></bpmn:extensionElements>
</bpmn:callActivity>
<bpmn:receiveTask id="Wait_1"><bpmn:extensionElements><baton:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:receiveTask>
<bpmn:userTask id="Review_1">
  <bpmn:extensionElements><baton:multiInstance collection="=reviewers" elementVariable="reviewer" outputCollection="reviews" outputElement="=review"/></bpmn:extensionElements>
  <bpmn:multiInstanceLoopCharacteristics/>
</bpmn:userTask>`;

describe('Baton extensions: reading', () => {
  it('given a user task with every user-task setting, when imported, then all are typed fields and not kept as extensions', async () => {
    const { model } = await importOk(processXml(USER_TASK));
    const task = element(model, 'Approve_1', 'userTask');
    expect(task.assignment).toEqual({
      assignee: '=starter',
      candidateGroups: ['finance', 'compliance'],
      candidateUsers: [],
      dueDate: 'P2D',
      followUpDate: 'P1D',
      priority: '50',
    });
    expect(task.form).toEqual({
      formKey: 'approval',
      fields: [
        {
          key: 'decision', label: 'Decision', type: 'select', required: true,
          options: [{ value: 'approve', label: 'Approve' }, { value: 'reject' }],
        },
        { key: 'amount', type: 'number', required: false, min: 0, max: 1000, defaultValue: '10', options: [] },
      ],
    });
    expect(task.visibleVariables).toEqual(['amount', 'customer']);
    expect(task.fourEyes).toEqual({ notStarter: true, notCompleterOf: ['Prepare_1'] });
    expect(task.escalationPolicy?.steps).toEqual([
      { after: 'P1D', action: 'remind' },
      { after: 'P3D', action: 'reassign', group: 'managers' },
      { after: 'P5D', action: 'raisePriority', priority: 90 },
    ]);
    expect(task.ioMapping).toEqual({ inputs: [{ source: '=order.total', target: 'amount' }], outputs: [{ source: '=decision', target: 'approved' }] });
    expect(task.slaTarget).toBe('PT4H');
    expect(task.extensions).toEqual([]);
  });

  it('given service tasks with job, retry, HTTP and agent settings, when imported, then they are typed', async () => {
    const { model } = await importOk(processXml(SERVICE_TASKS));
    const pay = element(model, 'Pay_1', 'serviceTask');
    expect(pay.job).toEqual({
      type: 'payment',
      timeout: 'PT30S',
      retry: { attempts: 5, initialBackoff: 'PT2S', factor: 3, maxBackoff: 'PT1M', jitter: 0.2 },
    });
    expect(pay.http).toEqual({
      method: 'POST',
      url: '="https://api/pay/" + orderId',
      resultVariable: 'response',
      headers: [{ name: 'Accept', value: 'application/json' }],
      body: '{ "amount": 10 }',
      secrets: ['PAY_KEY'],
    });
    const agent = element(model, 'Agent_1', 'serviceTask');
    expect(isAgentTask(agent)).toBe(true);
    expect(agent.agent).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
      resultVariable: 'answer',
      escalationErrorCode: 'AGENT_FAILED',
      systemPrompt: 'You check invoices.',
      goal: 'Decide if the invoice is valid.',
      tools: ['lookupCustomer', 'fetchInvoice'],
      actsAs: { roles: ['clerk'], groups: ['finance'] },
      limits: { maxModelCalls: 10, maxToolCalls: 20, maxTokens: 50000 },
      answerSchema: '{ "type": "object" }',
    });
  });

  it('given script, call, receive and multi-instance settings, when imported, then they land on their typed fields', async () => {
    const { model } = await importOk(processXml(OTHERS));
    expect(element(model, 'Score_1', 'scriptTask')).toMatchObject({ expression: '=amount / 10', resultVariable: 'score' });
    expect(element(model, 'Call_1', 'callActivity')).toMatchObject({ calledElement: 'child-v', calledVersion: 3, propagateAllChildVariables: false });
    expect(element(model, 'Wait_1', 'receiveTask').correlationKey).toBe('=orderId');
    expect(element(model, 'Review_1', 'userTask').loop).toEqual({
      kind: 'multiInstance',
      isSequential: false,
      collection: '=reviewers',
      elementVariable: 'reviewer',
      outputCollection: 'reviews',
      outputElement: '=review',
    });
  });

  it('given Baton and zeebe settings for the same thing, when imported, then Baton wins and zeebe stays as an extension', async () => {
    const { model } = await importOk(
      processXml(`<bpmn:serviceTask id="T"><bpmn:extensionElements>
        <zeebe:taskDefinition type="from-zeebe"/><baton:taskDefinition type="from-baton"/></bpmn:extensionElements></bpmn:serviceTask>`),
    );
    const task = element(model, 'T', 'serviceTask');
    expect(task.job?.type).toBe('from-baton');
    expect(task.extensions.map((x) => x.name)).toEqual(['taskDefinition']);
    expect(task.extensions[0].ns).toBe('http://camunda.org/schema/zeebe/1.0');
  });
});

describe('Baton extensions: invalid values', () => {
  it.each([
    ['<baton:taskDefinition type="pay"/><baton:retry attempts="0"/>', 'attribute "attempts" of <baton:retry>'],
    ['<baton:taskDefinition type="pay"/><baton:retry jitter="2"/>', 'attribute "jitter" of <baton:retry>'],
    ['<baton:taskDefinition type=""/>', 'attribute "type" of <baton:taskDefinition>'],
    ['<baton:http method="FETCH" url="=u"/>', 'attribute "method" of <baton:http>'],
    ['<baton:agent><baton:limits maxModelCalls="many"/></baton:agent>', 'attribute "limits.maxModelCalls" of <baton:agent>'],
  ])('given %s on a service task, when imported, then it is refused naming the attribute', async (ext, where) => {
    const result = await importBpmn(processXml(`<bpmn:serviceTask id="Svc_1"><bpmn:extensionElements>${ext}</bpmn:extensionElements></bpmn:serviceTask>`));
    const f = expectRejected(result, 'baton-extension-invalid');
    expect(f.elementId).toBe('Svc_1');
    expect(f.message).toContain(`${where} on "Svc_1"`);
  });

  it('given a form field of an unknown type, when imported, then the finding names the field attribute', async () => {
    const result = await importBpmn(
      processXml(`<bpmn:userTask id="U_1"><bpmn:extensionElements><baton:form>
        <baton:field key="x" type="slider"/></baton:form></bpmn:extensionElements></bpmn:userTask>`),
    );
    expect(expectRejected(result, 'baton-extension-invalid').message).toContain('attribute "type" of <baton:field>');
  });

  it('given a retry without a task definition, when imported, then it is refused', async () => {
    const result = await importBpmn(processXml('<bpmn:serviceTask id="S_1"><bpmn:extensionElements><baton:retry attempts="3"/></bpmn:extensionElements></bpmn:serviceTask>'));
    expect(expectRejected(result, 'baton-extension-invalid').message).toContain('needs a <baton:taskDefinition>');
  });

  it('given a setting on an element that does not carry it, when imported, then it is left out with a warning', async () => {
    const { model, warnings } = await importOk(
      processXml('<bpmn:task id="Plain_1"><bpmn:extensionElements><baton:assignment assignee="ann"/><baton:unheardOf/></bpmn:extensionElements></bpmn:task>'),
    );
    expect(element(model, 'Plain_1', 'task')).not.toHaveProperty('assignment');
    expect(warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['extension-ignored', 'baton-extension-unknown']));
  });
});

describe('Baton extensions: writing', () => {
  it('given the settings read from Baton elements, when written and read again, then they are unchanged', () => {
    const items = [
      b('taskDefinition', { type: 'payment', timeout: 'PT30S' }),
      b('retry', { attempts: '4', jitter: '0.5' }),
      b('assignment', { candidateUsers: 'ann,bob', priority: '=urgency' }),
      b('form', {}, [b('field', { key: 'ok', type: 'boolean', required: 'false' })]),
      b('visibleVariables', { names: '' }),
      b('fourEyes', { notStarter: 'false' }),
      b('escalationPolicy', {}, [b('step', { after: 'PT1H', action: 'remind' })]),
      b('ioMapping', {}, [b('input', { source: '=a', target: 'b' })]),
      b('script', { expression: '=1' }),
      b('calledElement', { processId: 'p', version: 'latest', propagateAllChildVariables: 'true' }),
      b('subscription', { correlationKey: '=k' }),
      b('multiInstance', { collection: '=xs' }),
      b('http', { url: '=u' }, [b('body', {}, [], 'line 1\nline 2')]),
      b('agent', {}, [b('goal', {}, [], 'Be brief.'), b('tool', { name: 'search' })]),
      b('sla', { target: 'P1D' }),
    ];
    const original = readBatonExtensions(items, 'X');
    expect(original.findings).toEqual([]);
    expect(original.settings.visibleVariables).toEqual([]);
    expect(original.settings.http?.body).toBe('line 1\nline 2');
    const written = writeBatonExtensions(original.settings);
    expect(written.every((x) => x.ns === BATON_NS)).toBe(true);
    expect(readBatonExtensions(written, 'X').settings).toEqual(original.settings);
  });

  it('given no settings, when written, then there are no Baton elements', () => {
    expect(writeBatonExtensions({})).toEqual([]);
  });

  it('given a model with Baton settings, when exported, then Baton elements appear under the baton prefix and read back equal', async () => {
    const { model } = await importOk(processXml(`${USER_TASK}${SERVICE_TASKS}${OTHERS}`));
    const xml = await exportBpmn(model);
    expect(xml).toContain(`xmlns:baton="${BATON_NS}"`);
    expect(xml).toContain('<baton:retry attempts="5" initialBackoff="PT2S" factor="3" maxBackoff="PT1M" jitter="0.2" />');
    expect(xml).toContain('<baton:assignment assignee="=starter" candidateGroups="finance,compliance" dueDate="P2D" followUpDate="P1D" priority="50" />');
    expect(xml).toMatch(/<baton:field key="decision" label="Decision" type="select" required="true">\s*<baton:option value="approve" label="Approve" \/>/);
    expect(xml).toContain('<baton:systemPrompt>You check invoices.</baton:systemPrompt>');
    const again = await importOk(xml);
    expect(again.model.elements).toEqual(model.elements);
  });
});

function b(name: string, attrs: Record<string, string>, children: XmlElement[] = [], text?: string): XmlElement {
  return { ns: BATON_NS, name, attrs, children, ...(text !== undefined ? { text } : {}) };
}
