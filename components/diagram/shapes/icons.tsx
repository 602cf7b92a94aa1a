/**
 * BPMN symbols as SVG fragments: task type icons (20×20 grid), event definition symbols
 * (36×36 grid, centred at 18,18), gateway markers (50×50 grid) and activity markers (14×14).
 * Callers place and scale them with a transform.
 */
import type { EventSymbol, GatewayNodeData, TaskKind } from '@/lib/bpmn/diagram/types';
import { AGENT, INK, PAPER } from './style';

// ---------------------------------------------------------------------------------------
// Task icons

function gearPath(cx: number, cy: number, outer: number, inner: number, teeth: number): string {
  const steps = teeth * 4;
  const parts: string[] = [];
  for (let i = 0; i < steps; i++) {
    const r = i % 4 < 2 ? outer : inner;
    const a = (i / steps) * Math.PI * 2 + Math.PI / steps;
    parts.push(`${i === 0 ? 'M' : 'L'} ${(cx + r * Math.cos(a)).toFixed(2)} ${(cy + r * Math.sin(a)).toFixed(2)}`);
  }
  return `${parts.join(' ')} Z`;
}

const BIG_GEAR = gearPath(8, 8, 7, 5.2, 8);
const SMALL_GEAR = gearPath(13.5, 13.5, 5.5, 4, 7);

/** The icon at the top left of a task, or null for a plain task or a sub-process. */
export function TaskIcon({ kind, stroke = INK }: { kind: TaskKind; stroke?: string }) {
  const common = { stroke, strokeWidth: 1, strokeLinejoin: 'round' as const };
  switch (kind) {
    case 'user':
      return (
        <g data-icon="user" {...common} fill={PAPER}>
          <path d="M3 19 C3 13.5 6 11.5 10 11.5 C14 11.5 17 13.5 17 19 Z" />
          <circle cx={10} cy={6.5} r={3.8} />
          <path d="M6.3 5.8 C7.5 3 12.5 3 13.7 5.8 C12 5 8 5 6.3 5.8 Z" fill={stroke} />
          <path d="M7 19 V15.5 M13 19 V15.5" />
        </g>
      );
    case 'service':
      return (
        <g data-icon="service" {...common}>
          <path d={BIG_GEAR} fill={PAPER} />
          <circle cx={8} cy={8} r={2.2} fill={PAPER} />
          <path d={SMALL_GEAR} fill={PAPER} />
          <circle cx={13.5} cy={13.5} r={1.7} fill={PAPER} />
        </g>
      );
    case 'script':
      return (
        <g data-icon="script" {...common} fill={PAPER}>
          <path d="M6 2 H16 C13.5 5 13.5 8 16 11 C18.5 14 18 16.5 15.5 18.5 H5.5 C8 16.5 8.5 14 6 11 C3.5 8 3.5 5 6 2 Z" />
          <path d="M7.5 6 H13 M8 9 H13.5 M9 12 H14.5 M9.5 15 H15" fill="none" />
        </g>
      );
    case 'send':
      return (
        <g data-icon="send" {...common}>
          <rect x={2} y={5} width={16} height={11} fill={stroke} />
          <path d="M2 5 L10 11 L18 5" fill="none" stroke={PAPER} />
        </g>
      );
    case 'receive':
      return (
        <g data-icon="receive" {...common} fill={PAPER}>
          <rect x={2} y={5} width={16} height={11} />
          <path d="M2 5 L10 11 L18 5" fill="none" />
        </g>
      );
    case 'manual':
      return (
        <g data-icon="manual" {...common} fill={PAPER}>
          <path d="M2 10 C2 7.5 3.5 6.5 5.5 6.5 H11 C12.3 6.5 12.3 8.5 11 8.5 H8.5 H17 C18.4 8.5 18.4 10.5 17 10.5 H11.5 H17 C18.4 10.5 18.4 12.5 17 12.5 H11.5 H16 C17.4 12.5 17.4 14.5 16 14.5 H11.5 H14 C15.4 14.5 15.4 16.5 14 16.5 H5.5 C3.5 16.5 2 15 2 13 Z" />
        </g>
      );
    case 'businessRule':
      return (
        <g data-icon="businessRule" {...common} fill={PAPER}>
          <rect x={2} y={4} width={16} height={12} />
          <rect x={2} y={4} width={16} height={3.5} fill={stroke} />
          <path d="M2 11.5 H18 M7 7.5 V16" fill="none" />
        </g>
      );
    case 'agent':
      return (
        <g data-icon="agent" {...common} stroke={AGENT} fill={PAPER}>
          <path d="M10 2.2 V5.5" fill="none" />
          <circle cx={10} cy={2.2} r={1.3} fill={AGENT} />
          <rect x={3} y={5.5} width={14} height={10.5} rx={3} />
          <circle cx={7.4} cy={10.3} r={1.5} fill={AGENT} />
          <circle cx={12.6} cy={10.3} r={1.5} fill={AGENT} />
          <path d="M7.5 13.6 H12.5" fill="none" />
          <path d="M1.2 9 V12.5 M18.8 9 V12.5" fill="none" />
          <path d="M6 19 H14" fill="none" />
        </g>
      );
    case 'task':
    case 'callActivity':
    case 'subProcess':
    case 'transaction':
    case 'adHocSubProcess':
      return null;
  }
}

