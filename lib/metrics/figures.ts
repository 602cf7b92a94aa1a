/**
 * The dashboard's derived figures, pure: failure rates, averages, SLA targets and breaches,
 * branch frequencies. Inputs are the counters of the read model (lib/metrics/read-model).
 */
import { addDuration, parseIsoDuration } from '@/lib/bpmn/timers';

/** Incidents per activation (0 when nothing ran); 1 incident in 4 activations is 0.25. */
export function failureRate(incidents: number, activated: number): number {
  return activated > 0 ? incidents / activated : 0;
}

/** Mean duration, null when nothing completed. */
export function averageMs(durationSumMs: number, completed: number): number | null {
  return completed > 0 ? durationSumMs / completed : null;
}

/** An ISO 8601 SLA target in ms (P1D is 86,400,000), or null when absent or unreadable. */
export function slaTargetMs(target: string | undefined): number | null {
  if (target === undefined || target.trim() === '') return null;
  const parsed = parseIsoDuration(target.trim());
  if (!parsed.ok) return null;
  const ms = addDuration(new Date(0), parsed.value).getTime();
  return ms > 0 ? ms : null;
}

/** A run breaches its SLA when it took strictly longer than the target. */
export function breachesSla(durationMs: number, targetMs: number | null): boolean {
  return targetMs !== null && durationMs > targetMs;
}

/**
 * Branch frequencies of a gateway: each outgoing flow's share of the tokens that left it
 * (flows never taken have share 0; all zero when the gateway was never passed).
 */
export function branchShares(taken: ReadonlyMap<string, number>, outgoing: readonly string[]): Map<string, number> {
  const total = outgoing.reduce((sum, flowId) => sum + (taken.get(flowId) ?? 0), 0);
  return new Map(outgoing.map((flowId) => [flowId, total > 0 ? (taken.get(flowId) ?? 0) / total : 0]));
}

/** The UTC day (YYYY-MM-DD) of an ISO instant: the read model's time grain. */
export function dayOf(iso: string): string {
  // A UTC instant (…T…Z, as events record time) starts with its day; anything else goes through Date.
  if (iso.length > 11 && iso[10] === 'T' && iso.endsWith('Z')) return iso.slice(0, 10);
  return new Date(iso).toISOString().slice(0, 10);
}
