import { beforeAll, expect, it, vi } from 'vitest';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call, expectNothingWritten } from '@/lib/api/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { createModel } from '@/lib/models/create-model';
import { corpusText, MALFORMED_FILE, PUBLISHABLE_FILE, TEST_ACTOR, validModel } from '@/lib/models/test-support';
import { PUT } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

describeEachDatabase('PUT /api/v1/models/{id}/draft', (database) => {
  let id = '';
  beforeAll(async () => {
    setRouteDatabase(database.db);
    id = (await createModel({ db: database.db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'draft' })).id;
  });
  const put = (json: unknown, idOrKey = id) => call(PUT, 'PUT', `/api/v1/models/${idOrKey}/draft`, { json, params: { id: idOrKey } });

  it('given the current lock and a model, then 200 with the lock one higher', async () => {
    const answer = await put({ lock: 0, model: validModel('Changed'), name: 'Renamed' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id, lock: 1, name: 'Renamed', draft: { processes: [{ name: 'Changed' }] } });
    expect(await database.db.auditLog.count({ where: { resourceId: id, action: 'model.update-draft' } })).toBe(1);
  });

  it('given the current lock and { xml }, then the XML becomes the draft', async () => {
    const answer = await put({ lock: 1, xml: corpusText(PUBLISHABLE_FILE) }, 'draft');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ lock: 2, draft: { processes: [{ id: 'exclusiveGwDefaultSequenceFlow' }] } });
  });

  it('given a stale lock, then 409 model.lock-stale with the current lock, and nothing changes', async () => {
    const before = await database.db.processModel.findUniqueOrThrow({ where: { id } });
    const answer = await expectNothingWritten(database.db, () => put({ lock: 1, model: validModel('Lost update') }));
    expect(answer.status).toBe(409);
    expect(answer.error).toMatchObject({ code: 'model.lock-stale', details: { currentLock: 2, sentLock: 1 } });
    expect(await database.db.processModel.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it('given no lock, or a lock of the wrong type, then 400 naming lock', async () => {
    for (const json of [{ model: validModel() }, { lock: '2', model: validModel() }, { lock: -1, model: validModel() }, { lock: 1.5, model: validModel() }]) {
      const answer = await expectNothingWritten(database.db, () => put(json));
      expect(answer.status, JSON.stringify(json.lock)).toBe(400);
      expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ in: 'body', path: 'lock' }));
    }
  });

  it('given a model that fails the schema, then 400 naming the path', async () => {
    const model = { ...validModel(), flows: [{ id: 'f', parentId: 'Process_1', sourceRef: 'start' }] };
    const answer = await expectNothingWritten(database.db, () => put({ lock: 2, model }));
    expect(answer.status).toBe(400);
    expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ path: 'model.flows.0.targetRef' }));
  });

  it('given malformed XML, then 422 with the line', async () => {
    const answer = await expectNothingWritten(database.db, () => put({ lock: 2, xml: corpusText(MALFORMED_FILE) }));
    expect(answer.status).toBe(422);
    expect(answer.error?.code).toBe('bpmn.import-failed');
    expect(answer.error?.message).toMatch(/line \d+/);
  });

  it('given a raw XML body (no lock possible), then 415', async () => {
    const answer = await expectNothingWritten(database.db, () => call(PUT, 'PUT', `/api/v1/models/${id}/draft`, { body: corpusText(PUBLISHABLE_FILE), params: { id } }));
    expect(answer.status).toBe(415);
  });

  it('given an unknown model, then 404', async () => {
    const answer = await expectNothingWritten(database.db, () => put({ lock: 0, model: validModel() }, 'nope'));
    expect(answer.status).toBe(404);
    expect(answer.error?.code).toBe('model.not-found');
  });
});