// ---------------------------------------------------------------------------------------
// Event symbols

function pentagon(cx: number, cy: number, r: number): string {
  const pts = Array.from({ length: 5 }, (_, i) => {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / 5;
    return `${(cx + r * Math.cos(a)).toFixed(2)},${(cy + r * Math.sin(a)).toFixed(2)}`;
  });
  return pts.join(' ');
}

const TIMER_TICKS = Array.from({ length: 12 }, (_, i) => {
  const a = (i * Math.PI) / 6;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return `M ${(18 + 8 * c).toFixed(2)} ${(18 + 8 * s).toFixed(2)} L ${(18 + 10 * c).toFixed(2)} ${(18 + 10 * s).toFixed(2)}`;
}).join(' ');

/** The definition symbol inside an event circle; throwing symbols are filled. */
export function EventSymbolIcon({ symbol, filled, stroke = INK }: { symbol: EventSymbol; filled: boolean; stroke?: string }) {
  const fill = filled ? stroke : PAPER;
  const common = { stroke, strokeWidth: 1.2, strokeLinejoin: 'round' as const };
  switch (symbol) {
    case 'none':
      return null;
    case 'message':
      return (
        <g data-symbol="message" {...common}>
          <rect x={9.5} y={12} width={17} height={12} fill={fill} />
          <path d="M9.5 12 L18 18.5 L26.5 12" fill="none" stroke={filled ? PAPER : stroke} />
        </g>
      );
    case 'timer':
      return (
        <g data-symbol="timer" {...common}>
          <circle cx={18} cy={18} r={10.5} fill={PAPER} strokeWidth={1.5} />
          <path d={TIMER_TICKS} fill="none" strokeWidth={1} />
          <path d="M18 18 L18 10.5 M18 18 L23.5 16" fill="none" strokeWidth={1.3} strokeLinecap="round" />
        </g>
      );
    case 'signal':
      return <path data-symbol="signal" d="M18 8.5 L27 24.5 L9 24.5 Z" fill={fill} {...common} />;
    case 'error':
      return <path data-symbol="error" d="M10 26.5 L14 11.5 L19.5 19.5 L25.5 9.5 L21.5 25 L16 17.5 Z" fill={fill} {...common} />;
    case 'escalation':
      return <path data-symbol="escalation" d="M18 8.5 L25.5 26.5 L18 20 L10.5 26.5 Z" fill={fill} {...common} />;
    case 'compensate':
      return <path data-symbol="compensate" d="M8 18 L17 12 L17 24 Z M17 18 L26 12 L26 24 Z" fill={fill} {...common} />;
    case 'conditional':
      return (
        <g data-symbol="conditional" {...common} fill={PAPER}>
          <rect x={11} y={9.5} width={14} height={17} />
          <path d="M13.5 13 H22.5 M13.5 16.5 H22.5 M13.5 20 H22.5 M13.5 23.5 H22.5" fill="none" strokeWidth={1} />
        </g>
      );
    case 'link':
      return <path data-symbol="link" d="M9 15 L19.5 15 L19.5 10.5 L27 18 L19.5 25.5 L19.5 21 L9 21 Z" fill={fill} {...common} />;
    case 'terminate':
      return <circle data-symbol="terminate" cx={18} cy={18} r={10} fill={stroke} stroke="none" />;
    case 'cancel':
      return (
        <path
          data-symbol="cancel"
          d="M11 13.5 L13.5 11 L18 15.5 L22.5 11 L25 13.5 L20.5 18 L25 22.5 L22.5 25 L18 20.5 L13.5 25 L11 22.5 L15.5 18 Z"
          fill={fill}
          {...common}
        />
      );
    case 'multiple':
      return <polygon data-symbol="multiple" points={pentagon(18, 18.8, 9)} fill={fill} {...common} />;
  }
}

