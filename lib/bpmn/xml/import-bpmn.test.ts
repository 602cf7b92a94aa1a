import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBpmnBytes } from './decode-bpmn';
import { importBpmn, MAX_BPMN_BYTES } from './import-bpmn';
import { definitions, element, expectRejected, importOk, NS, processXml } from './test-fixtures';

describe('importBpmn: flow elements', () => {
  it('given every kind of event, when imported, then types and event definitions are typed', async () => {
    const { model } = await importOk(
      processXml(`
      <bpmn:startEvent id="Start_1" name="Order in" isInterrupting="false"><bpmn:messageEventDefinition id="MED_1" messageRef="Message_1"/></bpmn:startEvent>
      <bpmn:intermediateCatchEvent id="Wait_1"><bpmn:timerEventDefinition>
        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT5M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="Date_1"><bpmn:timerEventDefinition><bpmn:timeDate>2030-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="Cycle_1"><bpmn:timerEventDefinition>
        <bpmn:timeCycle xsi:type="bpmn:tFormalExpression" language="cron">0 0 * * *</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:intermediateThrowEvent id="Link_1"><bpmn:linkEventDefinition name="toEnd"/></bpmn:intermediateThrowEvent>
      <bpmn:intermediateThrowEvent id="Signal_1"><bpmn:signalEventDefinition signalRef="Sig_1"/></bpmn:intermediateThrowEvent>
      <bpmn:intermediateThrowEvent id="Esc_1"><bpmn:escalationEventDefinition escalationRef="Escalation_1"/></bpmn:intermediateThrowEvent>
      <bpmn:intermediateThrowEvent id="Comp_1"><bpmn:compensateEventDefinition activityRef="Task_1" waitForCompletion="false"/></bpmn:intermediateThrowEvent>
      <bpmn:intermediateCatchEvent id="Cond_1"><bpmn:conditionalEventDefinition>
        <bpmn:condition xsi:type="bpmn:tFormalExpression" language="feel">=amount &gt; 10</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:task id="Task_1"/>
      <bpmn:endEvent id="End_1"><bpmn:terminateEventDefinition/></bpmn:endEvent>
      <bpmn:endEvent id="End_2"><bpmn:errorEventDefinition errorRef="Error_1"/></bpmn:endEvent>`,
        `<bpmn:message id="Message_1" name="order"/><bpmn:signal id="Sig_1" name="go"/>
         <bpmn:escalation id="Escalation_1" escalationCode="ESC"/><bpmn:error id="Error_1" errorCode="E42"/>`,
      ),
    );

    expect(element(model, 'Start_1', 'startEvent')).toMatchObject({
      name: 'Order in',
      isInterrupting: false,
      eventDefinitions: [{ kind: 'message', id: 'MED_1', messageRef: 'Message_1' }],
    });
    expect(element(model, 'Wait_1', 'intermediateCatchEvent').eventDefinitions).toEqual([
      { kind: 'timer', extensions: [], timeDuration: { body: 'PT5M' } },
    ]);
    expect(element(model, 'Date_1', 'intermediateCatchEvent').eventDefinitions[0]).toMatchObject({ timeDate: { body: '2030-01-01T00:00:00Z' } });
    expect(element(model, 'Cycle_1', 'intermediateCatchEvent').eventDefinitions[0]).toMatchObject({
      timeCycle: { body: '0 0 * * *', language: 'cron' },
    });
    expect(element(model, 'Link_1', 'intermediateThrowEvent').eventDefinitions[0]).toMatchObject({ kind: 'link', linkName: 'toEnd' });
    expect(element(model, 'Signal_1', 'intermediateThrowEvent').eventDefinitions[0]).toMatchObject({ kind: 'signal', signalRef: 'Sig_1' });
    expect(element(model, 'Esc_1', 'intermediateThrowEvent').eventDefinitions[0]).toMatchObject({ escalationRef: 'Escalation_1' });
    expect(element(model, 'Comp_1', 'intermediateThrowEvent').eventDefinitions[0]).toMatchObject({
      kind: 'compensate',
      activityRef: 'Task_1',
      waitForCompletion: false,
    });
    expect(element(model, 'Cond_1', 'intermediateCatchEvent').eventDefinitions[0]).toMatchObject({
      kind: 'conditional',
      condition: { body: '=amount > 10', language: 'feel' },
    });
    expect(element(model, 'End_1', 'endEvent').eventDefinitions[0].kind).toBe('terminate');
    expect(element(model, 'End_2', 'endEvent').eventDefinitions[0]).toMatchObject({ kind: 'error', errorRef: 'Error_1' });
    expect(model.globals.errors).toMatchObject([{ id: 'Error_1', errorCode: 'E42' }]);
    expect(model.globals.escalations).toMatchObject([{ id: 'Escalation_1', escalationCode: 'ESC' }]);
    expect(model.globals.signals).toMatchObject([{ id: 'Sig_1', name: 'go' }]);
    expect(model.globals.messages).toMatchObject([{ id: 'Message_1', name: 'order' }]);
  });

  it('given every kind of task, when imported, then each keeps its own fields', async () => {
    const { model } = await importOk(
      processXml(
        `
      <bpmn:task id="T_task"/><bpmn:manualTask id="T_manual"/><bpmn:userTask id="T_user"/>
      <bpmn:scriptTask id="T_script" scriptFormat="javascript"><bpmn:script>next(null, 1);</bpmn:script></bpmn:scriptTask>
      <bpmn:serviceTask id="T_service"/><bpmn:businessRuleTask id="T_rule"/>
      <bpmn:sendTask id="T_send" messageRef="Message_1"/><bpmn:receiveTask id="T_receive" messageRef="Message_1"/>
      <bpmn:callActivity id="T_call" calledElement="child-process"/>`,
        '<bpmn:message id="Message_1" name="m"/>',
      ),
    );
    expect(model.elements.map((e) => e.type)).toEqual([
      'task', 'manualTask', 'userTask', 'scriptTask', 'serviceTask', 'businessRuleTask', 'sendTask', 'receiveTask', 'callActivity',
    ]);
    expect(element(model, 'T_script', 'scriptTask')).toMatchObject({ scriptFormat: 'javascript', script: 'next(null, 1);' });
    expect(element(model, 'T_send', 'sendTask').messageRef).toBe('Message_1');
    expect(element(model, 'T_receive', 'receiveTask').messageRef).toBe('Message_1');
    expect(element(model, 'T_call', 'callActivity')).toMatchObject({ calledElement: 'child-process', calledVersion: 'latest' });
  });

  it('given loops on activities, when imported, then multi-instance and standard loops are typed', async () => {
    const { model } = await importOk(
      processXml(`
      <bpmn:userTask id="Mi_1"><bpmn:multiInstanceLoopCharacteristics isSequential="true">
        <bpmn:loopCardinality>3</bpmn:loopCardinality>
        <bpmn:completionCondition>=nrOfCompletedInstances &gt;= 2</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
      <bpmn:task id="Loop_1"><bpmn:standardLoopCharacteristics testBefore="true" loopMaximum="5">
        <bpmn:loopCondition>=done</bpmn:loopCondition></bpmn:standardLoopCharacteristics></bpmn:task>`),
    );
    expect(element(model, 'Mi_1', 'userTask').loop).toEqual({
      kind: 'multiInstance',
      isSequential: true,
      loopCardinality: '3',
      completionCondition: '=nrOfCompletedInstances >= 2',
    });
    expect(element(model, 'Loop_1', 'task').loop).toEqual({ kind: 'standardLoop', testBefore: true, loopMaximum: 5, loopCondition: '=done' });
  });

  it('given gateways, when imported, then defaults, directions and event gateway settings are typed', async () => {
    const { model } = await importOk(
      processXml(`
      <bpmn:exclusiveGateway id="Xor_1" default="Flow_b" gatewayDirection="Diverging"/>
      <bpmn:inclusiveGateway id="Or_1" default="Flow_c"/><bpmn:complexGateway id="Cx_1"/>
      <bpmn:parallelGateway id="And_1"/><bpmn:eventBasedGateway id="Ev_1" instantiate="true" eventGatewayType="Parallel"/>
      <bpmn:task id="A"/><bpmn:task id="B"/>
      <bpmn:sequenceFlow id="Flow_a" sourceRef="Xor_1" targetRef="A">
        <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="feel">=x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="Flow_b" sourceRef="Xor_1" targetRef="B"/>
      <bpmn:sequenceFlow id="Flow_c" sourceRef="Or_1" targetRef="B"><bpmn:conditionExpression>\${y}</bpmn:conditionExpression></bpmn:sequenceFlow>`),
    );
    expect(element(model, 'Xor_1', 'exclusiveGateway')).toMatchObject({ default: 'Flow_b', gatewayDirection: 'Diverging' });
    expect(element(model, 'Or_1', 'inclusiveGateway').default).toBe('Flow_c');
    expect(element(model, 'Cx_1', 'complexGateway').type).toBe('complexGateway');
    expect(element(model, 'And_1', 'parallelGateway').type).toBe('parallelGateway');
    expect(element(model, 'Ev_1', 'eventBasedGateway')).toMatchObject({ instantiate: true, eventGatewayType: 'Parallel' });
    expect(model.flows).toMatchObject([
      { id: 'Flow_a', sourceRef: 'Xor_1', targetRef: 'A', condition: { body: '=x > 1', language: 'feel' } },
      { id: 'Flow_b', sourceRef: 'Xor_1', targetRef: 'B' },
      { id: 'Flow_c', condition: { body: '${y}' } },
    ]);
    expect(model.flows[1].condition).toBeUndefined();
  });

  it('given a boundary event, when imported, then it names the activity it is attached to', async () => {
    const { model } = await importOk(
      processXml(`
      <bpmn:task id="Task_1"/>
      <bpmn:boundaryEvent id="Timeout_1" attachedToRef="Task_1" cancelActivity="false">
        <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`),
    );
    expect(element(model, 'Timeout_1', 'boundaryEvent')).toMatchObject({ attachedToRef: 'Task_1', cancelActivity: false, parentId: 'Process_1' });
  });

  it('given nested sub-processes (one collapsed in the diagram), when imported, then children are flat with parentId = the sub-process', async () => {
    const { model } = await importOk(
      processXml(
        `
      <bpmn:subProcess id="Sub_1">
        <bpmn:startEvent id="SubStart"/>
        <bpmn:subProcess id="Sub_2" triggeredByEvent="true"><bpmn:task id="Inner"/></bpmn:subProcess>
        <bpmn:sequenceFlow id="Flow_in" sourceRef="SubStart" targetRef="Sub_2"/>
      </bpmn:subProcess>
      <bpmn:transaction id="Tx_1"><bpmn:task id="TxTask"/></bpmn:transaction>
      <bpmn:adHocSubProcess id="AdHoc_1" ordering="Sequential"><bpmn:completionCondition>=done</bpmn:completionCondition><bpmn:task id="AdHocTask"/></bpmn:adHocSubProcess>`,
        `<bpmndi:BPMNDiagram id="D_1"><bpmndi:BPMNPlane id="P_1" bpmnElement="Process_1">
          <bpmndi:BPMNShape id="Sub_1_di" bpmnElement="Sub_1" isExpanded="false"><dc:Bounds x="0" y="0" width="100" height="80"/></bpmndi:BPMNShape>
        </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`,
      ),
    );
    const parents = Object.fromEntries(model.elements.map((e) => [e.id, e.parentId]));
    expect(parents).toEqual({
      Sub_1: 'Process_1', SubStart: 'Sub_1', Sub_2: 'Sub_1', Inner: 'Sub_2',
      Tx_1: 'Process_1', TxTask: 'Tx_1', AdHoc_1: 'Process_1', AdHocTask: 'AdHoc_1',
    });
    expect(model.flows[0]).toMatchObject({ id: 'Flow_in', parentId: 'Sub_1' });
    expect(element(model, 'Sub_2', 'subProcess').triggeredByEvent).toBe(true);
    expect(element(model, 'AdHoc_1', 'adHocSubProcess')).toMatchObject({ ordering: 'Sequential', completionCondition: '=done' });
    expect(model.diagrams[0].shapes[0]).toMatchObject({ bpmnElement: 'Sub_1', isExpanded: false });
  });

  it('given lanes with a nested lane set, when imported, then lanes, child lanes and members are kept', async () => {
    const { model } = await importOk(
      processXml(`
      <bpmn:laneSet id="LaneSet_1">
        <bpmn:lane id="Lane_A" name="Sales"><bpmn:flowNodeRef>Task_1</bpmn:flowNodeRef>
          <bpmn:childLaneSet id="LaneSet_2"><bpmn:lane id="Lane_A1" name="Inside"><bpmn:flowNodeRef>Task_2</bpmn:flowNodeRef></bpmn:lane></bpmn:childLaneSet>
        </bpmn:lane>
        <bpmn:lane id="Lane_B" name="Ops"/>
      </bpmn:laneSet>
      <bpmn:task id="Task_1"/><bpmn:task id="Task_2"/>`),
    );
    expect(model.processes[0].laneSets).toEqual([
      {
        id: 'LaneSet_1',
        lanes: [
          {
            id: 'Lane_A', name: 'Sales', flowNodeRefs: ['Task_1'], extensions: [], attrs: {},
            childLanes: [{ id: 'Lane_A1', name: 'Inside', flowNodeRefs: ['Task_2'], childLanes: [], extensions: [], attrs: {} }],
          },
          { id: 'Lane_B', name: 'Ops', flowNodeRefs: [], childLanes: [], extensions: [], attrs: {} },
        ],
      },
    ]);
  });

  it('given a collaboration, when imported, then participants and message flows are typed', async () => {
    const { model } = await importOk(
      definitions(`
      <bpmn:collaboration id="Collab_1">
        <bpmn:participant id="Pool_A" name="Shop" processRef="Process_A"/><bpmn:participant id="Pool_B" name="Customer"/>
        <bpmn:messageFlow id="MF_1" sourceRef="Send_1" targetRef="Pool_B" messageRef="Msg_1"/>
        <bpmn:textAnnotation id="Note_C"><bpmn:text>on the collaboration</bpmn:text></bpmn:textAnnotation>
      </bpmn:collaboration>
      <bpmn:process id="Process_A"><bpmn:sendTask id="Send_1"/></bpmn:process>
      <bpmn:message id="Msg_1" name="invoice"/>`),
    );
    expect(model.collaboration).toMatchObject({
      id: 'Collab_1',
      participants: [{ id: 'Pool_A', name: 'Shop', processRef: 'Process_A' }, { id: 'Pool_B', name: 'Customer' }],
      messageFlows: [{ id: 'MF_1', sourceRef: 'Send_1', targetRef: 'Pool_B', messageRef: 'Msg_1' }],
    });
    expect(model.artifacts).toMatchObject([{ type: 'textAnnotation', id: 'Note_C', parentId: 'Collab_1', text: 'on the collaboration' }]);
  });

  it('given annotations, associations, groups and data, when imported, then they are artifacts of their container', async () => {
    const { model } = await importOk(
      processXml(
        `
      <bpmn:task id="Task_1"/>
      <bpmn:dataObject id="DataObject_1" isCollection="true"/>
      <bpmn:dataObjectReference id="DOR_1" name="Invoice" dataObjectRef="DataObject_1"/>
      <bpmn:dataStoreReference id="DSR_1" dataStoreRef="Store_1"/>
      <bpmn:textAnnotation id="Note_1"><bpmn:text>Check twice</bpmn:text></bpmn:textAnnotation>
      <bpmn:association id="Assoc_1" sourceRef="Task_1" targetRef="Note_1" associationDirection="One"/>
      <bpmn:group id="Group_1" categoryValueRef="CV_1"/>`,
        `<bpmn:dataStore id="Store_1" name="ERP"/>
         <bpmn:category id="Cat_1"><bpmn:categoryValue id="CV_1" value="Finance"/></bpmn:category>`,
      ),
    );
    const byId = Object.fromEntries(model.artifacts.map((a) => [a.id, a]));
    expect(byId.DataObject_1).toMatchObject({ type: 'dataObject', isCollection: true, parentId: 'Process_1' });
    expect(byId.DOR_1).toMatchObject({ type: 'dataObjectReference', name: 'Invoice', dataObjectRef: 'DataObject_1' });
    expect(byId.DSR_1).toMatchObject({ type: 'dataStoreReference', dataStoreRef: 'Store_1' });
    expect(byId.Note_1).toMatchObject({ type: 'textAnnotation', text: 'Check twice' });
    expect(byId.Assoc_1).toMatchObject({ type: 'association', sourceRef: 'Task_1', targetRef: 'Note_1', associationDirection: 'One' });
    expect(byId.Group_1).toMatchObject({ type: 'group', categoryValueRef: 'CV_1' });
    expect(model.globals.other).toEqual([
      { $type: 'bpmn:DataStore', id: 'Store_1', name: 'ERP' },
      { $type: 'bpmn:Category', id: 'Cat_1', categoryValue: [{ $type: 'bpmn:CategoryValue', id: 'CV_1', value: 'Finance' }] },
    ]);
  });

  it('given content the model does not type, when imported, then it is kept as generic JSON in extras', async () => {
    const { model } = await importOk(
      processXml(`
      <bpmn:documentation>The main flow</bpmn:documentation>
      <bpmn:serviceTask id="Task_1" implementation="##WebService">
        <bpmn:documentation>Calls the ERP</bpmn:documentation>
        <bpmn:ioSpecification><bpmn:dataInput id="In_1" name="order"/><bpmn:inputSet><bpmn:dataInputRefs>In_1</bpmn:dataInputRefs></bpmn:inputSet></bpmn:ioSpecification>
      </bpmn:serviceTask>`),
    );
    const task = element(model, 'Task_1', 'serviceTask');
    expect(task.documentation).toBe('Calls the ERP');
    expect(model.processes[0].documentation).toBe('The main flow');
    expect(task.extras).toEqual({
      implementation: '##WebService',
      ioSpecification: {
        $type: 'bpmn:InputOutputSpecification',
        dataInputs: [{ $type: 'bpmn:DataInput', id: 'In_1', name: 'order' }],
        inputSets: [{ $type: 'bpmn:InputSet', dataInputRefs: ['In_1'] }],
      },
    });
  });

  it('given vendor extensions and attributes under any prefix, when imported, then they are kept verbatim keyed by namespace URI', async () => {
    const { model } = await importOk(
      definitions(
        `<bpmn:process id="Process_1" v:flag="yes">
          <bpmn:task id="Task_1" name="Prüfen – ✓" other:level="3">
            <bpmn:extensionElements>
              <v:meta kind="a" other:hint="x"><v:entry key="k">some text</v:entry></v:meta>
            </bpmn:extensionElements>
          </bpmn:task>
        </bpmn:process>`,
        'xmlns:v="urn:vendor" xmlns:other="urn:other" other:stamp="1"',
      ),
    );
    expect(model.definitions.attrs).toEqual({ '{urn:other}stamp': '1' });
    expect(model.processes[0].attrs).toEqual({ '{urn:vendor}flag': 'yes' });
    const task = element(model, 'Task_1', 'task');
    expect(task.name).toBe('Prüfen – ✓');
    expect(task.attrs).toEqual({ '{urn:other}level': '3' });
    expect(task.extensions).toEqual([
      {
        ns: 'urn:vendor',
        name: 'meta',
        attrs: { kind: 'a', '{urn:other}hint': 'x' },
        children: [{ ns: 'urn:vendor', name: 'entry', attrs: { key: 'k' }, children: [], text: 'some text' }],
      },
    ]);
  });

  it('given the diagram, when imported, then shapes, edges, labels, flags and colours are kept', async () => {
    const { model } = await importOk(
      processXml(
        `<bpmn:task id="Task_1"/><bpmn:exclusiveGateway id="Gw_1"/><bpmn:sequenceFlow id="Flow_1" sourceRef="Task_1" targetRef="Gw_1"/>`,
        `<bpmndi:BPMNDiagram id="D_1" name="Main"><bpmndi:BPMNPlane id="P_1" bpmnElement="Process_1">
          <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1" bioc:stroke="#831311" color:background-color="#ffcdd2">
            <dc:Bounds x="10.5" y="20" width="100" height="80"/>
            <bpmndi:BPMNLabel color:color="#831311"><dc:Bounds x="12" y="110" width="40" height="14"/></bpmndi:BPMNLabel>
          </bpmndi:BPMNShape>
          <bpmndi:BPMNShape id="Gw_1_di" bpmnElement="Gw_1" isMarkerVisible="true" isHorizontal="true"><dc:Bounds x="200" y="35" width="50" height="50"/></bpmndi:BPMNShape>
          <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="110.5" y="60"/><di:waypoint x="200" y="60"/>
            <bpmndi:BPMNLabel><dc:Bounds x="150" y="40" width="20" height="14"/></bpmndi:BPMNLabel></bpmndi:BPMNEdge>
        </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        <bpmndi:BPMNDiagram id="D_2"><bpmndi:BPMNPlane id="P_2" bpmnElement="Process_1"/></bpmndi:BPMNDiagram>`,
      ),
    );
    expect(model.diagrams).toHaveLength(2);
    const [main] = model.diagrams;
    expect(main).toMatchObject({ id: 'D_1', name: 'Main', plane: { id: 'P_1', bpmnElement: 'Process_1' } });
    expect(main.shapes[0]).toEqual({
      id: 'Task_1_di',
      bpmnElement: 'Task_1',
      bounds: { x: 10.5, y: 20, width: 100, height: 80 },
      label: { bounds: { x: 12, y: 110, width: 40, height: 14 }, attrs: { [`{${NS.color}}color`]: '#831311' } },
      attrs: { [`{${NS.bioc}}stroke`]: '#831311', [`{${NS.color}}background-color`]: '#ffcdd2' },
    });
    expect(main.shapes[1]).toMatchObject({ isMarkerVisible: true, isHorizontal: true });
    expect(main.edges[0]).toMatchObject({
      bpmnElement: 'Flow_1',
      waypoints: [{ x: 110.5, y: 60 }, { x: 200, y: 60 }],
      label: { bounds: { x: 150, y: 40, width: 20, height: 14 } },
    });
  });
});

