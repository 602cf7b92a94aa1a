'use client';
/**
 * The one edge type of BPMN diagrams: a polyline through the DI waypoints (never React Flow's
 * own routing), with the marks of its kind — sequence flow arrow, conditional diamond, default
 * slash; message flow dashed with an open circle and an open arrow; dotted associations.
 */
import { memo } from 'react';
import { BaseEdge, type Edge, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { FlowEdgeData } from '@/lib/bpmn/diagram/types';
import {
  arrowHead,
  defaultSlash,
  endSegment,
  polygonPath,
  polylineMidpoint,
  polylinePath,
  startCircleCenter,
  startDiamond,
  startSegment,
  trimEnd,
} from '@/lib/bpmn/diagram/geometry';
import type { Point } from '@/lib/bpmn/model';
import { HIGHLIGHT, INK, MUTED, PAPER } from './shapes/style';

export type BpmnFlowEdge = Edge<FlowEdgeData, 'bpmn'>;

const ARROW = { length: 11, width: 8 };
const OPEN_ARROW = { length: 10, width: 9 };

function lineStyle(kind: FlowEdgeData['kind']): { dash?: string; width: number; color: string } {
  switch (kind) {
    case 'sequenceFlow':
      return { width: 1.5, color: INK };
    case 'messageFlow':
      return { dash: '8 5', width: 1.5, color: INK };
    case 'association':
    case 'dataAssociation':
      return { dash: '1.5 4', width: 1.5, color: INK };
    case 'unknown':
      return { dash: '1.5 4', width: 1, color: MUTED };
  }
}

function OpenArrow({ from, tip, color }: { from: Point; tip: Point; color: string }) {
  const [t, a, b] = arrowHead(from, tip, OPEN_ARROW);
  return <path d={`M ${a.x} ${a.y} L ${t.x} ${t.y} L ${b.x} ${b.y}`} fill="none" stroke={color} strokeWidth={1.5} />;
}

/** The message of a message flow, centred on the flow: blank when it initiates, shaded when not. */
function MessageEnvelope({ at, shaded, color }: { at: Point; shaded: boolean; color: string }) {
  const w = 20;
  const h = 14;
  const x = at.x - w / 2;
  const y = at.y - h / 2;
  return (
    <g data-message={shaded ? 'non-initiating' : 'initiating'}>
      <rect x={x} y={y} width={w} height={h} fill={shaded ? '#d1d5db' : PAPER} stroke={color} strokeWidth={1} />
      <path d={`M ${x} ${y} L ${at.x} ${at.y + 1} L ${x + w} ${y}`} fill="none" stroke={color} strokeWidth={1} />
    </g>
  );
}

function BpmnEdgeComponent({ id, data, selected }: EdgeProps<BpmnFlowEdge>) {
  if (!data || data.waypoints.length < 2) return null;
  const points = data.waypoints;
  const style = lineStyle(data.kind);
  const color = selected ? HIGHLIGHT : style.color;
  const [start, next] = startSegment(points);
  const [beforeEnd, end] = endSegment(points);
  const filledArrowEnd = data.kind === 'sequenceFlow' || data.kind === 'messageFlow';
  const path = polylinePath(filledArrowEnd ? trimEnd(points, 3) : points);

  return (
    <g data-bpmn-edge={data.kind} data-bpmn-element={data.elementId} data-highlighted={selected ? 'true' : undefined}>
      {selected && <path d={polylinePath(points)} fill="none" stroke={HIGHLIGHT} strokeOpacity={0.3} strokeWidth={10} strokeLinecap="round" strokeLinejoin="round" />}
      <BaseEdge
        id={id}
        path={path}
        interactionWidth={10}
        style={{ stroke: color, strokeWidth: style.width, strokeDasharray: style.dash, strokeLinecap: style.dash ? 'round' : 'butt', fill: 'none' }}
      />
      {data.kind === 'sequenceFlow' && (
        <>
          <path d={polygonPath(arrowHead(beforeEnd, end, ARROW))} fill={color} stroke={color} strokeWidth={1} strokeLinejoin="round" />
          {data.conditional && (
            <path d={polygonPath(startDiamond(start, next, { length: 18, width: 10 }))} fill={PAPER} stroke={color} strokeWidth={1.2} />
          )}
          {data.isDefault && (() => {
            const [a, b] = defaultSlash(start, next, { at: data.conditional ? 24 : 10, length: 12 });
            return <path d={`M ${a.x} ${a.y} L ${b.x} ${b.y}`} stroke={color} strokeWidth={1.5} />;
          })()}
        </>
      )}
      {data.kind === 'messageFlow' && (
        <>
          {(() => {
            const c = startCircleCenter(start, next, 4.5);
            return <circle cx={c.x} cy={c.y} r={4.5} fill={PAPER} stroke={color} strokeWidth={1.2} />;
          })()}
          <path d={polygonPath(arrowHead(beforeEnd, end, ARROW))} fill={PAPER} stroke={color} strokeWidth={1.2} strokeLinejoin="round" />
          {data.message && <MessageEnvelope at={polylineMidpoint(points)} shaded={data.message === 'nonInitiating'} color={color} />}
        </>
      )}
      {data.kind === 'association' && data.direction !== 'None' && <OpenArrow from={beforeEnd} tip={end} color={color} />}
      {data.kind === 'association' && data.direction === 'Both' && <OpenArrow from={next} tip={start} color={color} />}
      {data.kind === 'dataAssociation' && <OpenArrow from={beforeEnd} tip={end} color={color} />}
    </g>
  );
}

export const BpmnEdge = memo(BpmnEdgeComponent);

/** Declared once at module scope (React Flow re-mounts on a new object). */
export const bpmnEdgeTypes = { bpmn: BpmnEdge } satisfies EdgeTypes;
