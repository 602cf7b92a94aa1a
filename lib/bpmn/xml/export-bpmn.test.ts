import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { BATON_NS, BpmnModelSchema, type BpmnModel, type BpmnModelInput } from '../model';
import { exportBpmn } from './export-bpmn';
import { element, importOk, NS, processXml } from './test-fixtures';

/** A model written in code (as the modeler would), touching every family the exporter writes. */
function richModel(): BpmnModel {
  const input: BpmnModelInput = {
    definitions: { id: 'Defs_1', name: 'Claims', namespaces: { v: 'urn:vendor' } },
    processes: [
      {
        id: 'Claims',
        name: 'Handle claim',
        isExecutable: true,
        documentation: 'Pays or rejects a claim.',
        laneSets: [
          {
            id: 'LS_1',
            lanes: [
              { id: 'Lane_Clerk', name: 'Clerk', flowNodeRefs: ['Start', 'Check'], childLanes: [], extensions: [], attrs: {} },
              { id: 'Lane_System', name: 'System', flowNodeRefs: ['Pay', 'Route', 'End', 'Sub'], childLanes: [], extensions: [], attrs: {} },
            ],
          },
        ],
      },
    ],
    collaboration: {
      id: 'Collab_1',
      participants: [
        { id: 'Pool_Claims', name: 'Insurer', processRef: 'Claims' },
        { id: 'Pool_Customer', name: 'Customer' },
      ],
      messageFlows: [{ id: 'MF_1', sourceRef: 'Pool_Customer', targetRef: 'Start', messageRef: 'Msg_Claim' }],
    },
    elements: [
      {
        type: 'startEvent',
        id: 'Start',
        name: 'Claim in',
        parentId: 'Claims',
        eventDefinitions: [{ kind: 'message', messageRef: 'Msg_Claim' }],
        correlationKey: '=claimId',
      },
      {
        type: 'userTask',
        id: 'Check',
        name: 'Check claim',
        parentId: 'Claims',
        assignment: { candidateGroups: ['clerks'], dueDate: 'P1D' },
        form: { fields: [{ key: 'ok', type: 'boolean', required: true }] },
        slaTarget: 'PT8H',
        attrs: { '{urn:vendor}colour': 'blue' },
        extensions: [{ ns: 'urn:vendor', name: 'note', attrs: {}, children: [], text: 'kept' }],
      },
      { type: 'exclusiveGateway', id: 'Route', parentId: 'Claims', default: 'F_reject' },
      {
        type: 'serviceTask',
        id: 'Pay',
        name: 'Pay out',
        parentId: 'Claims',
        job: { type: 'payout', retry: { attempts: 5 } },
        loop: { kind: 'multiInstance', isSequential: true, collection: '=payees', elementVariable: 'payee' },
      },
      { type: 'boundaryEvent', id: 'Pay_Timeout', parentId: 'Claims', attachedToRef: 'Pay', cancelActivity: false, eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1H' } }] },
      { type: 'subProcess', id: 'Sub', parentId: 'Claims' },
      { type: 'scriptTask', id: 'Sub_Script', parentId: 'Sub', expression: '=1 + 1', resultVariable: 'two' },
      { type: 'endEvent', id: 'End', parentId: 'Claims', eventDefinitions: [{ kind: 'terminate' }] },
    ],
    flows: [
      { id: 'F_start', parentId: 'Claims', sourceRef: 'Start', targetRef: 'Check' },
      { id: 'F_check', parentId: 'Claims', sourceRef: 'Check', targetRef: 'Route' },
      { id: 'F_pay', parentId: 'Claims', sourceRef: 'Route', targetRef: 'Pay', condition: { body: '=ok', language: 'feel' } },
      { id: 'F_reject', parentId: 'Claims', sourceRef: 'Route', targetRef: 'End' },
      { id: 'F_paid', parentId: 'Claims', sourceRef: 'Pay', targetRef: 'Sub' },
      { id: 'F_done', parentId: 'Claims', sourceRef: 'Sub', targetRef: 'End' },
    ],
    artifacts: [
      { type: 'textAnnotation', id: 'Note_1', parentId: 'Claims', text: 'Four eyes later' },
      { type: 'association', id: 'Assoc_1', parentId: 'Claims', sourceRef: 'Check', targetRef: 'Note_1' },
    ],
    globals: { messages: [{ id: 'Msg_Claim', name: 'claim' }], errors: [{ id: 'Err_1', errorCode: 'E1' }], escalations: [], signals: [], other: [] },
    diagrams: [
      {
        id: 'Diagram_1',
        plane: { id: 'Plane_1', bpmnElement: 'Collab_1' },
        shapes: [
          { bpmnElement: 'Pool_Claims', id: 'Pool_Claims_di', bounds: { x: 0, y: 0, width: 900, height: 300 }, isHorizontal: true },
          { bpmnElement: 'Start', id: 'Start_di', bounds: { x: 50, y: 100, width: 36, height: 36 }, label: { bounds: { x: 40, y: 140, width: 56, height: 14 } } },
          { bpmnElement: 'Check', id: 'Check_di', bounds: { x: 130, y: 80, width: 100, height: 80 }, attrs: { [`{${NS.bioc}}fill`]: '#eee' } },
          { bpmnElement: 'Route', id: 'Route_di', bounds: { x: 280, y: 95, width: 50, height: 50 }, isMarkerVisible: true },
        ],
        edges: [{ bpmnElement: 'F_start', id: 'F_start_di', waypoints: [{ x: 86, y: 118 }, { x: 130, y: 120 }] }],
      },
      { id: 'Diagram_Sub', plane: { bpmnElement: 'Sub' }, shapes: [{ bpmnElement: 'Sub_Script', bounds: { x: 10, y: 10, width: 100, height: 80 } }], edges: [] },
    ],
  };
  return BpmnModelSchema.parse(input);
}

describe('exportBpmn', () => {
  it('given a model, when exported, then it is pretty-printed BPMN with the bpmn prefix and the Baton namespace', async () => {
    const xml = await exportBpmn(richModel());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions')).toBe(true);
    expect(xml).toContain(`xmlns:bpmn="${NS.bpmn}"`);
    expect(xml).toContain(`xmlns:baton="${BATON_NS}"`);
    expect(xml).toContain('\n  <bpmn:process id="Claims" name="Handle claim" isExecutable="true">');
  });

  it('given flows, when exported, then flow nodes list their incoming and outgoing flows', async () => {
    const xml = await exportBpmn(richModel());
    expect(xml).toMatch(/<bpmn:exclusiveGateway id="Route" default="F_reject">\s*<bpmn:incoming>F_check<\/bpmn:incoming>\s*<bpmn:outgoing>F_pay<\/bpmn:outgoing>\s*<bpmn:outgoing>F_reject<\/bpmn:outgoing>/);
  });

  it('given Baton settings, when exported, then they are Baton extension elements next to the vendor ones', async () => {
    const xml = await exportBpmn(richModel());
    expect(xml).toMatch(/<bpmn:userTask id="Check" name="Check claim" v:colour="blue">\s*<bpmn:extensionElements>\s*<baton:assignment candidateGroups="clerks" dueDate="P1D" \/>/);
    expect(xml).toContain('<baton:sla target="PT8H" />');
    expect(xml).toContain('<v:note>kept</v:note>');
    expect(xml).toContain('<baton:multiInstance collection="=payees" elementVariable="payee" />');
    expect(xml).toContain('<baton:subscription correlationKey="=claimId" />');
    expect(xml).toContain('<baton:script expression="=1 + 1" resultVariable="two" />');
  });

  it('given a model, when exported and imported again, then the same model comes back', async () => {
    const model = richModel();
    const { model: again } = await importOk(await exportBpmn(model));
    const sorted = (m: BpmnModel) => ({ ...m, definitions: { ...m.definitions, namespaces: {} }, elements: [...m.elements].sort((a, b) => a.id.localeCompare(b.id)) });
    expect(sorted(again)).toEqual(sorted(model));
  });

  it('given two diagrams, when exported, then both are written with their planes', async () => {
    const xml = await exportBpmn(richModel());
    expect(xml).toContain('<bpmndi:BPMNPlane id="Plane_1" bpmnElement="Collab_1">');
    expect(xml).toMatch(/<bpmndi:BPMNDiagram id="Diagram_Sub">\s*<bpmndi:BPMNPlane bpmnElement="Sub">/);
    expect(xml).toContain('<bpmndi:BPMNShape id="Route_di" bpmnElement="Route" isMarkerVisible="true">');
    expect(xml).toContain('bioc:fill="#eee"');
  });

  it('given the exported text, when bpmn-moddle reads it, then there is not a single warning', async () => {
    const { warnings } = await new BpmnModdle().fromXML(await exportBpmn(richModel()));
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it('given a vendor namespace whose prefix is taken, when exported, then its URI is kept under another prefix', async () => {
    const model = richModel();
    model.definitions.namespaces = { baton: 'urn:not-baton', bpmn: 'urn:not-bpmn' };
    model.processes[0].attrs = { '{urn:not-baton}x': '1', '{urn:not-bpmn}y': '2' };
    const xml = await exportBpmn(model);
    expect(xml).toMatch(/xmlns:ns0="urn:not-baton"/);
    expect(xml).toMatch(/xmlns:ns1="urn:not-bpmn"/);
    const { model: again } = await importOk(xml);
    expect(again.processes[0].attrs).toEqual({ '{urn:not-baton}x': '1', '{urn:not-bpmn}y': '2' });
  });

  it('given sequence flows imported without ids, when exported, then they carry the generated ids', async () => {
    const { model } = await importOk(processXml('<bpmn:startEvent id="S"/><bpmn:endEvent id="E"/><bpmn:sequenceFlow sourceRef="S" targetRef="E"/>'));
    const xml = await exportBpmn(model);
    expect(xml).toContain('<bpmn:sequenceFlow id="Flow_S_E" sourceRef="S" targetRef="E" />');
  });

  it('given an element whose parent does not exist, when exported, then it is written into the first process', async () => {
    const model = richModel();
    model.elements.push({ ...element(model, 'End', 'endEvent'), id: 'Stray', parentId: 'Nowhere', eventDefinitions: [] });
    const { model: again } = await importOk(await exportBpmn(model));
    expect(element(again, 'Stray', 'endEvent').parentId).toBe('Claims');
  });

  it('given untyped BPMN content with references, when exported, then it is written and its references resolve again', async () => {
    const { model } = await importOk(
      processXml(`<bpmn:task id="T"><bpmn:ioSpecification><bpmn:dataInput id="In_1"/><bpmn:inputSet><bpmn:dataInputRefs>In_1</bpmn:dataInputRefs></bpmn:inputSet></bpmn:ioSpecification>
        <bpmn:dataInputAssociation id="DIA_1"><bpmn:sourceRef>DO_1</bpmn:sourceRef><bpmn:targetRef>In_1</bpmn:targetRef></bpmn:dataInputAssociation></bpmn:task>
        <bpmn:dataObject id="DO_1"/>`),
    );
    const xml = await exportBpmn(model);
    expect(xml).toMatch(/<bpmn:dataInputRefs>In_1<\/bpmn:dataInputRefs>/);
    expect(xml).toMatch(/<bpmn:sourceRef>DO_1<\/bpmn:sourceRef>\s*<bpmn:targetRef>In_1<\/bpmn:targetRef>/);
    const { model: again, warnings } = await importOk(xml);
    expect(warnings).toEqual([]);
    expect(element(again, 'T', 'task').extras).toEqual(element(model, 'T', 'task').extras);
  });
});
