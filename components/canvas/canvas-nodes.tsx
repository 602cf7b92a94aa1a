'use client';
/**
 * The modeler's node types: the BPMN shapes of components/diagram/shapes (the one renderer), in
 * an editing frame — four connection handles shown on hover, a resize frame on selected
 * containers, pools, lanes, annotations and activities, and the test attributes.
 */
import { memo, type ReactNode } from 'react';
import { Handle, NodeResizer, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { DiagramNodeData, DiagramNodeKind, LabelNodeData, ShapeNodeData } from '@/lib/bpmn/diagram/types';
import { ActivityShape, ContainerShape, EventShape, GatewayShape } from '@/components/diagram/shapes/flow-node-shapes';
import {
  DataObjectShape,
  DataStoreShape,
  GroupShape,
  LabelShape,
  LaneShape,
  PoolShape,
  TextAnnotationShape,
  UnknownShape,
} from '@/components/diagram/shapes/other-shapes';
import { HIGHLIGHT } from '@/components/diagram/shapes/style';
import { useCanvasCallbacks } from './canvas-context';

type EditNode<K extends DiagramNodeKind> = Node<Extract<DiagramNodeData, { kind: K }>, K>;

const HANDLES = [
  { id: 't', position: Position.Top },
  { id: 'r', position: Position.Right },
  { id: 'b', position: Position.Bottom },
  { id: 'l', position: Position.Left },
] as const;

/** Minimum sizes while resizing, by node kind. */
const MIN = { container: { w: 120, h: 80 }, pool: { w: 200, h: 80 }, lane: { w: 150, h: 60 }, activity: { w: 60, h: 40 }, textAnnotation: { w: 30, h: 20 } } as const;

function EditFrame({
  props,
  round,
  connectable = true,
  resizable,
  children,
}: {
  props: NodeProps<Node<ShapeNodeData>>;
  round?: boolean;
  connectable?: boolean;
  resizable?: { w: number; h: number };
  children: ReactNode;
}) {
  const { data, selected, id } = props;
  const { resizeEnded } = useCanvasCallbacks();
  return (
    <div
      className={`bpmn-shape bpmn-edit-shape${selected ? ' bpmn-edit-shape--selected' : ''}${round ? ' bpmn-shape--round' : ''}`}
      data-bpmn-shape={data.kind}
      data-bpmn-element={data.elementId}
      data-selected={selected ? 'true' : undefined}
      title={data.name ? `${data.name} (${data.elementId})` : data.elementId}
    >
      {resizable && (
        <NodeResizer
          isVisible={selected}
          minWidth={resizable.w}
          minHeight={resizable.h}
          color={HIGHLIGHT}
          onResizeEnd={(_, p) => resizeEnded(id, { x: Math.round(p.x), y: Math.round(p.y), width: Math.round(p.width), height: Math.round(p.height) })}
        />
      )}
      {children}
      {connectable &&
        HANDLES.map((h) => <Handle key={h.id} id={h.id} type="source" position={h.position} className="bpmn-handle" data-handle={h.id} />)}
    </div>
  );
}

function size(props: { width?: number; height?: number }) {
  return { width: props.width ?? 0, height: props.height ?? 0 };
}

const ActivityNode = memo(function ActivityNode(props: NodeProps<EditNode<'activity'>>) {
  return (
    <EditFrame props={props} resizable={MIN.activity}>
      <ActivityShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const ContainerNode = memo(function ContainerNode(props: NodeProps<EditNode<'container'>>) {
  return (
    <EditFrame props={props} resizable={MIN.container}>
      <ContainerShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const EventNode = memo(function EventNode(props: NodeProps<EditNode<'event'>>) {
  return (
    <EditFrame props={props} round>
      <EventShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const GatewayNode = memo(function GatewayNode(props: NodeProps<EditNode<'gateway'>>) {
  return (
    <EditFrame props={props}>
      <GatewayShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const PoolNode = memo(function PoolNode(props: NodeProps<EditNode<'pool'>>) {
  return (
    <EditFrame props={props} resizable={MIN.pool}>
      <PoolShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const LaneNode = memo(function LaneNode(props: NodeProps<EditNode<'lane'>>) {
  return (
    <EditFrame props={props} connectable={false} resizable={MIN.lane}>
      <LaneShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const TextAnnotationNode = memo(function TextAnnotationNode(props: NodeProps<EditNode<'textAnnotation'>>) {
  return (
    <EditFrame props={props} resizable={MIN.textAnnotation}>
      <TextAnnotationShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const DataObjectNode = memo(function DataObjectNode(props: NodeProps<EditNode<'dataObject'>>) {
  return (
    <EditFrame props={props}>
      <DataObjectShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const DataStoreNode = memo(function DataStoreNode(props: NodeProps<EditNode<'dataStore'>>) {
  return (
    <EditFrame props={props}>
      <DataStoreShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const GroupNode = memo(function GroupNode(props: NodeProps<EditNode<'group'>>) {
  return (
    <EditFrame props={props} connectable={false}>
      <GroupShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const UnknownNode = memo(function UnknownNode(props: NodeProps<EditNode<'unknown'>>) {
  return (
    <EditFrame props={props} connectable={false}>
      <UnknownShape data={props.data} {...size(props)} />
    </EditFrame>
  );
});

const LabelNode = memo(function LabelNode(props: NodeProps<Node<LabelNodeData, 'label'>>) {
  return (
    <div className="bpmn-label" data-bpmn-label={props.data.elementId}>
      <LabelShape data={props.data} {...size(props)} />
    </div>
  );
});

/** Every node kind, declared once at module scope (React Flow re-mounts nodes on a new object). */
export const canvasNodeTypes = {
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
