'use client';
/**
 * The per-process heatmap: the version's diagram with each element tinted by the chosen metric
 * (count, average or P95 duration, failure rate), a badge with its value and SLA breaches, and
 * the share of tokens on each outgoing flow of a gateway.
 */
import { ViewportPortal } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { BpmnDiagram } from '@/components/diagram/bpmn-diagram';
import { mapDiagram } from '@/lib/bpmn/diagram/map-diagram';
import type { BpmnModel } from '@/lib/bpmn/model';
import { formatCount, formatDuration, formatPercent } from './format';
import { HEAT_COLORS, HEAT_LABELS, HEAT_METRICS, heatLevels, valueOf, type HeatMetric, type HeatStats } from './heatmap-scale';

export type BranchShare = { flowId: string; share: number; taken: number };

function display(stats: HeatStats | undefined, metric: HeatMetric): string {
  if (!stats) return '';
  const value = valueOf(stats, metric);
  if (value === null) return '—';
  if (metric === 'count') return formatCount(value);
  if (metric === 'failure') return formatPercent(value);
  return formatDuration(value);
}

export function Heatmap({ model, stats, branches, initialMetric }: { model: BpmnModel; stats: HeatStats[]; branches: BranchShare[]; initialMetric: HeatMetric }) {
  const [metric, setMetric] = useState<HeatMetric>(initialMetric);
  const mapped = useMemo(() => mapDiagram(model), [model]);
  const byId = useMemo(() => new Map(stats.map((s) => [s.elementId, s])), [stats]);
  const levels = useMemo(() => heatLevels(stats, metric), [stats, metric]);
  const shapes = mapped.nodes.filter((n) => n.data.kind !== 'label' && n.data.kind !== 'container' && byId.has(n.id) && n.width !== undefined && n.height !== undefined);
  const flows = mapped.edges.filter((e) => e.data.kind === 'sequenceFlow');
  const branchLabels = branches.flatMap((b) => {
    const edge = flows.find((e) => e.data.elementId === b.flowId);
    const [p, q] = edge?.data.waypoints ?? [];
    if (!p || !q) return [];
    return [{ ...b, x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 }];
  });

  return (
    <div className="space-y-2" data-testid="heatmap" data-metric={metric}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="radiogroup" aria-label="Heatmap metric" className="inline-flex rounded-md border border-gray-300 bg-white p-0.5 text-sm">
          {HEAT_METRICS.map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={metric === m}
              onClick={() => setMetric(m)}
              className={`rounded px-3 py-1 ${metric === m ? 'bg-blue-700 text-white' : 'text-gray-700 hover:bg-gray-100'}`}
            >
              {HEAT_LABELS[m]}
            </button>
          ))}
        </div>
        <div className="flex items-center gap-1 text-xs text-gray-600" aria-hidden>
          <span>low</span>
          {HEAT_COLORS.slice(1).map((c) => (
            <span key={c} className="h-3 w-6 rounded-sm border border-black/5" style={{ background: c }} />
          ))}
          <span>high</span>
          <span className="ml-3 inline-flex items-center gap-1">
            <span className="h-3 w-3 rounded-full bg-purple-600" /> SLA breaches
          </span>
        </div>
      </div>
      <BpmnDiagram model={model} height="max(460px, calc(100vh - 420px))">
        <ViewportPortal>
          {shapes.map((n) => {
            const level = levels.get(n.id) ?? 0;
            const s = byId.get(n.id);
            return (
              <div key={n.id} className="pointer-events-none absolute" style={{ left: n.position.x, top: n.position.y, width: n.width, height: n.height, zIndex: 1000 }} data-testid="heat-cell" data-element={n.id} data-level={level}>
                <div className="absolute inset-[-4px] rounded-xl" style={{ background: HEAT_COLORS[level], opacity: 0.55 }} />
                <div className="absolute -top-3 right-[-10px] flex items-center gap-1">
                  <span className="rounded border border-gray-300 bg-white px-1 text-[10px] leading-4 font-semibold whitespace-nowrap text-gray-900 shadow-sm" data-testid="heat-badge">
                    {display(s, metric)}
                  </span>
                  {s && s.slaBreaches > 0 && (
                    <span className="rounded-full bg-purple-600 px-1 text-[10px] leading-4 font-semibold text-white" title={`${s.slaBreaches} SLA breaches`}>
                      {formatCount(s.slaBreaches)}
                    </span>
                  )}
                </div>
              </div>
            );
          })}
          {branchLabels.map((b) => (
            <div
              key={b.flowId}
              className="pointer-events-none absolute -translate-x-1/2 -translate-y-1/2 rounded-full bg-blue-700 px-1.5 text-[10px] leading-4 font-semibold text-white shadow"
              style={{ left: b.x, top: b.y, zIndex: 1001 }}
              data-testid="branch-share"
              data-flow={b.flowId}
              title={`${formatCount(b.taken)} tokens`}
            >
              {formatPercent(b.share)}
            </div>
          ))}
        </ViewportPortal>
      </BpmnDiagram>
    </div>
  );
}
