/**
 * The heatmap's colour scale: each element's value for the chosen metric, relative to the
 * largest value among the elements, in six steps (0 = nothing ran). Pure.
 */
export const HEAT_METRICS = ['count', 'average', 'p95', 'failure'] as const;
export type HeatMetric = (typeof HEAT_METRICS)[number];
export const HEAT_LABELS: Record<HeatMetric, string> = { count: 'Count', average: 'Average duration', p95: 'P95 duration', failure: 'Failure rate' };

export type HeatStats = { elementId: string; activated: number; averageMs: number | null; p95Ms: number | null; failureRate: number; slaBreaches: number };

export function valueOf(stats: HeatStats, metric: HeatMetric): number | null {
  switch (metric) {
    case 'count':
      return stats.activated;
    case 'average':
      return stats.averageMs;
    case 'p95':
      return stats.p95Ms;
    case 'failure':
      return stats.activated > 0 ? stats.failureRate : null;
  }
}

/** Level 0..5 of each element for `metric` (0: no value or zero). */
export function heatLevels(stats: readonly HeatStats[], metric: HeatMetric): Map<string, number> {
  const values = stats.map((s) => [s.elementId, valueOf(s, metric) ?? 0] as const);
  const max = Math.max(0, ...values.map(([, v]) => v));
  return new Map(values.map(([id, v]) => [id, max > 0 && v > 0 ? Math.max(1, Math.ceil((v / max) * 5)) : 0]));
}

export const HEAT_COLORS = ['transparent', '#fef3c7', '#fde68a', '#fdba74', '#f87171', '#dc2626'];
