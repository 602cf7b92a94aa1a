import { beforeAll, expect, it, vi } from 'vitest';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call } from '@/lib/api/test-support';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { describeEachDatabase } from '@/lib/db/test-database';
import { createModel } from '@/lib/models/create-model';
import { publishModel } from '@/lib/models/publish-model';
import { corpusText, PUBLISHABLE_FILE, TEST_ACTOR } from '@/lib/models/test-support';
import { GET } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

describeEachDatabase('GET /api/v1/models/{id}/versions/{number}', (database) => {
  let modelId = '';
  beforeAll(async () => {
    setRouteDatabase(database.db);
    modelId = (await createModel({ db: database.db, actor: TEST_ACTOR, source: { xml: corpusText(PUBLISHABLE_FILE) }, key: 'gateway' })).id;
    await publishModel({ db: database.db, actor: TEST_ACTOR, idOrKey: 'gateway', message: 'v1' });
  });
  const get = (number: string, query = '', headers: Record<string, string> = {}, id = 'gateway') =>
    call(GET, 'GET', `/api/v1/models/${id}/versions/${number}${query}`, { params: { id, number }, headers });

  it('answers JSON by default: summary, model id and key, and the model', async () => {
    const answer = await get('1');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.json).toMatchObject({ number: 1, message: 'v1', modelId, modelKey: 'gateway', processKey: 'exclusiveGwDefaultSequenceFlow', model: { processes: [{ id: 'exclusiveGwDefaultSequenceFlow' }] } });
  });

  it('given ?format=bpmn, then the stored BPMN XML as application/xml, and it imports again', async () => {
    const answer = await get('1', '?format=bpmn');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toContain('gateway-v1.bpmn');
    const stored = await database.db.processVersion.findFirstOrThrow({ where: { modelId, number: 1 } });
    expect(answer.text).toBe(stored.bpmnXml);
    const reimported = await importBpmn(answer.text);
    expect(reimported.ok).toBe(true);
  });

  it('given Accept: application/xml, then XML; given ?format=json, then JSON whatever Accept says', async () => {
    expect((await get('1', '', { accept: 'application/xml' })).headers.get('content-type')).toContain('application/xml');
    expect((await get('1', '', { accept: 'text/xml' })).headers.get('content-type')).toContain('application/xml');
    expect((await get('1', '?format=json', { accept: 'application/xml' })).headers.get('content-type')).toContain('application/json');
  });

  it('given a version that does not exist, then 404 version.not-found naming the latest', async () => {
    const answer = await get('7');
    expect(answer.status).toBe(404);
    expect(answer.error).toMatchObject({ code: 'version.not-found', details: { latestVersion: 1 } });
  });

  it('given an unknown model, then 404 model.not-found', async () => {
    expect((await get('1', '', {}, 'no-model')).error?.code).toBe('model.not-found');
  });

  it('given a number that is not a positive integer, or a bad format, then 400 naming it', async () => {
    for (const number of ['abc', '0', '-1', '1.5']) {
      const answer = await get(number);
      expect(answer.status, number).toBe(400);
      expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ in: 'path', path: 'number' }));
    }
    const format = await get('1', '?format=pdf');
    expect(format.status).toBe(400);
    expect(format.error?.details.issues).toContainEqual(expect.objectContaining({ in: 'query', path: 'format' }));
  });
});
