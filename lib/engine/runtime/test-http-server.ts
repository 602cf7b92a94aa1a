/**
 * A real local HTTP server for tests: counts calls by idempotency key and answers with the
 * status the test sets. Test-only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedCall = { key: string; method: string; path: string; body: string; headers: Record<string, string | string[] | undefined>; at: number };

export class CountingServer {
  readonly calls: RecordedCall[] = [];
  status = 200;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const key = String(request.headers['idempotency-key'] ?? '');
        this.calls.push({ key, method: request.method ?? '', path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: request.headers, at: Date.now() });
        response.writeHead(this.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: this.status < 400, key }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  countsByKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const call of this.calls) counts.set(call.key, (counts.get(call.key) ?? 0) + 1);
    return counts;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
