/**
 * Reading request bodies safely: a byte limit enforced while streaming, media types, charsets.
 *
 * Contract
 * - `readBodyBytes` never holds more than `limit` bytes: a Content-Length above the limit is
 *   refused before reading, and the bytes are counted as they arrive, so an absent or lying
 *   Content-Length cannot get a larger body through. Over the limit → `PayloadTooLargeError`.
 * - `decodeText` honours the charset of the Content-Type, then (for XML) the encoding named in
 *   the XML declaration or a byte-order mark, then UTF-8: BPMN files in the wild are also
 *   ISO-8859-1.
 */
import { BadRequestError, PayloadTooLargeError } from '@/lib/api/errors';
import { decodeBpmnBytes } from '@/lib/bpmn/xml/decode-bpmn';

/** The largest body any endpoint accepts: 5 MiB, as for the app's server actions (next.config.ts). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export type MediaType = { type: string; charset?: string };

/** The media type of a request, lower-cased without parameters, or null when none is sent. */
export function mediaTypeOf(request: Request): MediaType | null {
  const header = request.headers.get('content-type');
  if (!header || !header.trim()) return null;
  const [type, ...params] = header.split(';');
  const charsetParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('charset='));
  const charset = charsetParam?.slice('charset='.length).trim().replace(/^"|"$/g, '');
  return { type: type.trim().toLowerCase(), ...(charset ? { charset } : {}) };
}

export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

export function isXmlMediaType(type: string): boolean {
  return type === 'application/xml' || type === 'text/xml' || /^application\/[\w.+-]+\+xml$/.test(type);
}

export async function readBodyBytes(request: Request, limit: number = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    throw new PayloadTooLargeError(limit);
  }
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Decodes a text body: with the charset the Content-Type names, else as UTF-8 — or, for XML,
 * as the byte-order mark or XML declaration says (`decodeBpmnBytes`).
 */
export function decodeText(bytes: Uint8Array, options: { charset?: string; xml?: boolean } = {}): string {
  if (!options.charset && options.xml) return decodeBpmnBytes(bytes);
  const label = options.charset ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new BadRequestError('request.invalid', `Unknown character encoding "${label}".`, { issues: [{ in: 'body', path: '', message: `unknown encoding ${label}` }] });
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new BadRequestError('request.invalid', `The body is not valid ${label} text.`, { issues: [{ in: 'body', path: '', message: `not valid ${label}` }] });
  }
}
