import { describe, expect, it } from 'vitest';
import { BpmnModelSchema, type BpmnModel, type BpmnModelInput } from '../model';
import { mapDiagram, Z } from './map-diagram';
import type { DiagramNode, ShapeNodeData } from './types';

type Input = Partial<Omit<BpmnModelInput, 'definitions'>>;

function model(input: Input): BpmnModel {
  return BpmnModelSchema.parse({
    definitions: { id: 'defs' },
    processes: [{ id: 'P' }],
    elements: [],
    flows: [],
    ...input,
  });
}

const shape = (bpmnElement: string, x: number, y: number, width: number, height: number, extra: Record<string, unknown> = {}) => ({
  bpmnElement,
  bounds: { x, y, width, height },
  ...extra,
});

function node(nodes: DiagramNode[], id: string): DiagramNode {
  const found = nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

function data<K extends ShapeNodeData['kind']>(nodes: DiagramNode[], id: string, kind: K): Extract<ShapeNodeData, { kind: K }> {
  const d = node(nodes, id).data;
  if (d.kind !== kind) throw new Error(`${id} is ${d.kind}, not ${kind}`);
  return d as Extract<ShapeNodeData, { kind: K }>;
}

const simple = model({
  elements: [
    { type: 'startEvent', id: 'start', parentId: 'P', name: 'Order received' },
    { type: 'userTask', id: 'review', parentId: 'P', name: 'Review' },
    { type: 'endEvent', id: 'end', parentId: 'P' },
    { type: 'task', id: 'orphan', parentId: 'P', name: 'Has no DI' },
  ],
  flows: [
    { id: 'f1', parentId: 'P', sourceRef: 'start', targetRef: 'review', name: 'go' },
    { id: 'f2', parentId: 'P', sourceRef: 'review', targetRef: 'end', name: 'done' },
  ],
  diagrams: [
    {
      plane: { bpmnElement: 'P' },
      shapes: [
        shape('start', 100, 100, 36, 36),
        shape('review', 200, 78, 100, 80),
        shape('end', 400, 100, 36, 36, { label: { bounds: { x: 390, y: 140, width: 56, height: 14 } } }),
      ],
      edges: [
        { bpmnElement: 'f1', waypoints: [{ x: 136, y: 118 }, { x: 200, y: 118 }], label: { bounds: { x: 160, y: 100, width: 20, height: 14 } } },
        { bpmnElement: 'f2', waypoints: [{ x: 300, y: 118 }, { x: 350, y: 118 }, { x: 400, y: 118 }] },
      ],
    },
  ],
});

describe('mapDiagram: a simple process', () => {
  const mapped = mapDiagram(simple);

  it('places one node per DI shape at its absolute DI position and size', () => {
    expect(mapped.shapeCount).toBe(3);
    expect(node(mapped.nodes, 'review')).toMatchObject({ type: 'activity', position: { x: 200, y: 78 }, width: 100, height: 80 });
    expect(data(mapped.nodes, 'review', 'activity').taskKind).toBe('user');
  });

  it('draws event labels outside, at DI label bounds or centred under the shape', () => {
    const startLabel = node(mapped.nodes, 'label:start');
    expect(startLabel).toMatchObject({ type: 'label', position: { x: 73, y: 138 }, data: { text: 'Order received' } });
    // Narrow DI label bounds are widened around their centre, so short names do not wrap.
    expect(node(mapped.nodes, 'label:f1')).toMatchObject({ position: { x: 125, y: 100 }, width: 90, height: 14 });
    // The end event has label bounds but no name: no label.
    expect(mapped.nodes.find((n) => n.id === 'label:end')).toBeUndefined();
    // A task's name is inside the shape, not a separate label.
    expect(mapped.nodes.find((n) => n.id === 'label:review')).toBeUndefined();
  });

  it('keeps DI waypoints on edges and connects them to the referenced nodes', () => {
    const f2 = mapped.edges.find((e) => e.id === 'f2');
    expect(f2).toMatchObject({ type: 'bpmn', source: 'review', target: 'end', zIndex: Z.edge });
    expect(f2?.data.waypoints).toHaveLength(3);
    expect(node(mapped.nodes, 'label:f2').data).toMatchObject({ kind: 'label', text: 'done' });
  });

  it('reports the elements that have no DI', () => {
    expect(mapped.withoutDi).toEqual(['orphan']);
  });

  it('reports the bounds of everything drawn', () => {
    expect(mapped.bounds).toEqual({ x: 73, y: 78, width: 363, height: 80 });
  });
});

describe('mapDiagram: element looks', () => {
  const m = model({
    processes: [{ id: 'P' }],
    elements: [
      { type: 'serviceTask', id: 'agent', parentId: 'P', agent: { goal: 'Summarise' } },
      { type: 'serviceTask', id: 'service', parentId: 'P' },
      {
        type: 'subProcess',
        id: 'expanded',
        parentId: 'P',
        loop: { kind: 'multiInstance', isSequential: true },
      },
      { type: 'subProcess', id: 'inner', parentId: 'expanded' },
      { type: 'task', id: 'deep', parentId: 'inner' },
      { type: 'subProcess', id: 'collapsed', parentId: 'P', isForCompensation: true },
      { type: 'subProcess', id: 'eventSub', parentId: 'P', triggeredByEvent: true },
      { type: 'callActivity', id: 'call', parentId: 'P', calledElement: 'Other' },
      { type: 'callActivity', id: 'callGlobal', parentId: 'P', calledElement: 'GT' },
      {
        type: 'boundaryEvent',
        id: 'timer',
        parentId: 'P',
        attachedToRef: 'service',
        cancelActivity: false,
        eventDefinitions: [{ kind: 'timer' }],
      },
      { type: 'endEvent', id: 'msgEnd', parentId: 'P', eventDefinitions: [{ kind: 'message' }] },
      { type: 'intermediateCatchEvent', id: 'multi', parentId: 'P', eventDefinitions: [{ kind: 'message' }, { kind: 'signal' }] },
      { type: 'exclusiveGateway', id: 'xorHidden', parentId: 'P' },
      { type: 'exclusiveGateway', id: 'xorShown', parentId: 'P' },
      { type: 'eventBasedGateway', id: 'ebg', parentId: 'P', instantiate: true, eventGatewayType: 'Parallel' },
    ],
    globals: { other: [{ $type: 'bpmn:GlobalTask', id: 'GT', name: 'A global task' }] },
    diagrams: [
      {
        plane: { bpmnElement: 'P' },
        shapes: [
          shape('agent', 0, 0, 100, 80),
          shape('service', 0, 100, 100, 80, { attrs: { '{http://bpmn.io/schema/bpmn/biocolor/1.0}fill': '#ffe0b2', '{http://bpmn.io/schema/bpmn/biocolor/1.0}stroke': 'url(javascript:x)' } }),
          shape('expanded', 200, 0, 600, 400, { isExpanded: true }),
          shape('inner', 250, 50, 400, 250, { isExpanded: true }),
          shape('deep', 300, 100, 100, 80),
          shape('collapsed', 0, 200, 100, 80, { isExpanded: false }),
          shape('eventSub', 0, 300, 100, 80),
          shape('call', 0, 400, 100, 80),
          shape('callGlobal', 0, 500, 100, 80),
          shape('timer', 80, 162, 36, 36),
          shape('msgEnd', 900, 0, 36, 36),
          shape('multi', 900, 100, 36, 36),
          shape('xorHidden', 900, 200, 50, 50),
          shape('xorShown', 900, 300, 50, 50, { isMarkerVisible: true }),
          shape('ebg', 900, 400, 50, 50),
        ],
        edges: [],
      },
    ],
  });
  const { nodes } = mapDiagram(m);

  it('draws a service task with agent settings as an agent task', () => {
    expect(data(nodes, 'agent', 'activity').taskKind).toBe('agent');
    expect(data(nodes, 'service', 'activity').taskKind).toBe('service');
  });

  it('keeps safe DI colours and drops anything else', () => {
    expect(data(nodes, 'service', 'activity').colors).toEqual({ fill: '#ffe0b2' });
  });

  it('draws expanded sub-processes as containers, nested ones above their parent, all under flow nodes', () => {
    const outer = node(nodes, 'expanded');
    const inner = node(nodes, 'inner');
    expect(outer.data).toMatchObject({ kind: 'container', variant: 'subProcess', markers: { loop: 'sequential' } });
    expect(inner.zIndex).toBeGreaterThan(outer.zIndex);
    expect(node(nodes, 'deep').zIndex).toBeGreaterThan(inner.zIndex);
    expect(inner.zIndex).toBeLessThan(Z.edge);
  });

  it('marks collapsed sub-processes and call activities of processes with +, not calls of global tasks', () => {
    expect(data(nodes, 'collapsed', 'activity').markers).toMatchObject({ collapsed: true, compensation: true });
    expect(data(nodes, 'eventSub', 'activity').dottedBorder).toBe(true);
    expect(data(nodes, 'call', 'activity')).toMatchObject({ thickBorder: true, markers: { collapsed: true } });
    expect(data(nodes, 'callGlobal', 'activity')).toMatchObject({ thickBorder: true, markers: { collapsed: false } });
  });

  it('draws events by position, symbol, throw and interruption', () => {
    expect(data(nodes, 'timer', 'event')).toMatchObject({ position: 'boundary', symbol: 'timer', interrupting: false, throwing: false });
    expect(node(nodes, 'timer').zIndex).toBe(Z.boundaryEvent);
    expect(data(nodes, 'msgEnd', 'event')).toMatchObject({ position: 'end', symbol: 'message', throwing: true });
    expect(data(nodes, 'multi', 'event').symbol).toBe('multiple');
  });

  it('shows the exclusive gateway X only when DI asks for it', () => {
    expect(data(nodes, 'xorHidden', 'gateway').showMarker).toBe(false);
    expect(data(nodes, 'xorShown', 'gateway').showMarker).toBe(true);
    expect(data(nodes, 'ebg', 'gateway')).toMatchObject({ gatewayKind: 'eventBased', instantiate: 'parallel' });
  });
});

describe('mapDiagram: collaboration, flows and artifacts', () => {
  const m = model({
    processes: [
      { id: 'P1', laneSets: [{ lanes: [{ id: 'lane1', name: 'Clerk', flowNodeRefs: ['a'], childLanes: [], extensions: [], attrs: {} }] }] },
      { id: 'P2' },
    ],
    collaboration: {
      id: 'C',
      participants: [
        { id: 'pool1', name: 'Shop', processRef: 'P1' },
        { id: 'pool2', name: 'Customer' },
      ],
      messageFlows: [{ id: 'mf', sourceRef: 'pool2', targetRef: 'a' }],
    },
    elements: [
      {
        type: 'task',
        id: 'a',
        parentId: 'P1',
        default: 'toC',
        extras: {
          dataInputAssociations: [{ $type: 'bpmn:DataInputAssociation', id: 'dia', sourceRef: ['store'], targetRef: 'a_in' }],
        },
      },
      { type: 'exclusiveGateway', id: 'gw', parentId: 'P1', default: 'gwDefault' },
      { type: 'task', id: 'c', parentId: 'P1' },
    ],
    flows: [
      { id: 'toC', parentId: 'P1', sourceRef: 'a', targetRef: 'c' },
      { id: 'cond', parentId: 'P1', sourceRef: 'a', targetRef: 'gw', condition: { body: '=x > 1' } },
      { id: 'gwDefault', parentId: 'P1', sourceRef: 'gw', targetRef: 'c', condition: { body: '=true' } },
    ],
    artifacts: [
      { type: 'textAnnotation', id: 'note', parentId: 'P1', text: 'Check twice' },
      { type: 'association', id: 'assoc', parentId: 'P1', sourceRef: 'note', targetRef: 'a' },
      { type: 'dataObject', id: 'do', parentId: 'P1', name: 'Invoice', isCollection: true },
      { type: 'dataObjectReference', id: 'doRef', parentId: 'P1', dataObjectRef: 'do' },
      { type: 'dataStoreReference', id: 'store', parentId: 'P1', name: 'ERP' },
      { type: 'group', id: 'grp', parentId: 'P1', categoryValueRef: 'cv1' },
    ],
    globals: { other: [{ $type: 'bpmn:Category', id: 'cat', categoryValue: [{ $type: 'bpmn:CategoryValue', id: 'cv1', value: 'Billing' }] }] },
    diagrams: [
      {
        plane: { bpmnElement: 'C' },
        shapes: [
          shape('pool1', 0, 0, 1000, 300, { isHorizontal: true }),
          shape('lane1', 30, 0, 970, 300),
          shape('pool2', 0, 400, 300, 1000, { isHorizontal: false }),
          shape('a', 100, 100, 100, 80),
          shape('gw', 300, 115, 50, 50),
          shape('c', 500, 100, 100, 80),
          shape('note', 100, 10, 100, 30),
          shape('doRef', 700, 200, 36, 50),
          shape('store', 800, 200, 50, 50),
          shape('grp', 80, 80, 300, 150),
          shape('a_in', 10, 700, 36, 50),
        ],
        edges: [
          { bpmnElement: 'mf', waypoints: [{ x: 150, y: 400 }, { x: 150, y: 180 }], attrs: { messageVisibleKind: 'initiating' } },
          { bpmnElement: 'toC', waypoints: [{ x: 150, y: 180 }, { x: 150, y: 250 }, { x: 550, y: 250 }, { x: 550, y: 180 }] },
          { bpmnElement: 'cond', waypoints: [{ x: 200, y: 140 }, { x: 300, y: 140 }] },
          { bpmnElement: 'gwDefault', waypoints: [{ x: 350, y: 140 }, { x: 500, y: 140 }] },
          { bpmnElement: 'assoc', waypoints: [{ x: 150, y: 40 }, { x: 150, y: 100 }] },
          { bpmnElement: 'dia', waypoints: [{ x: 825, y: 250 }, { x: 200, y: 150 }] },
          { bpmnElement: 'mystery', waypoints: [{ x: 0, y: 0 }, { x: 5, y: 5 }] },
          { bpmnElement: 'tooShort', waypoints: [{ x: 0, y: 0 }] },
        ],
      },
    ],
  });
  const mapped = mapDiagram(m);
  const { nodes, edges } = mapped;

  it('draws pools and lanes under everything, with their orientation', () => {
    expect(node(nodes, 'pool1')).toMatchObject({ zIndex: Z.pool, data: { kind: 'pool', horizontal: true, blackBox: false } });
    expect(data(nodes, 'pool2', 'pool')).toMatchObject({ horizontal: false, blackBox: true });
    expect(node(nodes, 'lane1')).toMatchObject({ zIndex: Z.lane, data: { kind: 'lane', name: 'Clerk' } });
  });

  it('draws artifacts: annotation text, data object name and collection from its data object, group label from its category', () => {
    expect(data(nodes, 'note', 'textAnnotation').text).toBe('Check twice');
    expect(data(nodes, 'doRef', 'dataObject')).toMatchObject({ name: 'Invoice', collection: true, io: 'none' });
    expect(node(nodes, 'label:doRef').data).toMatchObject({ text: 'Invoice' });
    expect(data(nodes, 'store', 'dataStore').name).toBe('ERP');
    expect(node(nodes, 'grp')).toMatchObject({ zIndex: Z.group, data: { kind: 'group', name: 'Billing' } });
  });

  it('still draws a DI shape whose element the model does not type', () => {
    expect(node(nodes, 'a_in').data.kind).toBe('unknown');
    expect(mapped.shapeCount).toBe(11);
  });

  it('marks default and conditional flows the way BPMN draws them', () => {
    const byId = new Map(edges.map((e) => [e.id, e.data]));
    expect(byId.get('toC')).toMatchObject({ kind: 'sequenceFlow', isDefault: true, conditional: false });
    expect(byId.get('cond')).toMatchObject({ kind: 'sequenceFlow', isDefault: false, conditional: true });
    // A condition on a gateway's outgoing flow is not drawn as a diamond.
    expect(byId.get('gwDefault')).toMatchObject({ kind: 'sequenceFlow', isDefault: true, conditional: false });
    expect(byId.get('mf')).toMatchObject({ kind: 'messageFlow', message: 'initiating' });
    expect(byId.get('assoc')).toMatchObject({ kind: 'association', direction: 'None' });
  });

  it('finds data associations in extras and attaches their ends to the drawn shapes', () => {
    const dia = edges.find((e) => e.id === 'dia');
    expect(dia).toMatchObject({ source: 'store', data: { kind: 'dataAssociation' } });
    // Its target (a_in) is drawn, so it is used as is.
    expect(dia?.target).toBe('a_in');
  });

  it('attaches an edge of an unknown element to the nearest shapes, and skips edges it cannot draw', () => {
    const mystery = edges.find((e) => e.id === 'mystery');
    expect(mystery?.data.kind).toBe('unknown');
    expect(mystery?.source).toBe('pool1');
    expect(mapped.undrawable).toEqual(['tooShort']);
  });

  it('counts every drawable element without DI, and never a data object itself', () => {
    expect(mapped.withoutDi).toEqual([]);
  });
});

describe('mapDiagram: several diagrams', () => {
  const m = model({
    processes: [{ id: 'P1' }, { id: 'P2' }],
    elements: [
      { type: 'startEvent', id: 's1', parentId: 'P1' },
      { type: 'startEvent', id: 's2', parentId: 'P2' },
    ],
    diagrams: [
      { name: 'First', plane: { bpmnElement: 'P1' }, shapes: [shape('s1', 0, 0, 36, 36)], edges: [] },
      { plane: { bpmnElement: 'P2' }, shapes: [shape('s2', 0, 0, 36, 36)], edges: [] },
    ],
  });

  it('draws the first by default, lists all, and draws another on request', () => {
    const first = mapDiagram(m);
    expect(first.diagrams).toEqual([
      { index: 0, label: 'First' },
      { index: 1, label: 'P2' },
    ]);
    expect(first.nodes.map((n) => n.id)).toEqual(['s1']);
    expect(first.withoutDi).toEqual(['s2']);
    const second = mapDiagram(m, { diagramIndex: 1 });
    expect(second.diagramIndex).toBe(1);
    expect(second.nodes.map((n) => n.id)).toEqual(['s2']);
  });

  it('draws nothing, and says so, for a model without diagrams', () => {
    const none = mapDiagram(model({ elements: [{ type: 'startEvent', id: 's', parentId: 'P' }] }));
    expect(none).toMatchObject({ nodes: [], edges: [], diagramIndex: -1, shapeCount: 0, withoutDi: ['s'] });
  });
});
