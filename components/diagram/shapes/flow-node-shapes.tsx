/**
 * The shapes of flow nodes: activities (tasks, call activities, collapsed sub-processes),
 * expanded sub-processes, events and gateways. Plain SVG plus HTML text, sized by the caller:
 * usable on the canvas (through components/diagram/nodes) and in a palette alike.
 */
import { memo } from 'react';
import type {
  ActivityMarkers,
  ActivityNodeData,
  ContainerNodeData,
  EventNodeData,
  GatewayNodeData,
} from '@/lib/bpmn/diagram/types';
import { ActivityMarkerIcon, EventSymbolIcon, GatewayMarker, TaskIcon, type ActivityMarkerName } from './icons';
import { fillOf, STROKE, strokeOf } from './style';

type Size = { width: number; height: number };

const MARKER = 14;
/** Task kinds drawn with an icon at the top left (the name moves down a little in small tasks). */
const ICON_KINDS = new Set(['user', 'service', 'script', 'send', 'receive', 'manual', 'businessRule', 'agent']);
const MARKER_GAP = 3;

/** The markers at the bottom centre of an activity, left to right. */
export function markerNames(markers: ActivityMarkers): ActivityMarkerName[] {
  const names: ActivityMarkerName[] = [];
  if (markers.compensation) names.push('compensation');
  if (markers.loop !== 'none') names.push(markers.loop);
  if (markers.adHoc) names.push('adHoc');
  if (markers.collapsed) names.push('collapsed');
  return names;
}

function Markers({ markers, width, height, stroke }: { markers: ActivityMarkers; stroke: string } & Size) {
  const names = markerNames(markers);
  if (names.length === 0) return null;
  const total = names.length * MARKER + (names.length - 1) * MARKER_GAP;
  const x0 = (width - total) / 2;
  const y = height - MARKER - 5;
  return (
    <g>
      {names.map((name, i) => (
        <g key={name} transform={`translate(${x0 + i * (MARKER + MARKER_GAP)} ${y})`}>
          <ActivityMarkerIcon name={name} stroke={stroke} />
        </g>
      ))}
    </g>
  );
}

export const ActivityShape = memo(function ActivityShape({ data, width, height }: { data: ActivityNodeData } & Size) {
  const stroke = strokeOf(data.colors);
  const sw = data.thickBorder ? STROKE.thick : STROKE.normal;
  const inset = sw / 2;
  const hasMarkers = markerNames(data.markers).length > 0;
  const hasIcon = ICON_KINDS.has(data.taskKind);
  return (
    <div className="relative" style={{ width, height }}>
      <svg className="absolute inset-0 overflow-visible" width={width} height={height} aria-hidden>
        <rect
          x={inset}
          y={inset}
          width={Math.max(0, width - sw)}
          height={Math.max(0, height - sw)}
          rx={10}
          fill={fillOf(data.colors)}
          stroke={stroke}
          strokeWidth={sw}
          strokeDasharray={data.dottedBorder ? '2 3' : undefined}
        />
        {data.doubleBorder && (
          <rect x={inset + 3} y={inset + 3} width={Math.max(0, width - sw - 6)} height={Math.max(0, height - sw - 6)} rx={7} fill="none" stroke={stroke} strokeWidth={STROKE.thin} />
        )}
        <g transform="translate(6 6) scale(0.9)">
          <TaskIcon kind={data.taskKind} stroke={stroke} />
        </g>
        <Markers markers={data.markers} width={width} height={height} stroke={stroke} />
      </svg>
      <div
        className="absolute inset-x-1.5 flex items-center justify-center overflow-hidden text-center text-[12px] leading-tight break-words text-gray-900"
        style={{ top: hasIcon && height < 70 ? 16 : 4, bottom: hasMarkers ? MARKER + 6 : 4 }}
      >
        {data.name}
      </div>
    </div>
  );
});

export const ContainerShape = memo(function ContainerShape({ data, width, height }: { data: ContainerNodeData } & Size) {
  const stroke = strokeOf(data.colors);
  const sw = data.variant === 'callActivity' ? STROKE.thick : data.variant === 'eventSubProcess' ? STROKE.thin : STROKE.normal;
  const inset = sw / 2;
  return (
    <div className="relative" style={{ width, height }}>
      <svg className="absolute inset-0 overflow-visible" width={width} height={height} aria-hidden>
        <rect
          x={inset}
          y={inset}
          width={Math.max(0, width - sw)}
          height={Math.max(0, height - sw)}
          rx={10}
          fill={fillOf(data.colors)}
          stroke={stroke}
          strokeWidth={sw}
          strokeDasharray={data.variant === 'eventSubProcess' ? '3 3' : undefined}
        />
        {data.variant === 'transaction' && (
          <rect x={inset + 3} y={inset + 3} width={Math.max(0, width - sw - 6)} height={Math.max(0, height - sw - 6)} rx={7} fill="none" stroke={stroke} strokeWidth={STROKE.thin} />
        )}
        <Markers markers={data.markers} width={width} height={height} stroke={stroke} />
      </svg>
      <div className="absolute top-1.5 left-2 right-2 text-[12px] leading-tight text-gray-900">{data.name}</div>
    </div>
  );
});

export const EventShape = memo(function EventShape({ data, width, height }: { data: EventNodeData } & Size) {
  const stroke = strokeOf(data.colors);
  const size = Math.min(width, height);
  const cx = width / 2;
  const cy = height / 2;
  const dash = data.interrupting ? undefined : '5 3';
  const fill = fillOf(data.colors);
  let ring;
  if (data.position === 'end') {
    ring = <circle cx={cx} cy={cy} r={size / 2 - STROKE.endEvent / 2} fill={fill} stroke={stroke} strokeWidth={STROKE.endEvent} />;
  } else if (data.position === 'start') {
    ring = <circle cx={cx} cy={cy} r={size / 2 - 1} fill={fill} stroke={stroke} strokeWidth={1.8} strokeDasharray={dash} />;
  } else {
    const outer = size / 2 - 0.75;
    ring = (
      <g fill="none" stroke={stroke} strokeWidth={1.2} strokeDasharray={dash}>
        <circle cx={cx} cy={cy} r={outer} fill={fill} />
        <circle cx={cx} cy={cy} r={outer - 3} />
      </g>
    );
  }
  const scale = size / 36;
  return (
    <svg className="overflow-visible" width={width} height={height} aria-hidden>
      {ring}
      <g transform={`translate(${cx - 18 * scale} ${cy - 18 * scale}) scale(${scale})`}>
        <EventSymbolIcon symbol={data.symbol} filled={data.throwing} stroke={stroke} />
      </g>
    </svg>
  );
});

export const GatewayShape = memo(function GatewayShape({ data, width, height }: { data: GatewayNodeData } & Size) {
  const stroke = strokeOf(data.colors);
  const w = width;
  const h = height;
  const m = STROKE.normal;
  return (
    <svg className="overflow-visible" width={w} height={h} aria-hidden>
      <polygon
        points={`${w / 2},${m} ${w - m},${h / 2} ${w / 2},${h - m} ${m},${h / 2}`}
        fill={fillOf(data.colors)}
        stroke={stroke}
        strokeWidth={STROKE.normal}
        strokeLinejoin="round"
      />
      <g transform={`scale(${w / 50} ${h / 50})`}>
        <GatewayMarker data={data} stroke={stroke} />
      </g>
    </svg>
  );
});
