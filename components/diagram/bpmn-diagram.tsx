'use client';
/**
 * The read-only BPMN diagram: draws one diagram of a model from its DI, with pan, zoom and
 * fit. Pages hand it the model; it never fetches. When `highlightedElementId` names a drawn
 * element, that element is outlined and brought into view.
 */
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Background, Controls, ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow } from '@xyflow/react';
import type { BpmnModel } from '@/lib/bpmn/model';
import { mapDiagram } from '@/lib/bpmn/diagram/map-diagram';
import type { DiagramEdge, DiagramNode } from '@/lib/bpmn/diagram/types';
import { bpmnNodeTypes } from './nodes';
import { bpmnEdgeTypes } from './bpmn-edge';

export type BpmnDiagramProps = {
  model: BpmnModel;
  /** A BPMN element id to outline and bring into view. */
  highlightedElementId?: string;
  /** Called with the BPMN element id of a clicked shape or flow. */
  onElementClick?: (elementId: string) => void;
  /** CSS height of the canvas (React Flow needs an explicit one). */
  height?: number | string;
  /** A class per BPMN element id, added to its node or edge (the visual diff colours with it). */
  elementClasses?: ReadonlyMap<string, string>;
  /** Drawn inside the canvas (e.g. a heatmap's badges in a React Flow `<ViewportPortal>`, in DI coordinates). */
  children?: ReactNode;
};

export function BpmnDiagram({ model, highlightedElementId, onElementClick, height = 520, elementClasses, children }: BpmnDiagramProps) {
  const [diagramIndex, setDiagramIndex] = useState(0);
  const mapped = useMemo(() => mapDiagram(model, { diagramIndex }), [model, diagramIndex]);

  const nodes = useMemo(
    () => mapped.nodes.map((n) => withClass(withHighlight(n, highlightedElementId), elementClasses)),
    [mapped, highlightedElementId, elementClasses],
  );
  const edges = useMemo(
    () => mapped.edges.map((e) => withClass(withHighlight(e, highlightedElementId), elementClasses)),
    [mapped, highlightedElementId, elementClasses],
  );
  const hidden = mapped.withoutDi.length;

  return (
    <div className="flex flex-col gap-2" data-testid="bpmn-diagram" data-shape-count={mapped.shapeCount} data-diagram-index={mapped.diagramIndex}>
      {(mapped.diagrams.length > 1 || hidden > 0) && (
        <div className="flex flex-wrap items-center gap-3 text-xs text-gray-600">
          {mapped.diagrams.length > 1 && (
            <label className="flex items-center gap-2">
              <span>Diagram</span>
              <select
                className="rounded border border-gray-300 bg-white px-2 py-1 text-xs text-gray-900"
                value={mapped.diagramIndex}
                onChange={(e) => setDiagramIndex(Number(e.target.value))}
                data-testid="diagram-select"
              >
                {mapped.diagrams.map((d) => (
                  <option key={d.index} value={d.index}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {hidden > 0 && (
            <span data-testid="diagram-hidden-note" title={mapped.withoutDi.join(', ')}>
              {hidden === 1 ? '1 element has' : `${hidden} elements have`} no position in this diagram and {hidden === 1 ? 'is' : 'are'} not shown.
            </span>
          )}
        </div>
      )}
      <div className="bpmn-canvas relative overflow-hidden rounded-lg border border-gray-200 bg-white" style={{ height }}>
        {mapped.diagramIndex < 0 ? (
          <div className="flex h-full items-center justify-center text-sm text-gray-500">This model has no diagram (no DI positions) to draw.</div>
        ) : (
          <ReactFlowProvider>
            <Canvas nodes={nodes} edges={edges} highlightedElementId={highlightedElementId} onElementClick={onElementClick}>
              {children}
            </Canvas>
          </ReactFlowProvider>
        )}
      </div>
    </div>
  );
}

function withHighlight<T extends DiagramNode | DiagramEdge>(item: T, highlighted: string | undefined): T {
  const selected = highlighted !== undefined && item.data.kind !== 'label' && item.data.elementId === highlighted;
  return selected ? { ...item, selected: true } : item;
}

function withClass<T extends DiagramNode | DiagramEdge>(item: T, classes: ReadonlyMap<string, string> | undefined): T {
  const className = item.data.kind === 'label' ? undefined : classes?.get(item.data.elementId);
  return className ? { ...item, className } : item;
}

function Canvas({
  nodes,
  edges,
  highlightedElementId,
  onElementClick,
  children,
}: {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  highlightedElementId?: string;
  onElementClick?: (elementId: string) => void;
  children?: ReactNode;
}) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();

  useEffect(() => {
    if (!initialized || !highlightedElementId) return;
    const target = nodes.find((n) => n.id === highlightedElementId);
    if (target) {
      void fitView({ nodes: [{ id: target.id }], duration: 300, maxZoom: 1.2, padding: 0.6 });
      return;
    }
    const edge = edges.find((e) => e.id === highlightedElementId);
    if (edge) void fitView({ nodes: [{ id: edge.source }, { id: edge.target }], duration: 300, maxZoom: 1.2, padding: 0.4 });
  }, [initialized, highlightedElementId, nodes, edges, fitView]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={bpmnNodeTypes}
      edgeTypes={bpmnEdgeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      nodesFocusable={false}
      edgesFocusable={false}
      elementsSelectable={false}
      elevateNodesOnSelect={false}
      elevateEdgesOnSelect={false}
      fitView
      fitViewOptions={{ padding: 0.05, maxZoom: 1.25 }}
      minZoom={0.05}
      maxZoom={4}
      onNodeClick={onElementClick ? (_, node) => onElementClick(node.data.elementId) : undefined}
      onEdgeClick={onElementClick ? (_, edge) => edge.data && onElementClick(edge.data.elementId) : undefined}
      proOptions={{ hideAttribution: false }}
      colorMode="light"
    >
      <Background gap={20} size={1} color="#eef0f3" />
      <Controls showInteractive={false} position="bottom-left" />
      {children}
    </ReactFlow>
  );
}
