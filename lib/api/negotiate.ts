/**
 * Content negotiation for endpoints that can answer JSON or BPMN XML.
 *
 * Contract: an explicit `format` wins; otherwise XML only when the Accept header ranks
 * `application/xml` or `text/xml` strictly above `application/json` (q-values honoured;
 * `*\/*`, no header, or a tie mean JSON, the default).
 */
export function wantsXml(format: 'json' | 'bpmn' | undefined, accept: string | null): boolean {
  if (format) return format === 'bpmn';
  if (!accept) return false;
  const quality = (type: string) =>
    Math.max(
      -1,
      ...accept.split(',').map((part) => {
        const [range, ...params] = part.trim().toLowerCase().split(';');
        if (range.trim() !== type) return -1;
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        const value = q ? Number(q.slice(2)) : 1;
        return Number.isFinite(value) ? value : 1;
      }),
    );
  const xml = Math.max(quality('application/xml'), quality('text/xml'));
  return xml > 0 && xml > quality('application/json');
}

