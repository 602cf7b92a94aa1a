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
});
