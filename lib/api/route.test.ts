import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineEndpoint } from '@/lib/api/endpoint';
import { ConflictError, ForbiddenError } from '@/lib/api/errors';
import { MAX_BODY_BYTES } from '@/lib/api/read-body';
import { json, route, xml } from '@/lib/api/route';

// The auth seams, switchable per test: signed out (401), forbidden (403) or allowed.
const auth = vi.hoisted(() => ({ mode: 'allowed' as 'allowed' | 'signed-out' | 'forbidden' }));
vi.mock('@/lib/api/authorize', () => ({
  authenticate: async () => (auth.mode === 'signed-out' ? null : { subject: { type: 'user', id: 'u1', label: 'tester', roles: [], groups: [] }, via: 'token' }),
  assertSameSite: () => {},
  authorize: () => {
    if (auth.mode === 'forbidden') throw new ForbiddenError('Not allowed: model:publish');
  },
  requestActor: () => ({ type: 'user', id: 'u1', label: 'tester' }),
}));
// Outside Next.js there is no request scope for connection(); these tests are the request.
vi.mock('next/server', () => ({ connection: async () => undefined }));
// No database is touched by these handlers.
vi.mock('@/lib/api/route-db', () => ({ routeDb: () => ({}) }));

const echo = defineEndpoint({
  operationId: 'echo',
  method: 'POST',
  path: '/api/v1/echo/{n}',
  summary: 'echo',
  auth: { action: 'model:create' },
  params: z.object({ n: z.coerce.number().int().positive() }),
  query: z.object({ flag: z.enum(['a', 'b']).optional() }),
  body: { schema: z.object({ name: z.string(), items: z.array(z.object({ id: z.string().min(1) })).default([]) }).strict(), description: 'x' },
  responses: { 200: { description: 'ok', schema: z.object({ n: z.number(), name: z.string(), count: z.number(), flag: z.string().optional() }) } },
  errors: [],
});
const handleEcho = route(echo, async ({ params, query, body }) => json(200, { n: params.n, name: body.name, count: body.items.length, flag: query.flag }));

const xmlish = defineEndpoint({
  ...echo,
  operationId: 'xmlish',
  params: undefined,
  query: undefined,
  body: { schema: z.object({ xml: z.string().min(1).optional() }).strict(), acceptsXml: true, optional: true, description: 'x' },
  responses: { 200: { description: 'ok', schema: z.object({ got: z.string() }), xml: true } },
});
const handleXml = route(xmlish, async ({ body }) => (body.xml === 'give-xml' ? xml(200, '<a/>', 'a v1.bpmn') : json(200, { got: body.xml ?? '(empty)' })));

const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const call = (init: RequestInit & { url?: string } = {}, p: Record<string, string> = { n: '7' }) =>
  handleEcho(new Request(init.url ?? 'http://localhost/api/v1/echo/7', { method: 'POST', ...init }), params(p));
const jsonInit = (body: unknown): RequestInit => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  auth.mode = 'allowed';
});