// ---------------------------------------------------------------------------------------
// Gateway markers

export function GatewayMarker({ data, stroke = INK }: { data: GatewayNodeData; stroke?: string }) {
  if (!data.showMarker) return null;
  switch (data.gatewayKind) {
    case 'exclusive':
      return <path data-marker="exclusive" d="M17.5 17.5 L32.5 32.5 M32.5 17.5 L17.5 32.5" stroke={stroke} strokeWidth={4} />;
    case 'parallel':
      return <path data-marker="parallel" d="M25 13 L25 37 M13 25 L37 25" stroke={stroke} strokeWidth={4} />;
    case 'inclusive':
      return <circle data-marker="inclusive" cx={25} cy={25} r={10.5} fill="none" stroke={stroke} strokeWidth={2.5} />;
    case 'complex':
      return (
        <path
          data-marker="complex"
          d="M25 13 L25 37 M13 25 L37 25 M16.5 16.5 L33.5 33.5 M33.5 16.5 L16.5 33.5"
          stroke={stroke}
          strokeWidth={3}
        />
      );
    case 'eventBased':
      return (
        <g data-marker="eventBased" stroke={stroke} strokeWidth={1.2} fill="none">
          <circle cx={25} cy={25} r={12} />
          {data.instantiate === undefined && <circle cx={25} cy={25} r={9.5} />}
          {data.instantiate === 'parallel' ? (
            <path d="M25 17.5 L25 32.5 M17.5 25 L32.5 25" strokeWidth={2} />
          ) : (
            <polygon points={pentagon(25, 25.8, 6)} />
          )}
        </g>
      );
  }
}

// ---------------------------------------------------------------------------------------
// Activity markers (14×14)

export type ActivityMarkerName = 'collapsed' | 'parallel' | 'sequential' | 'standard' | 'compensation' | 'adHoc';

export function ActivityMarkerIcon({ name, stroke = INK }: { name: ActivityMarkerName; stroke?: string }) {
  switch (name) {
    case 'collapsed':
      return (
        <g data-marker="collapsed" stroke={stroke} strokeWidth={1} fill={PAPER}>
          <rect x={0.5} y={0.5} width={13} height={13} />
          <path d="M7 3 V11 M3 7 H11" strokeWidth={1.5} />
        </g>
      );
    case 'parallel':
      return <path data-marker="parallel" d="M2.5 1 V13 M7 1 V13 M11.5 1 V13" stroke={stroke} strokeWidth={2} />;
    case 'sequential':
      return <path data-marker="sequential" d="M1 2.5 H13 M1 7 H13 M1 11.5 H13" stroke={stroke} strokeWidth={2} />;
    case 'standard':
      return (
        <g data-marker="loop" stroke={stroke} strokeWidth={1.3} fill="none">
          <path d="M4.2 12.2 A 5.6 5.6 0 1 1 9.8 12.2" />
          <path d="M4.2 12.2 L4.6 8.6 M4.2 12.2 L0.9 10.9" />
        </g>
      );
    case 'compensation':
      return <path data-marker="compensation" d="M0.5 7 L7 2.5 L7 11.5 Z M7 7 L13.5 2.5 L13.5 11.5 Z" stroke={stroke} strokeWidth={1} fill={PAPER} />;
    case 'adHoc':
      return <path data-marker="adHoc" d="M0.5 8.5 C 2.5 4, 5 4, 7 7 S 11.5 10, 13.5 5.5" stroke={stroke} strokeWidth={1.5} fill="none" />;
  }
}
