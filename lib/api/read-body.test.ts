import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError } from '@/lib/api/errors';
import { decodeText, mediaTypeOf, readBodyBytes } from '@/lib/api/read-body';

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://localhost/x', { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);

/** A stream of `chunks` chunks of `size` bytes that counts how many were pulled. */
function countingStream(chunks: number, size: number) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) return controller.close();
      state.pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, state };
}

describe('readBodyBytes', () => {
  it('given a body within the limit, then all its bytes are read', async () => {
    expect(new TextDecoder().decode(await readBodyBytes(post('héllo'), 100))).toBe('héllo');
  });

  it('given a declared Content-Length over the limit, then it is refused before anything is read', async () => {
    const { stream, state } = countingStream(5, 10);
    await expect(readBodyBytes(post(stream, { 'content-length': '50' }), 20)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(state.pulled).toBeLessThanOrEqual(1);
  });

  it('given no Content-Length, then bytes are counted while reading and reading stops past the limit', async () => {
    const { stream, state } = countingStream(1000, 1024);
    await expect(readBodyBytes(post(stream), 10 * 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(state.pulled).toBeLessThan(20);
  });

  it('given a Content-Length that lies (smaller than the body), then the counted bytes decide', async () => {
    const { stream } = countingStream(100, 1024);
    await expect(readBodyBytes(post(stream, { 'content-length': '10' }), 10 * 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('given exactly the limit, then the body is accepted', async () => {
    expect((await readBodyBytes(post(new Uint8Array(64)), 64)).byteLength).toBe(64);
  });

  it('given no body, then it is empty', async () => {
    expect((await readBodyBytes(new Request('http://localhost/x', { method: 'POST' }))).byteLength).toBe(0);
  });
});

describe('mediaTypeOf', () => {
  it('reads the type lower-cased and the charset', () => {
    expect(mediaTypeOf(post('x', { 'content-type': 'Application/XML; Charset="ISO-8859-1"' }))).toEqual({ type: 'application/xml', charset: 'ISO-8859-1' });
    expect(mediaTypeOf(post(new Uint8Array(1)))).toBeNull();
  });
});

describe('decodeText', () => {
  const latin1 = Uint8Array.from([...'<?xml version="1.0" encoding="ISO-8859-1"?><a>'].map((c) => c.charCodeAt(0)).concat([0xe9, ...[...'</a>'].map((c) => c.charCodeAt(0))]));

  it('given XML without a charset, then the XML declaration decides', () => {
    expect(decodeText(latin1, { xml: true })).toContain('<a>é</a>');
  });

  it('given a charset, then it wins', () => {
    expect(decodeText(latin1, { charset: 'iso-8859-1' })).toContain('<a>é</a>');
  });

  it('given bytes that are not UTF-8 for a JSON body, then it is a 400 naming the encoding', () => {
    expect(() => decodeText(Uint8Array.from([0x7b, 0xff, 0x7d]))).toThrowError(/not valid utf-8/);
  });

  it('given an unknown charset, then it is a 400', () => {
    expect(() => decodeText(new Uint8Array(1), { charset: 'klingon' })).toThrowError(/Unknown character encoding/);
  });
});