describe('route(): input', () => {
  it('given valid params, query and body, then the handler gets them parsed', async () => {
    const response = await call({ ...jsonInit({ name: 'x', items: [{ id: 'a' }] }), url: 'http://localhost/api/v1/echo/7?flag=b' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ n: 7, name: 'x', count: 1, flag: 'b' });
  });

  it('given a body of the wrong type deep inside, then 400 names the path and the problem', async () => {
    const response = await call(jsonInit({ name: 'x', items: [{ id: 'a' }, { id: 5 }] }));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('request.invalid');
    expect(error.message).toMatch(/^Invalid body: items\.1\.id: .*expected string/);
    expect(error.details.issues).toEqual([{ in: 'body', path: 'items.1.id', message: expect.stringContaining('expected string') }]);
  });

  it('given an unknown body field, then 400 names it', async () => {
    const { error } = await (await call(jsonInit({ name: 'x', nmae: 'y' }))).json();
    expect(error.message).toContain('nmae');
  });

  it('given a path parameter of the wrong type, then 400 names it', async () => {
    const response = await call(jsonInit({ name: 'x' }), { n: 'abc' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.details.issues[0]).toMatchObject({ in: 'path', path: 'n' });
  });

  it('given a bad query value, then 400 names it', async () => {
    const response = await call({ ...jsonInit({ name: 'x' }), url: 'http://localhost/api/v1/echo/7?flag=c' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/^Invalid query: flag: /);
  });

  it('given JSON that does not parse, then 400 request.malformed-json', async () => {
    const response = await call({ body: '{"name": "x",', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('request.malformed-json');
  });

  it('given a required body that is empty, then 400', async () => {
    const response = await call({ body: '', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('required');
  });

  it('given an unaccepted Content-Type, then 415 lists what is accepted', async () => {
    const response = await call({ body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expect((await response.json()).error).toMatchObject({ code: 'request.unsupported-media-type', details: { accepted: ['application/json'] } });
  });

  it('given XML where only JSON is accepted, then 415', async () => {
    expect((await call({ body: '<a/>', headers: { 'content-type': 'application/xml' } })).status).toBe(415);
  });

  it('given a body without Content-Type, then 415', async () => {
    expect((await call({ body: new TextEncoder().encode('{"name":"x"}') })).status).toBe(415);
  });

  it('given a body over the limit with its Content-Length, then 413', async () => {
    const response = await call({ body: 'x'.repeat(MAX_BODY_BYTES + 1), headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) } });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('request.too-large');
  });

  it('given a 10 MB body without Content-Length, then 413', async () => {
    const response = await call({ body: 'x'.repeat(10 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
  });
});

describe('route(): XML bodies and answers', () => {
  const callXml = (init: RequestInit, url = 'http://localhost/api/v1/x') => handleXml(new Request(url, { method: 'POST', ...init }));

  it('given application/xml or text/xml, then the handler gets { xml }', async () => {
    for (const type of ['application/xml', 'text/xml; charset=utf-8']) {
      const response = await callXml({ body: '<definitions/>', headers: { 'content-type': type } });
      expect(await response.json()).toEqual({ got: '<definitions/>' });
    }
  });

  it('given JSON { xml }, then the handler gets the same', async () => {
    expect(await (await callXml(jsonInit({ xml: '<definitions/>' }))).json()).toEqual({ got: '<definitions/>' });
  });

  it('given an optional body left empty, then the handler gets {}', async () => {
    expect(await (await callXml({})).json()).toEqual({ got: '(empty)' });
  });

  it('given an XML reply, then it is application/xml with a safe file name', async () => {
    const response = await callXml(jsonInit({ xml: 'give-xml' }));
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="a_v1.bpmn"');
    expect(await response.text()).toBe('<a/>');
  });
});

describe('route(): auth and errors', () => {
  it('given nobody signed in, then 401 before the body is looked at', async () => {
    auth.mode = 'signed-out';
    const response = await call({ body: 'not json', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('auth.unauthenticated');
  });

  it('given an actor the rule refuses, then 403', async () => {
    auth.mode = 'forbidden';
    expect((await call(jsonInit({ name: 'x' }))).status).toBe(403);
  });

  it('given a handler that throws a named error, then its status and body', async () => {
    const conflicting = route({ ...echo, operationId: 'conflict' }, async () => {
      throw new ConflictError('model.lock-stale', 'stale', { currentLock: 4 });
    });
    const response = await conflicting(new Request('http://localhost/x', { method: 'POST', ...jsonInit({ name: 'x' }) }), params({ n: '1' }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: 'model.lock-stale', message: 'stale', details: { currentLock: 4 } } });
  });

  it('given a handler that throws anything else, then 500 internal without the original message', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = route({ ...echo, operationId: 'fail' }, async () => {
      throw new Error('secret detail');
    });
    const response = await failing(new Request('http://localhost/x', { method: 'POST', ...jsonInit({ name: 'x' }) }), params({ n: '1' }));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('secret detail');
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('given a reply that does not fit the declared schema, then it fails outside production', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const drifting = route({ ...echo, operationId: 'drift' }, async () => json(200, { n: 1, name: 'x', count: 'many' as unknown as number }));
    const response = await drifting(new Request('http://localhost/x', { method: 'POST', ...jsonInit({ name: 'x' }) }), params({ n: '1' }));
    expect(response.status).toBe(500);
    expect(String(spy.mock.calls[0]?.[1])).toContain('does not fit its schema');
    spy.mockRestore();
  });
});
