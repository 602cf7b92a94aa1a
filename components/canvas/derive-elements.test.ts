import { describe, expect, it } from 'vitest';
import { mapDiagram } from '@/lib/bpmn/diagram/map-diagram';
import { applyCommand } from '@/lib/bpmn/commands';
import { approvalModel } from '@/lib/bpmn/commands/test-fixtures';
import { createCaches, deriveEdges, deriveNodes, HANDLE_SIZE, type ViewState } from './derive-elements';

const view: ViewState = { selection: new Set(), findings: new Map(), overrides: new Map() };

function derive(model: ReturnType<typeof approvalModel>, caches = createCaches(), state: ViewState = view) {
  const mapped = mapDiagram(model);
  const bounds = new Map(mapped.nodes.map((n) => [n.id, { x: n.position.x, y: n.position.y, width: n.width, height: n.height }]));
  const gateways = new Set(mapped.nodes.filter((n) => n.data.kind === 'gateway').map((n) => n.id));
  return { nodes: deriveNodes(mapped.nodes, state, caches.nodes), edges: deriveEdges(mapped.edges, state, { bounds, gateways }, caches.edges) };
}

describe('deriveNodes', () => {
  it('given a drawn model, then every node carries its DI size as measured, and shapes their four handles on the middles of their sides', () => {
    const named = applyCommand(approvalModel(), { kind: 'setProperties', id: 'start', properties: { name: 'Request in' } }).model;
    const { nodes } = derive(named);
    const review = nodes.find((n) => n.id === 'review');
    expect(review).toMatchObject({ width: 100, height: 80, measured: { width: 100, height: 80 } });
    const half = HANDLE_SIZE / 2;
    expect(review?.handles?.map((h) => [h.id, h.x + half, h.y + half])).toEqual([
      ['t', 50, 0],
      ['r', 100, 40],
      ['b', 50, 80],
      ['l', 0, 40],
    ]);
    // Lanes and labels draw no handles.
    expect(nodes.find((n) => n.id === 'L1')?.handles).toBeUndefined();
    expect(nodes.find((n) => n.id === 'label:start')).toMatchObject({ measured: { width: 90, height: 14 } });
  });

  it('given a node replaced by a type change, then the new node still has its measured size and handles, so its flows are drawn at once', () => {
    const caches = createCaches();
    const before = derive(approvalModel(), caches);
    const changed = applyCommand(approvalModel(), { kind: 'changeType', id: 'review', type: 'serviceTask' }).model;
    const after = derive(changed, caches);
    const node = after.nodes.find((n) => n.id === 'review');
    expect(node).not.toBe(before.nodes.find((n) => n.id === 'review'));
    expect(node?.measured).toEqual({ width: 100, height: 80 });
    expect(node?.handles).toHaveLength(4);
    // Nodes and edges that did not change are the same objects.
    expect(after.nodes.find((n) => n.id === 'decide')).toBe(before.nodes.find((n) => n.id === 'decide'));
    expect(after.edges.find((e) => e.id === 'f4')).toBe(before.edges.find((e) => e.id === 'f4'));
  });

  it('given a shape being resized, then its measured size and handles follow the override', () => {
    const { nodes } = derive(approvalModel(), createCaches(), { ...view, overrides: new Map([['sub', { width: 400, height: 200 }]]) });
    const sub = nodes.find((n) => n.id === 'sub');
    expect(sub?.measured).toEqual({ width: 400, height: 200 });
    expect(sub?.handles?.find((h) => h.id === 'r')?.x).toBe(400 - HANDLE_SIZE / 2);
  });
});
