/**
 * Bytes of a BPMN file -> text, honouring a byte order mark or the encoding named in the XML
 * declaration (e.g. ISO-8859-1 in older MIWG files); UTF-8 when neither says otherwise.
 * `importBpmn` takes text: call this first when the input is a file or an upload.
 */
export function decodeBpmnBytes(bytes: Uint8Array): string {
  return decoderFor(bytes).decode(bytes);
}

function decoderFor(bytes: Uint8Array): TextDecoder {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8');
  const head = String.fromCharCode(...bytes.subarray(0, 256));
  const label = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
  try {
    return new TextDecoder(label ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}
