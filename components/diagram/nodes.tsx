'use client';
/**
 * React Flow node components: each wraps one shape of ./shapes with the hidden handles React
 * Flow needs to attach edges (the edges themselves follow DI waypoints, see ./bpmn-edge.tsx),
 * the test and highlight attributes, and nothing else.
 */
import { memo, type ReactNode } from 'react';
import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { DiagramNodeData, DiagramNodeKind, LabelNodeData, ShapeNodeData } from '@/lib/bpmn/diagram/types';
import { ActivityShape, ContainerShape, EventShape, GatewayShape } from './shapes/flow-node-shapes';
import {
  DataObjectShape,
  DataStoreShape,
  GroupShape,
  LabelShape,
  LaneShape,
  PoolShape,
  TextAnnotationShape,
  UnknownShape,
} from './shapes/other-shapes';

export type BpmnFlowNode<K extends DiagramNodeKind = DiagramNodeKind> = Node<Extract<DiagramNodeData, { kind: K }>, K>;

const hiddenHandle = { opacity: 0, width: 1, height: 1, minWidth: 0, minHeight: 0, border: 'none', pointerEvents: 'none' } as const;

/** Round shapes (events, gateways) get a round highlight; everything else a rounded rectangle. */
function ShapeFrame({ data, selected, round, children }: { data: ShapeNodeData; selected: boolean; round?: boolean; children: ReactNode }) {
  return (
    <div
      className={`bpmn-shape${selected ? ' bpmn-shape--highlighted' : ''}${round ? ' bpmn-shape--round' : ''}`}
      data-bpmn-shape={data.kind}
      data-bpmn-element={data.elementId}
      data-highlighted={selected ? 'true' : undefined}
      title={data.name ? `${data.name} (${data.elementId})` : data.elementId}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      {children}
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </div>
  );
}

function size(props: { width?: number; height?: number }) {
  return { width: props.width ?? 0, height: props.height ?? 0 };
}

const ActivityNode = memo(function ActivityNode(props: NodeProps<BpmnFlowNode<'activity'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <ActivityShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const ContainerNode = memo(function ContainerNode(props: NodeProps<BpmnFlowNode<'container'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <ContainerShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const EventNode = memo(function EventNode(props: NodeProps<BpmnFlowNode<'event'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected} round>
      <EventShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const GatewayNode = memo(function GatewayNode(props: NodeProps<BpmnFlowNode<'gateway'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <GatewayShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const PoolNode = memo(function PoolNode(props: NodeProps<BpmnFlowNode<'pool'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <PoolShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const LaneNode = memo(function LaneNode(props: NodeProps<BpmnFlowNode<'lane'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <LaneShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const TextAnnotationNode = memo(function TextAnnotationNode(props: NodeProps<BpmnFlowNode<'textAnnotation'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <TextAnnotationShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const DataObjectNode = memo(function DataObjectNode(props: NodeProps<BpmnFlowNode<'dataObject'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <DataObjectShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const DataStoreNode = memo(function DataStoreNode(props: NodeProps<BpmnFlowNode<'dataStore'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <DataStoreShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const GroupNode = memo(function GroupNode(props: NodeProps<BpmnFlowNode<'group'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <GroupShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const UnknownNode = memo(function UnknownNode(props: NodeProps<BpmnFlowNode<'unknown'>>) {
  return (
    <ShapeFrame data={props.data} selected={props.selected}>
      <UnknownShape data={props.data} {...size(props)} />
    </ShapeFrame>
  );
});

const LabelNode = memo(function LabelNode(props: NodeProps<Node<LabelNodeData, 'label'>>) {
  return (
    <div className="bpmn-label" data-bpmn-label={props.data.elementId}>
      <LabelShape data={props.data} {...size(props)} />
    </div>
  );
});

/** Every node kind of lib/bpmn/diagram/types.ts, declared once (React Flow re-mounts on a new object). */
export const bpmnNodeTypes = {
  activity: ActivityNode,
  container: ContainerNode,
  event: EventNode,
  gateway: GatewayNode,
  pool: PoolNode,
  lane: LaneNode,
  textAnnotation: TextAnnotationNode,
  dataObject: DataObjectNode,
  dataStore: DataStoreNode,
  group: GroupNode,
  unknown: UnknownNode,
  label: LabelNode,
} satisfies Record<DiagramNodeKind, NodeTypes[string]>;
