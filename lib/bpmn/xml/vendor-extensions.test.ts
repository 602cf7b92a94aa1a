import { describe, expect, it } from 'vitest';
import { exportBpmn } from './export-bpmn';
import { element, importOk, NS, processXml } from './test-fixtures';
import { CAMUNDA_NS, ZEEBE_NS } from './vendor-extensions';

describe('Camunda 8 (zeebe) extensions', () => {
  it('given a zeebe service task, when imported, then job type, retries and io mapping are typed and the zeebe elements kept', async () => {
    const { model } = await importOk(
      processXml(`<bpmn:serviceTask id="Charge_1"><bpmn:extensionElements>
        <zeebe:taskDefinition type="charge-card" retries="5"/>
        <zeebe:ioMapping><zeebe:input source="=order.total" target="amount"/><zeebe:output source="=result" target="charged"/></zeebe:ioMapping>
        <zeebe:taskHeaders><zeebe:header key="k" value="v"/></zeebe:taskHeaders>
      </bpmn:extensionElements></bpmn:serviceTask>`),
    );
    const task = element(model, 'Charge_1', 'serviceTask');
    expect(task.job).toEqual({ type: 'charge-card', retry: { attempts: 5, initialBackoff: 'PT1S', factor: 2, jitter: 0 } });
    expect(task.ioMapping).toEqual({ inputs: [{ source: '=order.total', target: 'amount' }], outputs: [{ source: '=result', target: 'charged' }] });
    expect(task.extensions.map((x) => `${x.ns} ${x.name}`)).toEqual([
      `${ZEEBE_NS} taskDefinition`,
      `${ZEEBE_NS} ioMapping`,
      `${ZEEBE_NS} taskHeaders`,
    ]);
  });

  it('given retries as a FEEL expression, when imported, then the job type is read and the retries are left to the extension', async () => {
    const { model, warnings } = await importOk(
      processXml('<bpmn:serviceTask id="T"><bpmn:extensionElements><zeebe:taskDefinition type="t" retries="=n"/></bpmn:extensionElements></bpmn:serviceTask>'),
    );
    expect(element(model, 'T', 'serviceTask').job).toEqual({ type: 't' });
    expect(warnings).toEqual([]);
  });

  it('given a zeebe user task, when imported, then assignment, schedule, priority and form key are typed', async () => {
    const { model } = await importOk(
      processXml(`<bpmn:userTask id="Review_1"><bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="=owner" candidateGroups="sales, ops" candidateUsers="ann"/>
        <zeebe:taskSchedule dueDate="=now() + duration(&quot;P2D&quot;)" followUpDate="2030-01-01T00:00:00Z"/>
        <zeebe:priorityDefinition priority="75"/>
        <zeebe:formDefinition formKey="review-form"/>
      </bpmn:extensionElements></bpmn:userTask>`),
    );
    const task = element(model, 'Review_1', 'userTask');
    expect(task.assignment).toEqual({
      assignee: '=owner',
      candidateGroups: ['sales', 'ops'],
      candidateUsers: ['ann'],
      dueDate: '=now() + duration("P2D")',
      followUpDate: '2030-01-01T00:00:00Z',
      priority: '75',
    });
    expect(task.form).toEqual({ fields: [], formKey: 'review-form' });
  });

  it('given zeebe call activity, script and multi-instance settings, when imported, then they are typed', async () => {
    const { model } = await importOk(
      processXml(`
        <bpmn:callActivity id="Call_1"><bpmn:extensionElements><zeebe:calledElement processId="child" propagateAllChildVariables="false"/></bpmn:extensionElements></bpmn:callActivity>
        <bpmn:scriptTask id="Script_1"><bpmn:extensionElements><zeebe:script expression="=a + b" resultVariable="sum"/></bpmn:extensionElements></bpmn:scriptTask>
        <bpmn:serviceTask id="Each_1"><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements>
          <zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result"/>
        </bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>`),
    );
    expect(element(model, 'Call_1', 'callActivity')).toMatchObject({ calledElement: 'child', propagateAllChildVariables: false });
    expect(element(model, 'Script_1', 'scriptTask')).toMatchObject({ expression: '=a + b', resultVariable: 'sum' });
    const each = element(model, 'Each_1', 'serviceTask');
    expect(each.loop).toEqual({
      kind: 'multiInstance',
      isSequential: true,
      collection: '=items',
      elementVariable: 'item',
      outputCollection: 'results',
      outputElement: '=result',
    });
    // The zeebe element inside the loop survives an export.
    const again = await importOk(await exportBpmn(model));
    expect(again.model.elements).toEqual(model.elements);
    expect(JSON.stringify(again.model.elements.find((e) => e.id === 'Each_1')?.extras)).toContain('loopCharacteristics');
  });

  it('given a zeebe subscription on the message, when a receive task and a catch event refer to it, then both get the correlation key', async () => {
    const { model } = await importOk(
      processXml(
        `<bpmn:receiveTask id="Wait_1" messageRef="Msg_1"/>
         <bpmn:intermediateCatchEvent id="Catch_1"><bpmn:messageEventDefinition messageRef="Msg_1"/></bpmn:intermediateCatchEvent>`,
        `<bpmn:message id="Msg_1" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    expect(element(model, 'Wait_1', 'receiveTask').correlationKey).toBe('=orderId');
    expect(element(model, 'Catch_1', 'intermediateCatchEvent').correlationKey).toBe('=orderId');
    expect(model.globals.messages[0].extensions[0]).toMatchObject({ ns: ZEEBE_NS, name: 'subscription' });
  });
});

describe('Camunda 7 attributes', () => {
  it('given camunda user task attributes, when imported, then the assignment is typed and the attributes kept', async () => {
    const { model } = await importOk(
      processXml(
        '<bpmn:userTask id="U_1" camunda:assignee="${initiator}" camunda:candidateGroups="management,sales" camunda:candidateUsers="kermit" camunda:dueDate="P3D" camunda:followUpDate="P1D" camunda:priority="20" camunda:formKey="embedded:app:forms/x.html"/>',
      ),
    );
    const task = element(model, 'U_1', 'userTask');
    expect(task.assignment).toEqual({
      assignee: '${initiator}',
      candidateGroups: ['management', 'sales'],
      candidateUsers: ['kermit'],
      dueDate: 'P3D',
      followUpDate: 'P1D',
      priority: '20',
    });
    expect(task.form?.formKey).toBe('embedded:app:forms/x.html');
    expect(task.attrs[`{${CAMUNDA_NS}}assignee`]).toBe('${initiator}');
  });

  it('given an external task, a call activity version, a script result and a multi-instance collection, when imported, then they are typed', async () => {
    const { model } = await importOk(
      processXml(`
        <bpmn:serviceTask id="Ext_1" camunda:type="external" camunda:topic="invoice-creator"/>
        <bpmn:callActivity id="Call_1" calledElement="child" camunda:calledElementBinding="version" camunda:calledElementVersion="7"/>
        <bpmn:scriptTask id="S_1" scriptFormat="groovy" camunda:resultVariable="total"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>
        <bpmn:userTask id="Mi_1"><bpmn:multiInstanceLoopCharacteristics camunda:collection="\${assignees}" camunda:elementVariable="assignee"/></bpmn:userTask>`),
    );
    expect(element(model, 'Ext_1', 'serviceTask').job).toEqual({ type: 'invoice-creator' });
    expect(element(model, 'Call_1', 'callActivity')).toMatchObject({ calledElement: 'child', calledVersion: 7 });
    expect(element(model, 'S_1', 'scriptTask')).toMatchObject({ script: '1 + 1', scriptFormat: 'groovy', resultVariable: 'total' });
    expect(element(model, 'Mi_1', 'userTask').loop).toMatchObject({ collection: '${assignees}', elementVariable: 'assignee' });
  });

  it('given camunda attributes on an event definition, when exported and imported again, then they are kept', async () => {
    const { model } = await importOk(
      processXml(`<bpmn:task id="T"/><bpmn:boundaryEvent id="B" attachedToRef="T">
        <bpmn:errorEventDefinition camunda:errorCodeVariable="code" camunda:errorMessageVariable="message"/></bpmn:boundaryEvent>`),
    );
    const attrs = { [`{${CAMUNDA_NS}}errorCodeVariable`]: 'code', [`{${CAMUNDA_NS}}errorMessageVariable`]: 'message' };
    expect(element(model, 'B', 'boundaryEvent').eventDefinitions[0].attrs).toEqual(attrs);
    const again = await importOk(await exportBpmn(model));
    expect(element(again.model, 'B', 'boundaryEvent').eventDefinitions[0].attrs).toEqual(attrs);
  });

  it('given the camunda prefix bound to another namespace, when imported, then nothing is read as Camunda 7 (namespaces match by URI)', async () => {
    const xml = processXml('<bpmn:userTask id="U_1" camunda:assignee="x"/>').replace(`xmlns:camunda="${NS.camunda}"`, 'xmlns:camunda="http://activiti.org/bpmn"');
    const { model } = await importOk(xml);
    const task = element(model, 'U_1', 'userTask');
    expect(task.assignment).toBeUndefined();
    expect(task.attrs).toEqual({ '{http://activiti.org/bpmn}assignee': 'x' });
  });
});
