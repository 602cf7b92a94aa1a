import { describe, expect, it } from 'vitest';
import { BpmnModelSchema } from '../model';
import { buildModel, chain } from '../test-support/model-builder';
import { autoLayout, needsLayout } from './auto-layout';

describe('autoLayout', () => {
  it('given a process without DI, when laid out, then every element has a shape, left to right, and every flow an orthogonal edge', async () => {
    const model = buildModel({
      elements: [
        { type: 'startEvent', id: 'start' },
        { type: 'userTask', id: 'review' },
        { type: 'exclusiveGateway', id: 'gw' },
        { type: 'endEvent', id: 'yes' },
        { type: 'endEvent', id: 'no' },
        { type: 'boundaryEvent', id: 'late', attachedToRef: 'review', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1H' } }] },
        { type: 'endEvent', id: 'timedOut' },
      ],
      flows: [...chain('start', 'review', 'gw', 'yes'), { id: 'gw-no', sourceRef: 'gw', targetRef: 'no' }, { id: 'late-out', sourceRef: 'late', targetRef: 'timedOut' }],
    });
    expect(needsLayout(model)).toBe(true);
    const laid = await autoLayout(model);
    expect(needsLayout(laid)).toBe(false);
    const bounds = (id: string) => laid.diagrams[0].shapes.find((s) => s.bpmnElement === id)?.bounds;
    for (const e of model.elements) expect(bounds(e.id), e.id).toBeDefined();
    expect(bounds('start')!.x).toBeLessThan(bounds('review')!.x);
    expect(bounds('review')!.x).toBeLessThan(bounds('gw')!.x);
    // The boundary event sits on the bottom border of its host.
    expect(bounds('late')!.y + 18).toBe(bounds('review')!.y + bounds('review')!.height);
    expect(laid.diagrams[0].edges.map((e) => e.bpmnElement).sort()).toEqual(model.flows.map((f) => f.id).sort());
    for (const edge of laid.diagrams[0].edges) {
      for (let i = 1; i < edge.waypoints.length; i++) {
        const [a, b] = [edge.waypoints[i - 1], edge.waypoints[i]];
        expect(a.x === b.x || a.y === b.y).toBe(true);
      }
    }
    // Semantics untouched.
    expect(laid.elements).toEqual(model.elements);
    expect(laid.flows).toEqual(model.flows);
  });

  it('given a sub-process with contents, when laid out, then it is drawn expanded around them', async () => {
    const model = buildModel({
      elements: [
        { type: 'startEvent', id: 'start' },
        { type: 'subProcess', id: 'sub' },
        { type: 'startEvent', id: 'in1', parentId: 'sub' },
        { type: 'endEvent', id: 'in2', parentId: 'sub' },
        { type: 'endEvent', id: 'end' },
      ],
      flows: [...chain('start', 'sub', 'end'), { id: 'inner', parentId: 'sub', sourceRef: 'in1', targetRef: 'in2' }],
    });
    const laid = await autoLayout(model);
    const shape = (id: string) => laid.diagrams[0].shapes.find((s) => s.bpmnElement === id);
    expect(shape('sub')?.isExpanded).toBe(true);
    const sub = shape('sub')!.bounds;
    const inner = shape('in1')!.bounds;
    expect(inner.x).toBeGreaterThan(sub.x);
    expect(inner.y).toBeGreaterThan(sub.y);
    expect(inner.x + inner.width).toBeLessThan(sub.x + sub.width);
  });

  it('given pools, when laid out, then each pool is a shape around its process, stacked', async () => {
    const model = BpmnModelSchema.parse({
      definitions: { id: 'd' },
      processes: [{ id: 'A', isExecutable: true }, { id: 'B' }],
      collaboration: { id: 'C', participants: [{ id: 'pa', processRef: 'A' }, { id: 'pb', processRef: 'B' }], messageFlows: [{ id: 'm', sourceRef: 'a1', targetRef: 'b1' }] },
      elements: [
        { type: 'startEvent', id: 'a1', parentId: 'A' },
        { type: 'startEvent', id: 'b1', parentId: 'B', eventDefinitions: [{ kind: 'message' }] },
      ],
      flows: [],
    });
    const laid = await autoLayout(model);
    const b = (id: string) => laid.diagrams[0].shapes.find((s) => s.bpmnElement === id)!.bounds;
    expect(b('pb').y).toBeGreaterThan(b('pa').y + b('pa').height);
    expect(b('b1').y).toBeGreaterThan(b('pb').y);
    expect(laid.diagrams[0].plane.bpmnElement).toBe('C');
    expect(laid.diagrams[0].edges.map((e) => e.bpmnElement)).toEqual(['m']);
  });

  it('given a pool with two lanes (one with child lanes) and an element in no lane, when laid out, then every element is inside its own lane, the lanes are stacked and the pool fits them', async () => {
    const lane = (id: string, flowNodeRefs: string[], childLanes: unknown[] = []) => ({ id, name: id, flowNodeRefs, childLanes, extensions: [], attrs: {} });
    const model = BpmnModelSchema.parse({
      definitions: { id: 'd' },
      processes: [
        {
          id: 'A',
          isExecutable: true,
          laneSets: [{ id: 'LS', lanes: [lane('sales', ['start', 'offer', 'gw']), lane('ops', ['ship', 'bill', 'end', 'sub', 'late'], [lane('warehouse', ['ship', 'sub', 'late']), lane('finance', ['bill', 'end'])])] }],
        },
      ],
      collaboration: { id: 'C', participants: [{ id: 'pool', processRef: 'A' }], messageFlows: [] },
      elements: [
        { type: 'startEvent', id: 'start', parentId: 'A' },
        { type: 'userTask', id: 'offer', parentId: 'A' },
        { type: 'parallelGateway', id: 'gw', parentId: 'A' },
        { type: 'serviceTask', id: 'ship', parentId: 'A' },
        { type: 'boundaryEvent', id: 'late', parentId: 'A', attachedToRef: 'ship', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1H' } }] },
        { type: 'subProcess', id: 'sub', parentId: 'A' },
        { type: 'task', id: 'inner', parentId: 'sub' },
        { type: 'serviceTask', id: 'bill', parentId: 'A' },
        { type: 'endEvent', id: 'end', parentId: 'A' },
        { type: 'endEvent', id: 'loose', parentId: 'A' },
      ],
      flows: [
        { id: 'f1', parentId: 'A', sourceRef: 'start', targetRef: 'offer' },
        { id: 'f2', parentId: 'A', sourceRef: 'offer', targetRef: 'gw' },
        { id: 'f3', parentId: 'A', sourceRef: 'gw', targetRef: 'ship' },
        { id: 'f4', parentId: 'A', sourceRef: 'gw', targetRef: 'bill' },
        { id: 'f5', parentId: 'A', sourceRef: 'bill', targetRef: 'end' },
        { id: 'f6', parentId: 'A', sourceRef: 'ship', targetRef: 'sub' },
        { id: 'f7', parentId: 'A', sourceRef: 'late', targetRef: 'loose' },
      ],
    });
    const laid = await autoLayout(model);
    const b = (id: string) => {
      const found = laid.diagrams[0].shapes.find((s) => s.bpmnElement === id)?.bounds;
      if (!found) throw new Error(`no shape for ${id}`);
      return found;
    };
    const inside = (outer: { x: number; y: number; width: number; height: number }, inner: { x: number; y: number; width: number; height: number }) =>
      inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

    for (const [laneId, ids] of [['sales', ['start', 'offer', 'gw']], ['warehouse', ['ship', 'sub', 'inner']], ['finance', ['bill', 'end']]] as const) {
      for (const id of ids) expect(inside(b(laneId), b(id)), `${id} in ${laneId}`).toBe(true);
    }
    // The boundary event's centre is on its host's border, inside the host's lane.
    expect(b('late').y + 18).toBe(b('ship').y + b('ship').height);
    expect(inside(b('warehouse'), { ...b('late'), height: 18 })).toBe(true);
    // Lanes stacked without gaps or overlaps; child lanes inside their parent; all as wide as the pool.
    expect(b('ops').y).toBe(b('sales').y + b('sales').height);
    expect(b('warehouse').y).toBe(b('ops').y);
    expect(b('finance').y).toBe(b('warehouse').y + b('warehouse').height);
    expect(b('ops').height).toBe(b('warehouse').height + b('finance').height);
    expect(inside(b('ops'), b('warehouse'))).toBe(true);
    expect(b('sales').x + b('sales').width).toBe(b('pool').x + b('pool').width);
    expect(b('warehouse').x + b('warehouse').width).toBe(b('pool').x + b('pool').width);
    // The element in no lane sits below the lanes, inside the pool; the pool fits everything.
    expect(b('loose').y).toBeGreaterThanOrEqual(b('ops').y + b('ops').height);
    for (const e of model.elements) expect(inside(b('pool'), b(e.id)), e.id).toBe(true);
    expect(b('pool').y + b('pool').height).toBeGreaterThanOrEqual(b('loose').y + b('loose').height);
    // Still left to right, and semantics (lane membership) untouched.
    expect(b('start').x).toBeLessThan(b('offer').x);
    expect(b('gw').x).toBeLessThan(b('bill').x);
    expect(laid.processes).toEqual(model.processes);
    expect(laid.elements).toEqual(model.elements);
  });

  it('given a process with lanes and no pool, when laid out, then the lanes are drawn and hold their elements', async () => {
    const model = buildModel({
      processes: [{ id: 'Process_1', isExecutable: true, laneSets: [{ lanes: [{ id: 'l1', flowNodeRefs: ['a'], childLanes: [], extensions: [], attrs: {} }, { id: 'l2', flowNodeRefs: ['b'], childLanes: [], extensions: [], attrs: {} }] }] }],
      elements: [
        { type: 'startEvent', id: 'a' },
        { type: 'endEvent', id: 'b' },
      ],
      flows: chain('a', 'b'),
    });
    const laid = await autoLayout(model);
    const b = (id: string) => laid.diagrams[0].shapes.find((s) => s.bpmnElement === id)!.bounds;
    expect(b('a').y).toBeGreaterThan(b('l1').y);
    expect(b('a').y + b('a').height).toBeLessThan(b('l1').y + b('l1').height);
    expect(b('b').y).toBeGreaterThan(b('l2').y);
    expect(b('l2').y).toBe(b('l1').y + b('l1').height);
  });
});
