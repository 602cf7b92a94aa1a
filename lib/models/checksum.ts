/**
 * The checksum of a process model: sha256 (hex) over its canonical JSON.
 *
 * Contract
 * - Canonical JSON is JSON.stringify with object keys sorted at every depth; array order is
 *   kept (it is meaningful: element order, waypoints). Keys whose value is `undefined` are
 *   dropped, as JSON.stringify drops them, so `{ a: undefined }` and `{}` are equal.
 * - Callers hash the model AFTER `BpmnModelSchema` has parsed it, so that a field left to its
 *   default and the same field written out hash the same. Publishing compares this checksum with
 *   the latest version's to skip unchanged content.
 */
import { createHash } from 'node:crypto';
import type { BpmnModel } from '@/lib/bpmn/model';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    // fromEntries defines own properties, so even a "__proto__" key survives.
    const record = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
  });
}

export function modelChecksum(model: BpmnModel): string {
  return createHash('sha256').update(canonicalJson(model), 'utf8').digest('hex');
}
