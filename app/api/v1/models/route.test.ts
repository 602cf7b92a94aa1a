import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call, expectNothingWritten, streamOf, TEST_CALLER_NAME } from '@/lib/api/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { corpusBytes, corpusText, MALFORMED_FILE, MALFORMED_LINE, PUBLISHABLE_FILE, PUBLISHABLE_KEY, unpublishableModel, validModel } from '@/lib/models/test-support';
import { GET, POST } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

const URL_ = '/api/v1/models';
const TEN_MB = 10 * 1024 * 1024;

describeEachDatabase('POST /api/v1/models', (database) => {
  beforeAll(() => setRouteDatabase(database.db));
  const create = (options: Parameters<typeof call>[3], query = '') => call(POST, 'POST', `${URL_}${query}`, options);

  describe('success', () => {
    it('given raw application/xml, then 201 with the derived key, the draft and findings', async () => {
      const answer = await create({ body: corpusBytes(PUBLISHABLE_FILE), contentType: 'application/xml' });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ key: PUBLISHABLE_KEY, lock: 0, latestVersion: 0, versions: [], findings: expect.any(Array) });
      const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'model.create' } });
      expect(audit).toMatchObject({ actorType: 'token', actorLabel: `token ${TEST_CALLER_NAME}` });
    });

    it('given text/xml with ?key and ?name, then they are used', async () => {
      const answer = await create({ body: corpusText(PUBLISHABLE_FILE), contentType: 'text/xml; charset=utf-8' }, '?key=second-copy&name=Second%20copy');
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ key: 'second-copy', name: 'Second copy' });
    });

    it('given JSON { xml }, then the same as raw XML', async () => {
      const answer = await create({ json: { xml: corpusText(PUBLISHABLE_FILE) } }, '?key=third-copy');
      expect(answer.status).toBe(201);
    });

    it('given JSON { model }, then 201 with no findings', async () => {
      const answer = await create({ json: { model: validModel() } });
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ key: 'process-1', name: 'Simple', findings: [] });
    });

    it('given an ISO-8859-1 file, then the XML declaration decides the decoding', async () => {
      const xml = corpusText('camunda7/simpleSubProcess.bpmn20.xml').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(/name="[^"]*"/, 'name="Prüfung"');
      const answer = await create({ body: new Uint8Array(Buffer.from(xml, 'latin1')), contentType: 'application/xml' }, '?key=latin');
      expect(answer.status).toBe(201);
      expect(JSON.stringify(answer.json)).toContain('Prüfung');
    });
  });

  describe('bad input changes nothing', () => {
    it('given XML that is not well-formed, then 422 bpmn.import-failed naming the line', async () => {
      const answer = await expectNothingWritten(database.db, () => create({ body: corpusBytes(MALFORMED_FILE) }));
      expect(answer.status).toBe(422);
      expect(answer.error?.code).toBe('bpmn.import-failed');
      expect(answer.error?.message).toContain(`line ${MALFORMED_LINE}`);
      expect(answer.error?.details.findings).toEqual([expect.objectContaining({ line: MALFORMED_LINE })]);
    });

    it('given a truncated XML document, then 422 with a line', async () => {
      const answer = await expectNothingWritten(database.db, () => create({ body: corpusText(PUBLISHABLE_FILE).slice(0, 400) }));
      expect(answer.status).toBe(422);
      expect((answer.error?.details.findings as { line?: number }[])[0].line).toEqual(expect.any(Number));
    });

    it('given a body that is not JSON, then 400 request.malformed-json', async () => {
      const answer = await expectNothingWritten(database.db, () => create({ body: '{"model": {', contentType: 'application/json' }));
      expect(answer.status).toBe(400);
      expect(answer.error?.code).toBe('request.malformed-json');
    });

    it('given a model that fails the schema, then 400 naming the path', async () => {
      const model = { ...validModel(), elements: [{ type: 'startEvent', parentId: 'Process_1' }] };
      const answer = await expectNothingWritten(database.db, () => create({ json: { model } }));
      expect(answer.status).toBe(400);
      expect(answer.error?.code).toBe('request.invalid');
      expect(answer.error?.message).toMatch(/^Invalid body: model\.elements\.0\.id: /);
      expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ in: 'body', path: 'model.elements.0.id' }));
    });

    it('given an element type that does not exist, then 400 naming the path', async () => {
      const model = { ...validModel(), elements: [{ type: 'magicTask', id: 'x', parentId: 'Process_1' }] };
      const answer = await expectNothingWritten(database.db, () => create({ json: { model } }));
      expect(answer.status).toBe(400);
      expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ path: 'model.elements.0.type' }));
    });

    it('given wrong types, then 400 naming the field', async () => {
      for (const json of [{ xml: 5 }, { model: 'not an object' }, [1, 2], 'xml']) {
        const answer = await expectNothingWritten(database.db, () => create({ json }));
        expect(answer.status, JSON.stringify(json)).toBe(400);
        expect(answer.error?.code).toBe('request.invalid');
      }
      const typed = await create({ json: { xml: 5 } });
      expect(typed.error?.details.issues).toContainEqual(expect.objectContaining({ path: 'xml', message: expect.stringContaining('expected string') }));
    });

    it('given both xml and model, or neither, or an unknown field, then 400', async () => {
      for (const json of [{ xml: '<a/>', model: validModel() }, {}, { xml: '<a/>', key: 'x' }]) {
        const answer = await expectNothingWritten(database.db, () => create({ json }));
        expect(answer.status, JSON.stringify(json)).toBe(400);
      }
    });

    it('given an invalid ?key, then 400 naming the query parameter', async () => {
      const answer = await expectNothingWritten(database.db, () => create({ json: { model: validModel() } }, '?key=Not%20A%20Key'));
      expect(answer.status).toBe(400);
      expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ in: 'query', path: 'key' }));
    });

    it('given a key that is taken, then 409 model.key-taken', async () => {
      const answer = await expectNothingWritten(database.db, () => create({ body: corpusBytes(PUBLISHABLE_FILE) }));
      expect(answer.status).toBe(409);
      expect(answer.error).toMatchObject({ code: 'model.key-taken', details: { key: PUBLISHABLE_KEY, modelId: expect.any(String) } });
    });

    it('given another media type, then 415', async () => {
      const answer = await expectNothingWritten(database.db, () => create({ body: 'hello', contentType: 'text/plain' }));
      expect(answer.status).toBe(415);
      expect(answer.error?.details.accepted).toEqual(['application/json', 'application/xml', 'text/xml']);
    });

    it('given a 10 MB body with its Content-Length, then 413', async () => {
      const body = new Uint8Array(TEN_MB).fill(0x20);
      const answer = await expectNothingWritten(database.db, () => create({ body, headers: { 'content-length': String(TEN_MB) } }));
      expect(answer.status).toBe(413);
      expect(answer.error?.code).toBe('request.too-large');
    });

    it('given a 10 MB streamed body without Content-Length, or with a lying one, then 413', async () => {
      for (const headers of [{}, { 'content-length': '100' }] as Record<string, string>[]) {
        const answer = await expectNothingWritten(database.db, () => create({ body: streamOf(TEN_MB), headers }));
        expect(answer.status).toBe(413);
      }
    });

    it('given an empty body, then 400', async () => {
      const answer = await expectNothingWritten(database.db, () => create({ body: '', contentType: 'application/json' }));
      expect(answer.status).toBe(400);
    });
  });
});

