'use client';
/**
 * The palette: every element the modeler can create (lib/bpmn/commands/element-factory.ts),
 * drawn with the canvas's own shapes. Drag an entry onto the canvas, or click it and then click
 * where it goes.
 */
import { memo } from 'react';
import { PALETTE, type PaletteEntry, type PaletteGroup } from '@/lib/bpmn/commands';
import type { EventNodeData, GatewayNodeData, TaskKind } from '@/lib/bpmn/diagram/types';
import { ActivityShape, EventShape, GatewayShape } from '@/components/diagram/shapes/flow-node-shapes';
import { INK } from '@/components/diagram/shapes/style';
import { PALETTE_MIME } from './modeler-canvas';

const GROUP_LABELS: Record<PaletteGroup, string> = {
  events: 'Events',
  tasks: 'Tasks',
  gateways: 'Gateways',
  containers: 'Containers',
  artifacts: 'Artifacts',
};

const TASK_KINDS: Record<string, TaskKind> = {
  task: 'task',
  userTask: 'user',
  serviceTask: 'service',
  scriptTask: 'script',
  sendTask: 'send',
  receiveTask: 'receive',
  manualTask: 'manual',
  businessRuleTask: 'businessRule',
  callActivity: 'callActivity',
};

const GATEWAY_KINDS: Record<string, GatewayNodeData['gatewayKind']> = {
  exclusiveGateway: 'exclusive',
  parallelGateway: 'parallel',
  inclusiveGateway: 'inclusive',
  eventBasedGateway: 'eventBased',
};

const NO_MARKERS = { loop: 'none', compensation: false, collapsed: false, adHoc: false } as const;

function PaletteIcon({ entry }: { entry: PaletteEntry }) {
  const c = entry.create;
  if (c.kind === 'element') {
    if (c.type.endsWith('Event')) {
      const position: EventNodeData['position'] =
        c.type === 'startEvent' ? 'start' : c.type === 'endEvent' ? 'end' : c.type === 'boundaryEvent' ? 'boundary' : 'intermediate';
      const data: EventNodeData = {
        kind: 'event',
        elementId: entry.key,
        position,
        symbol: c.eventDefinition ?? 'none',
        throwing: c.type === 'endEvent' || c.type === 'intermediateThrowEvent',
        interrupting: true,
      };
      return <EventShape data={data} width={26} height={26} />;
    }
    const gatewayKind = GATEWAY_KINDS[c.type];
    if (gatewayKind) return <GatewayShape data={{ kind: 'gateway', elementId: entry.key, gatewayKind, showMarker: true }} width={28} height={28} />;
    if (c.expanded) {
      return (
        <svg width={30} height={24} aria-hidden>
          <rect x={1} y={1} width={28} height={22} rx={4} fill="white" stroke={INK} strokeDasharray={c.triggeredByEvent ? '2 2' : undefined} />
          {c.type === 'adHocSubProcess' && <text x={15} y={20} fontSize={9} textAnchor="middle" fill={INK}>~</text>}
        </svg>
      );
    }
    const taskKind: TaskKind = c.agent ? 'agent' : (TASK_KINDS[c.type] ?? 'task');
    return (
      <ActivityShape
        data={{ kind: 'activity', elementId: entry.key, taskKind, markers: NO_MARKERS, thickBorder: taskKind === 'callActivity', doubleBorder: false, dottedBorder: false }}
        width={34}
        height={26}
      />
    );
  }
  if (c.kind === 'pool' || c.kind === 'lane') {
    return (
      <svg width={30} height={22} aria-hidden>
        <rect x={1} y={1} width={28} height={20} fill="white" stroke={INK} />
        <line x1={c.kind === 'pool' ? 7 : 1} y1={c.kind === 'pool' ? 1 : 11} x2={c.kind === 'pool' ? 7 : 29} y2={c.kind === 'pool' ? 21 : 11} stroke={INK} />
      </svg>
    );
  }
  return (
    <svg width={30} height={22} aria-hidden>
      <path d="M10 2 H3 V20 H10" fill="none" stroke={INK} />
    </svg>
  );
}

export const Palette = memo(function Palette({ armed, onArm }: { armed?: string; onArm: (key: string | undefined) => void }) {
  const groups = [...new Set(PALETTE.map((e) => e.group))];
  return (
    <nav aria-label="Palette" className="flex h-full w-[184px] shrink-0 flex-col gap-3 overflow-y-auto border-r border-gray-200 bg-gray-50 p-2" data-testid="palette">
      {groups.map((group) => (
        <section key={group}>
          <h3 className="mb-1 px-1 text-[11px] font-semibold tracking-wide text-gray-500 uppercase">{GROUP_LABELS[group]}</h3>
          <ul className="grid grid-cols-1 gap-0.5">
            {PALETTE.filter((e) => e.group === group).map((entry) => (
              <li key={entry.key}>
                <button
                  type="button"
                  draggable
                  data-testid={`palette-${entry.key}`}
                  aria-pressed={armed === entry.key}
                  title={`${entry.label}: drag onto the canvas, or click and then click the canvas`}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(PALETTE_MIME, entry.key);
                    event.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onArm(armed === entry.key ? undefined : entry.key)}
                  className={`flex w-full items-center gap-2 rounded px-1 py-0.5 text-left text-xs text-gray-800 hover:bg-white ${armed === entry.key ? 'bg-blue-50 ring-1 ring-blue-400' : ''}`}
                >
                  <span className="flex h-7 w-9 shrink-0 items-center justify-center">
                    <PaletteIcon entry={entry} />
                  </span>
                  <span className="truncate">{entry.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
});
