/**
 * SLA breaches of one instance, for the instance page: the dashboard's rule (a completion that
 * took longer than its element's or its process's target; lib/metrics/read-model/deltas.ts)
 * applied to the instance's own log, so the page follows the live log and time travel.
 * Elements still running past their target are not breaches until they complete, as on the
 * dashboard. Pure.
 */
import type { Event } from '@/lib/engine/core';
import { computeDeltas, PROCESS_ELEMENT_ID, slaTargetsOfModel, type SlaModel } from '@/lib/metrics/read-model/deltas';

export type InstanceSlaBreach = {
  /** The element whose run breached its target, or null for the whole instance. */
  elementId: string | null;
  /** When the late run completed (ISO). */
  at: string;
  durationMs: number;
  targetMs: number;
};

/** Whether the model sets any SLA target (the page shows the SLA panel only then). */
export function hasSlaTargets(model: SlaModel, processKey: string): boolean {
  const targets = slaTargetsOfModel(model, processKey);
  return targets.processMs !== null || targets.elementsMs.size > 0;
}

/** The breaches in `events` (an instance's log, in order), against the targets of `model`. */
export function slaBreachesOf(events: readonly Event[], model: SlaModel, processKey: string): InstanceSlaBreach[] {
  const deltas = computeDeltas({ instanceId: '', versionId: '', processKey, events }, { activations: new Map() }, slaTargetsOfModel(model, processKey));
  return deltas.breaches.map((b) => ({ elementId: b.elementId === PROCESS_ELEMENT_ID ? null : b.elementId, at: b.at, durationMs: b.durationMs, targetMs: b.targetMs }));
}