describeEachDatabase('GET /api/v1/models', (database) => {
  beforeAll(async () => {
    setRouteDatabase(database.db);
    await call(POST, 'POST', URL_, { json: { model: validModel() }, params: {} });
    await call(POST, 'POST', `${URL_}?key=broken`, { json: { model: unpublishableModel() } });
  });

  it('lists models with their latest version and finding counts', async () => {
    const answer = await call(GET, 'GET', URL_);
    expect(answer.status).toBe(200);
    const { items, total } = answer.json as { items: { key: string; latestVersion: unknown; findingCounts: { errors: number } }[]; total: number };
    expect(total).toBe(2);
    expect(items.find((m) => m.key === 'broken')).toMatchObject({ latestVersion: null, findingCounts: { errors: 1 } });
    expect(items.find((m) => m.key === 'process-1')).toMatchObject({ findingCounts: { errors: 0, warnings: 0 } });
  });

  it('pages with limit and offset', async () => {
    const answer = await call(GET, 'GET', `${URL_}?limit=1&offset=1`);
    expect((answer.json as { items: unknown[]; total: number }).items).toHaveLength(1);
    expect((answer.json as { total: number }).total).toBe(2);
  });

  it('given a bad limit, then 400 naming it', async () => {
    for (const query of ['?limit=0', '?limit=abc', '?limit=1000', '?offset=-1']) {
      const answer = await call(GET, 'GET', `${URL_}${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.error?.message).toMatch(/^Invalid query: (limit|offset): /);
    }
  });
});
