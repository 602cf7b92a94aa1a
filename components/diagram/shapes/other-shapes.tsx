/**
 * Pools, lanes, artifacts, external labels and the fallback for unknown DI shapes.
 * Plain SVG plus HTML text, sized by the caller.
 */
import { memo } from 'react';
import type {
  DataObjectNodeData,
  DataStoreNodeData,
  GroupNodeData,
  LabelNodeData,
  LaneNodeData,
  PoolNodeData,
  TextAnnotationNodeData,
  UnknownNodeData,
} from '@/lib/bpmn/diagram/types';
import { fillOf, INK, MUTED, PAPER, STROKE, strokeOf } from './style';

type Size = { width: number; height: number };

/** Width of the title band of a pool or lane. */
const BAND = 30;

/** A pool or lane title: read bottom-up in a horizontal band, left to right in a vertical one. */
function BandTitle({ text, horizontal, band }: { text?: string; horizontal: boolean; band: number }) {
  if (!text) return null;
  return horizontal ? (
    <div className="absolute inset-y-0 left-0 flex items-center justify-center overflow-hidden" style={{ width: band }}>
      <span className="text-[12px] leading-tight whitespace-nowrap text-gray-900" style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)' }}>
        {text}
      </span>
    </div>
  ) : (
    <div className="absolute inset-x-0 top-0 flex items-center justify-center overflow-hidden" style={{ height: band }}>
      <span className="text-[12px] leading-tight whitespace-nowrap text-gray-900">{text}</span>
    </div>
  );
}

export const PoolShape = memo(function PoolShape({ data, width, height }: { data: PoolNodeData } & Size) {
  const stroke = strokeOf(data.colors);
  const sw = STROKE.normal;
  return (
    <div className="relative" style={{ width, height }}>
      <svg className="absolute inset-0 overflow-visible" width={width} height={height} aria-hidden>
        {/* Strokes on the DI bounds, not inside: a lane's border then coincides with its pool's. */}
        <rect x={0} y={0} width={width} height={height} fill={fillOf(data.colors)} stroke={stroke} strokeWidth={sw} />
        {!data.blackBox &&
          (data.horizontal ? (
            <path d={`M ${BAND} 0 V ${height}`} stroke={stroke} strokeWidth={STROKE.thin} />
          ) : (
            <path d={`M 0 ${BAND} H ${width}`} stroke={stroke} strokeWidth={STROKE.thin} />
          ))}
      </svg>
      {data.blackBox ? (
        <div className="absolute inset-0 flex items-center justify-center p-2 text-center text-[12px] leading-tight text-gray-900">{data.name}</div>
      ) : (
        <BandTitle text={data.name} horizontal={data.horizontal} band={BAND} />
      )}
    </div>
  );
});

export const LaneShape = memo(function LaneShape({ data, width, height }: { data: LaneNodeData } & Size) {
  return (
    <div className="relative" style={{ width, height }}>
      <svg className="absolute inset-0 overflow-visible" width={width} height={height} aria-hidden>
        <rect x={0} y={0} width={width} height={height} fill={data.colors?.fill ?? 'none'} stroke={strokeOf(data.colors)} strokeWidth={STROKE.thin} />
      </svg>
      <BandTitle text={data.name} horizontal={data.horizontal} band={BAND} />
    </div>
  );
});

export const TextAnnotationShape = memo(function TextAnnotationShape({ data, width, height }: { data: TextAnnotationNodeData } & Size) {
  return (
    <div className="relative" style={{ width, height }}>
      <svg className="absolute inset-0 overflow-visible" width={width} height={height} aria-hidden>
        <path d={`M 10 0.5 H 0.5 V ${height - 0.5} H 10`} fill="none" stroke={strokeOf(data.colors)} strokeWidth={STROKE.thin} />
      </svg>
      <div className="absolute inset-0 overflow-visible px-1.5 py-1 text-left text-[12px] leading-tight whitespace-pre-wrap text-gray-900">{data.text}</div>
    </div>
  );
});