describe('importBpmn: what real files look like', () => {
  const body = (p: string) => `<${p}process id="Process_1"><${p}startEvent id="S"/><${p}task id="T" name="Go"/>
    <${p}sequenceFlow id="F" sourceRef="S" targetRef="T"/></${p}process>`;

  it.each([
    ['bpmn:', 'xmlns:bpmn'],
    ['bpmn2:', 'xmlns:bpmn2'],
    ['semantic:', 'xmlns:semantic'],
    ['model:', 'xmlns:model'],
    ['', 'xmlns'],
  ])('given the BPMN namespace under prefix "%s", when imported, then the same model results', async (prefix, decl) => {
    const xml = `<${prefix}definitions ${decl}="${NS.bpmn}" id="D" targetNamespace="urn:t">${body(prefix)}</${prefix}definitions>`;
    const { model } = await importOk(xml);
    expect(model.elements.map((e) => [e.id, e.type])).toEqual([['S', 'startEvent'], ['T', 'task']]);
    expect(model.flows).toMatchObject([{ id: 'F', sourceRef: 'S', targetRef: 'T' }]);
  });

  it('given ISO-8859-1 bytes with an encoding declaration, when decoded and imported, then non-ASCII names are right', async () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<definitions xmlns="${NS.bpmn}" id="D" targetNamespace="urn:t"><process id="P"><task id="T" name="Bestätigung für Müller"/></process></definitions>`;
    const bytes = Uint8Array.from(xml, (c) => c.charCodeAt(0));
    const { model } = await importOk(decodeBpmnBytes(bytes));
    expect(model.elements[0].name).toBe('Bestätigung für Müller');
  });

  it('given a file without an XML declaration and non-ASCII (UTF-8) names, when imported, then it reads', async () => {
    const xml = `<bpmn2:definitions xmlns:bpmn2="${NS.bpmn}" id="D" targetNamespace="urn:t"><bpmn2:process id="P"><bpmn2:task id="T" name="审批"/></bpmn2:process></bpmn2:definitions>`;
    const { model } = await importOk(decodeBpmnBytes(new TextEncoder().encode(xml)));
    expect(model.elements[0].name).toBe('审批');
  });

  it('given sequence flows without ids, when imported twice, then they get the same deterministic ids', async () => {
    const xml = processXml(`<bpmn:startEvent id="S"/><bpmn:task id="T"/><bpmn:task id="Flow_S_T"/>
      <bpmn:sequenceFlow sourceRef="S" targetRef="T"/><bpmn:sequenceFlow sourceRef="S" targetRef="T"/><bpmn:sequenceFlow sourceRef="T" targetRef="S"/>`);
    const first = await importOk(xml);
    const second = await importOk(xml);
    expect(first.model.flows.map((f) => f.id)).toEqual(['Flow_S_T_1', 'Flow_S_T_2', 'Flow_T_S']);
    expect(second.model.flows.map((f) => f.id)).toEqual(first.model.flows.map((f) => f.id));
  });

  it('given a QName reference into the own namespace, when imported, then it resolves to the local id', async () => {
    const xml = definitions(
      `<bpmn:process id="P"><bpmn:startEvent id="S"><bpmn:messageEventDefinition messageRef="tns:Msg_1"/></bpmn:startEvent></bpmn:process>
       <bpmn:message id="Msg_1" name="invoice"/>`,
      'xmlns:tns="urn:own"',
    ).replace('targetNamespace="http://bpmn.io/schema/bpmn"', 'targetNamespace="urn:own"');
    const { model } = await importOk(xml);
    expect(element(model, 'S', 'startEvent').eventDefinitions[0]).toMatchObject({ messageRef: 'Msg_1' });
  });

  it('given a diagram shape for an element that does not exist, when imported, then it imports with a warning', async () => {
    const { model, warnings } = await importOk(
      processXml(
        '<bpmn:task id="T"/>',
        `<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="Process_1">
          <bpmndi:BPMNShape id="Ghost_di" bpmnElement="Ghost"><dc:Bounds x="0" y="0" width="1" height="1"/></bpmndi:BPMNShape>
        </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`,
      ),
    );
    expect(model.diagrams[0].shapes[0].bpmnElement).toBe('Ghost');
    expect(warnings).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'unresolved-reference', elementId: 'Ghost_di' }));
  });
});

describe('importBpmn: refusals', () => {
  it('given text that is not well-formed XML, when imported, then it is refused with line and column', async () => {
    const result = await importBpmn(`<bpmn:definitions xmlns:bpmn="${NS.bpmn}" id="D">\n  <bpmn:process id="P">\n</bpmn:definitions>`);
    const f = expectRejected(result, 'xml-not-well-formed');
    expect(f.line).toBe(3);
    expect(f.column).toBeGreaterThan(0);
    expect(f.message).toMatch(/not well-formed XML at line 3/);
  });

  it('given an undeclared prefix (which bpmn-moddle would tolerate), when imported, then it is refused as not well-formed', async () => {
    const result = await importBpmn(`<definitions xmlns="${NS.bpmn}" id="D">\n<process id="P">\n  <bpmn:task id="T"/></process></definitions>`);
    const f = expectRejected(result, 'xml-not-well-formed');
    expect(f).toMatchObject({ line: 3, column: 3 });
    expect(f.message).toContain('"bpmn"');
  });

  it('given a document whose root is not BPMN definitions, when imported, then it is refused', async () => {
    expectRejected(await importBpmn(`<process xmlns="${NS.bpmn}" id="P"/>`), 'no-definitions');
    expectRejected(await importBpmn('<html><body/></html>'), 'no-definitions');
  });

  it('given empty text or plain words, when imported, then it is refused without throwing', async () => {
    expectRejected(await importBpmn(''), 'xml-not-well-formed');
    expectRejected(await importBpmn('hello world'), 'xml-not-well-formed');
    expectRejected(await importBpmn('<<<>>>'), 'xml-not-well-formed');
  });

  it('given a sequence flow to a missing element, when imported, then the finding names the flow and the missing id', async () => {
    const result = await importBpmn(processXml('<bpmn:task id="Task_1"/><bpmn:sequenceFlow id="Flow_1" sourceRef="Task_1" targetRef="Task_9"/>'));
    const f = expectRejected(result, 'unresolved-reference');
    expect(f.message).toBe('Sequence flow "Flow_1" points to "Task_9", which does not exist.');
    expect(f.elementId).toBe('Flow_1');
  });

  it('given two elements with one id, when imported, then it is refused naming the id', async () => {
    const f = expectRejected(await importBpmn(processXml('<bpmn:task id="Twice"/><bpmn:task id="Twice"/>')), 'duplicate-id');
    expect(f.elementId).toBe('Twice');
    expect(f.message).toContain('"Twice"');
  });

  it('given a boundary event without attachedToRef, when imported, then it is refused naming the event', async () => {
    const f = expectRejected(
      await importBpmn(processXml('<bpmn:task id="T"/><bpmn:boundaryEvent id="Loose_1"><bpmn:timerEventDefinition/></bpmn:boundaryEvent>')),
      'boundary-not-attached',
    );
    expect(f.elementId).toBe('Loose_1');
  });

  it('given more than 5 MB, when imported, then it is refused before parsing', async () => {
    const huge = processXml(`<bpmn:documentation>${'x'.repeat(MAX_BPMN_BYTES)}</bpmn:documentation>`);
    const f = expectRejected(await importBpmn(huge), 'xml-too-large');
    expect(f.message).toMatch(/limit is 5\.0 MB/);
  });

  it('given multi-byte text just over 5 MB in UTF-8, when imported, then the byte size counts', async () => {
    const huge = processXml(`<bpmn:documentation>${'é'.repeat(MAX_BPMN_BYTES / 2 + 10)}</bpmn:documentation>`);
    expectRejected(await importBpmn(huge), 'xml-too-large');
  });

  it('given an invalid Baton extension, when imported, then it is refused naming the element and the attribute', async () => {
    const result = await importBpmn(
      processXml(`<bpmn:serviceTask id="Pay_1"><bpmn:extensionElements>
        <baton:taskDefinition type="payment"/><baton:retry attempts="zero"/></bpmn:extensionElements></bpmn:serviceTask>`),
    );
    const f = expectRejected(result, 'baton-extension-invalid');
    expect(f.elementId).toBe('Pay_1');
    expect(f.message).toContain('attribute "attempts" of <baton:retry> on "Pay_1"');
  });
});

describe('importBpmn: never throws', () => {
  const valid = processXml(`<bpmn:startEvent id="S"/><bpmn:task id="T" name="Ä &amp; B"/><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T">
    <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=a</bpmn:conditionExpression></bpmn:sequenceFlow>`);

  it('given any text, when imported, then it resolves to a result and never rejects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const result = await importBpmn(text);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('given a valid document cut or spliced anywhere, when imported, then it resolves with a model or with error findings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 5 }), async (cut, at, junk) => {
        for (const text of [valid.slice(0, cut), valid.slice(0, at) + junk + valid.slice(at)]) {
          const result = await importBpmn(text);
          if (!result.ok) expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
