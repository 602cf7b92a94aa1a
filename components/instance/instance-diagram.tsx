'use client';
/**
 * The diagram of an instance's pinned version with its overlay (lib/instances/overlay.ts):
 * active elements outlined blue with their token count, completed ones green and taken flows
 * green, waiting user tasks marked, incidents red with their message, multi-instance counts.
 * Badges are extra React Flow nodes placed at the shapes' corners (DI positions are absolute).
 */
import '@xyflow/react/dist/style.css';
import './instance.css';
import { memo, useMemo } from 'react';
import { Background, Controls, ReactFlow, ReactFlowProvider, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { BpmnModel } from '@/lib/bpmn/model';
import { mapDiagram } from '@/lib/bpmn/diagram/map-diagram';
import { bpmnNodeTypes } from '@/components/diagram/nodes';
import { bpmnEdgeTypes } from '@/components/diagram/bpmn-edge';
import { overlayClasses, type Overlay } from '@/lib/instances/overlay';

type BadgeData = { elementId: string; tokens: number; waiting: number; incident?: string; multi?: string };
type BadgeNode = Node<BadgeData, 'overlayBadge'>;

const Badge = memo(function Badge({ data }: NodeProps<BadgeNode>) {
  return (
    <div className="flex flex-col items-start gap-1" data-testid={`overlay-${data.elementId}`} data-tokens={data.tokens} data-incident={data.incident ? 'true' : undefined}>
      <div className="flex gap-1">
        {data.tokens > 0 && (
          <span className="rounded-full bg-blue-600 px-2 py-0.5 text-[11px] font-semibold text-white shadow" title={`${data.tokens} active token${data.tokens === 1 ? '' : 's'}`}>
            {data.tokens}
          </span>
        )}
        {data.waiting > 0 && <span className="rounded-full bg-amber-500 px-2 py-0.5 text-[11px] font-semibold text-white shadow">waiting</span>}
        {data.multi && <span className="rounded-full bg-indigo-700 px-2 py-0.5 text-[11px] font-semibold text-white shadow">{data.multi}</span>}
      </div>
      {data.incident && <div className="max-w-[220px] rounded bg-red-600 px-2 py-1 text-[11px] leading-tight font-medium text-white shadow">{data.incident}</div>}
    </div>
  );
});

const nodeTypes: NodeTypes = { ...bpmnNodeTypes, overlayBadge: Badge };

export function InstanceDiagram({ model, overlay, height = 460, onElementClick, selectedElementId }: { model: BpmnModel; overlay: Overlay; height?: number; onElementClick?: (id: string) => void; selectedElementId?: string }) {
  const mapped = useMemo(() => mapDiagram(model, {}), [model]);
  const classes = useMemo(() => overlayClasses(overlay), [overlay]);
  const nodes = useMemo(() => {
    const base: Node[] = mapped.nodes.map((n) => {
      const className = n.data.kind === 'label' ? undefined : classes.get(n.data.elementId);
      const selected = selectedElementId !== undefined && n.data.kind !== 'label' && n.data.elementId === selectedElementId;
      return { ...n, ...(className ? { className } : {}), ...(selected ? { selected: true } : {}) } as Node;
    });
    const badges: BadgeNode[] = [];
    for (const n of mapped.nodes) {
      if (n.data.kind === 'label') continue;
      const o = overlay.elements[n.data.elementId];
      if (o === undefined) continue;
      const incident = o.incidents[0];
      const multi = o.multiInstance ? `${o.multiInstance.completed}/${o.multiInstance.total} done` : undefined;
      if (o.active === 0 && o.waitingTasks === 0 && incident === undefined && multi === undefined) continue;
      badges.push({
        id: `badge:${n.data.elementId}`,
        type: 'overlayBadge',
        position: { x: n.position.x + (n.width ?? 0) - 12, y: n.position.y - 12 },
        data: { elementId: n.data.elementId, tokens: o.active, waiting: o.waitingTasks, ...(incident ? { incident } : {}), ...(multi ? { multi } : {}) },
        draggable: false,
        selectable: false,
        zIndex: 1000,
      });
    }
    return [...base, ...badges];
  }, [mapped, classes, overlay, selectedElementId]);
  const edges = useMemo(
    () =>
      mapped.edges.map((e) => {
        const className = e.data ? classes.get(e.data.elementId) : undefined;
        return className ? { ...e, className } : e;
      }),
    [mapped, classes],
  );
  return (
    <div className="bpmn-canvas bpmn-instance relative overflow-hidden rounded-lg border border-gray-200 bg-white" style={{ height }} data-testid="instance-diagram" data-status={overlay.status}>
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={bpmnEdgeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={{ padding: 0.08, maxZoom: 1.2 }}
          minZoom={0.05}
          maxZoom={4}
          onNodeClick={onElementClick ? (_, node) => node.type !== 'overlayBadge' && onElementClick((node.data as { elementId: string }).elementId) : undefined}
          proOptions={{ hideAttribution: true }}
          colorMode="light"
        >
          <Background gap={20} size={1} color="#eef0f3" />
          <Controls showInteractive={false} position="bottom-left" />
        </ReactFlow>
      </ReactFlowProvider>
      <div className="pointer-events-none absolute top-2 right-2 flex gap-3 rounded-md border border-gray-200 bg-white/90 px-2.5 py-1.5 text-[11px] text-gray-600">
        <span className="flex items-center gap-1"><i className="inline-block h-2.5 w-2.5 rounded-sm border-2 border-blue-600" />active</span>
        <span className="flex items-center gap-1"><i className="inline-block h-2.5 w-2.5 rounded-sm border-2 border-green-600" />completed</span>
        <span className="flex items-center gap-1"><i className="inline-block h-2.5 w-2.5 rounded-sm border-2 border-red-600" />incident</span>
      </div>
    </div>
  );
}