export const DataObjectShape = memo(function DataObjectShape({ data, width, height }: { data: DataObjectNodeData } & Size) {
  const stroke = strokeOf(data.colors);
  const fold = Math.min(12, width * 0.35, height * 0.3);
  const w = width - 0.5;
  const h = height - 0.5;
  const cx = width / 2;
  return (
    <svg className="overflow-visible" width={width} height={height} aria-hidden>
      <path d={`M 0.5 0.5 H ${w - fold} L ${w} ${fold} V ${h} H 0.5 Z`} fill={fillOf(data.colors)} stroke={stroke} strokeWidth={STROKE.thin} />
      <path d={`M ${w - fold} 0.5 V ${fold} H ${w}`} fill="none" stroke={stroke} strokeWidth={STROKE.thin} />
      {data.io !== 'none' && (
        <path
          data-marker={data.io}
          d="M 4 7 H 10 V 4 L 15 9 L 10 14 V 11 H 4 Z"
          fill={data.io === 'output' ? stroke : PAPER}
          stroke={stroke}
          strokeWidth={STROKE.thin}
        />
      )}
      {data.collection && <path data-marker="collection" d={`M ${cx - 5} ${h - 12} V ${h - 3} M ${cx} ${h - 12} V ${h - 3} M ${cx + 5} ${h - 12} V ${h - 3}`} stroke={stroke} strokeWidth={2} />}
    </svg>
  );
});

export const DataStoreShape = memo(function DataStoreShape({ data, width, height }: { data: DataStoreNodeData } & Size) {
  const stroke = strokeOf(data.colors);
  const rx = width / 2 - 0.75;
  const ry = Math.min(8, height / 6);
  const cx = width / 2;
  const top = ry + 0.75;
  const bottom = height - ry - 0.75;
  const left = 0.75;
  const right = width - 0.75;
  return (
    <svg className="overflow-visible" width={width} height={height} aria-hidden>
      <path
        d={`M ${left} ${top} V ${bottom} A ${rx} ${ry} 0 0 0 ${right} ${bottom} V ${top}`}
        fill={fillOf(data.colors)}
        stroke={stroke}
        strokeWidth={STROKE.thin}
      />
      <ellipse cx={cx} cy={top} rx={rx} ry={ry} fill={fillOf(data.colors)} stroke={stroke} strokeWidth={STROKE.thin} />
      <path d={`M ${left} ${top + 4} A ${rx} ${ry} 0 0 0 ${right} ${top + 4} M ${left} ${top + 8} A ${rx} ${ry} 0 0 0 ${right} ${top + 8}`} fill="none" stroke={stroke} strokeWidth={STROKE.thin} />
    </svg>
  );
});

export const GroupShape = memo(function GroupShape({ data, width, height }: { data: GroupNodeData } & Size) {
  return (
    <svg className="overflow-visible" width={width} height={height} aria-hidden>
      <rect
        x={0.75}
        y={0.75}
        width={Math.max(0, width - 1.5)}
        height={Math.max(0, height - 1.5)}
        rx={10}
        fill="none"
        stroke={strokeOf(data.colors)}
        strokeWidth={STROKE.normal}
        strokeDasharray="10 4 2 4"
      />
    </svg>
  );
});

export const UnknownShape = memo(function UnknownShape({ data, width, height }: { data: UnknownNodeData } & Size) {
  return (
    <div className="relative" style={{ width, height }} title={`${data.elementId}: not a BPMN element Baton draws`}>
      <svg className="absolute inset-0 overflow-visible" width={width} height={height} aria-hidden>
        <rect x={0.5} y={0.5} width={Math.max(0, width - 1)} height={Math.max(0, height - 1)} fill="none" stroke={MUTED} strokeWidth={STROKE.thin} strokeDasharray="3 3" />
      </svg>
      <div className="absolute inset-0 overflow-hidden p-0.5 text-[9px] leading-tight break-all text-gray-500">{data.name ?? data.elementId}</div>
    </div>
  );
});

export const LabelShape = memo(function LabelShape({ data, width, height }: { data: LabelNodeData } & Size) {
  return (
    <div className="flex items-start justify-center text-center text-[11px] leading-[1.15] whitespace-pre-wrap" style={{ width, minHeight: height, color: INK }}>
      {data.text}
    </div>
  );
});
