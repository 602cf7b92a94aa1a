/**
 * Findings of a saved draft, both levels. Pure.
 *
 * Contract
 * - `import` level: the saved JSON must still parse as a `BpmnModel` (a draft saved under an
 *   older model schema may not). When it does not, `model` is null and the findings name each
 *   failing path; execution checks are skipped.
 * - `execution` level: `validateForExecution` of the parsed model.
 */
import { validateForExecution } from '@/lib/bpmn/validate';
import type { Finding } from '@/lib/bpmn/findings';
import { BpmnModelSchema, type BpmnModel } from '@/lib/bpmn/model';
import type { FindingCounts } from '@/lib/api/schemas';

export type CheckedModel = { model: BpmnModel | null; findings: Finding[] };

export function parseDraft(draftJson: string): CheckedModel {
  let json: unknown;
  try {
    json = JSON.parse(draftJson);
  } catch {
    return { model: null, findings: [{ level: 'import', severity: 'error', code: 'draft-unreadable', message: 'The saved draft is not valid JSON.' }] };
  }
  const parsed = BpmnModelSchema.safeParse(json);
  if (parsed.success) return { model: parsed.data, findings: [] };
  return {
    model: null,
    findings: parsed.error.issues.map((issue) => ({
      level: 'import' as const,
      severity: 'error' as const,
      code: 'draft-schema',
      message: `The saved draft does not fit the model schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    })),
  };
}

/** `warnings` (e.g. of an XML import) first, then the execution findings of `model`. */
export function checkModel(model: BpmnModel, warnings: Finding[] = []): Finding[] {
  return [...warnings, ...validateForExecution(model)];
}

/** The draft's findings of both levels. */
export function draftFindings(draftJson: string): CheckedModel {
  const draft = parseDraft(draftJson);
  return draft.model ? { model: draft.model, findings: checkModel(draft.model) } : draft;
}

export function countFindings(findings: Finding[]): FindingCounts {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}
