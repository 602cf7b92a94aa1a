/**
 * Rows → the response shapes of lib/api/schemas.ts (timestamps as ISO strings). Version
 * summaries never carry the XML or model JSON of a version; select `VERSION_SUMMARY` to keep
 * those large columns out of list queries.
 */
import type { Finding } from '@/lib/bpmn/findings';
import type { BpmnModel } from '@/lib/bpmn/model';
import type { ModelDetail, VersionSummary } from '@/lib/api/schemas';

export const VERSION_SUMMARY = {
  number: true,
  processKey: true,
  checksum: true,
  message: true,
  publishedAt: true,
  publishedById: true,
} as const;

type VersionSummaryRow = {
  number: number;
  processKey: string;
  checksum: string;
  message: string | null;
  publishedAt: Date;
  publishedById: string | null;
};

export function toVersionSummary(row: VersionSummaryRow): VersionSummary {
  return {
    number: row.number,
    processKey: row.processKey,
    checksum: row.checksum,
    message: row.message,
    publishedAt: row.publishedAt.toISOString(),
    publishedById: row.publishedById,
  };
}

type ModelRow = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  lock: number;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toModelDetail(row: ModelRow, draft: BpmnModel | null, versions: VersionSummaryRow[], findings: Finding[]): ModelDetail {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    lock: row.lock,
    draft,
    latestVersion: row.latestVersion,
    versions: versions.map(toVersionSummary),
    findings,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
