import { BadRequestError, UnprocessableError } from '@/lib/api/errors';
import type { Finding } from '@/lib/bpmn/findings';
import type { BpmnModel } from '@/lib/bpmn/model';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';

/** Where a model comes from: BPMN XML text, or model JSON already parsed by `BpmnModelSchema`. Exactly one. */
export type ModelSource = { xml?: string; model?: BpmnModel };

export type SourceResult = { ok: true; model: BpmnModel; warnings: Finding[] } | { ok: false; findings: Finding[] };

/** The model of `source` with the import warnings of its XML, or the import findings (with lines) when the XML cannot be read. */
export async function tryReadModelSource(source: ModelSource): Promise<SourceResult> {
  if (source.xml !== undefined && source.model !== undefined) {
    throw new BadRequestError('request.invalid', 'Send either `xml` or `model`, not both.', { issues: [{ in: 'body', path: 'model', message: 'send either xml or model' }] });
  }
  if (source.model !== undefined) return { ok: true, model: source.model, warnings: [] };
  if (source.xml === undefined) {
    throw new BadRequestError('request.invalid', 'Send `xml` (BPMN 2.0 XML) or `model` (model JSON).', { issues: [{ in: 'body', path: 'model', message: 'required' }] });
  }
  return importBpmn(source.xml);
}

/** As `tryReadModelSource`, but XML that cannot be imported throws 422 `bpmn.import-failed` carrying the findings. */
export async function readModelSource(source: ModelSource): Promise<{ model: BpmnModel; warnings: Finding[] }> {
  const result = await tryReadModelSource(source);
  if (result.ok) return result;
  throw new UnprocessableError('bpmn.import-failed', `The BPMN XML could not be imported: ${describeFirst(result.findings)}`, { findings: result.findings });
}

function describeFirst(findings: Finding[]): string {
  const first = findings.find((f) => f.severity === 'error') ?? findings[0];
  if (!first) return 'no reason given.';
  const where = first.line ? ` (line ${first.line}${first.column ? `, column ${first.column}` : ''})` : '';
  const more = findings.length > 1 ? ` — and ${findings.length - 1} more finding(s)` : '';
  return `${first.message}${where}${more}`;
}
