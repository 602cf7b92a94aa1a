import { beforeAll, expect, it, vi } from 'vitest';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call, expectNothingWritten } from '@/lib/api/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { createModel } from '@/lib/models/create-model';
import { corpusText, PUBLISHABLE_FILE, TEST_ACTOR, unpublishableModel } from '@/lib/models/test-support';
import { POST } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

describeEachDatabase('POST /api/v1/models/{id}/publish', (database) => {
  beforeAll(async () => {
    setRouteDatabase(database.db);
    await createModel({ db: database.db, actor: TEST_ACTOR, source: { xml: corpusText(PUBLISHABLE_FILE) }, key: 'release' });
    await createModel({ db: database.db, actor: TEST_ACTOR, source: { model: unpublishableModel() }, key: 'not-ready' });
  });
  const publish = (id: string, options: Parameters<typeof call>[3] = {}) => call(POST, 'POST', `/api/v1/models/${id}/publish`, { ...options, params: { id } });

  it('given a valid draft and a message, then 201 with version 1 and its checksum', async () => {
    const answer = await publish('release', { json: { message: 'First release' } });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({ created: true, version: 1, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const version = await database.db.processVersion.findFirstOrThrow({ where: { model: { key: 'release' } } });
    expect(version).toMatchObject({ number: 1, message: 'First release' });
    expect(await database.db.auditLog.count({ where: { action: 'model.publish' } })).toBe(1);
  });

  it('given unchanged content (and no body), then 200 created: false, and no new version', async () => {
    const answer = await expectNothingWritten(database.db, () => publish('release'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ created: false, version: 1, reason: 'unchanged' });
  });

  it('given a draft with errors, then 422 model.invalid with the findings, and no version', async () => {
    const answer = await expectNothingWritten(database.db, () => publish('not-ready', { json: { message: 'try' } }));
    expect(answer.status).toBe(422);
    expect(answer.error?.code).toBe('model.invalid');
    expect(answer.error?.details.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'task.no-implementation', elementId: 'work' }));
  });

  it('given a message of the wrong type or too long, or an unknown field, then 400 naming it', async () => {
    for (const [json, path] of [[{ message: 5 }, 'message'], [{ message: 'x'.repeat(2001) }, 'message'], [{ mesage: 'typo' }, '']] as const) {
      const answer = await expectNothingWritten(database.db, () => publish('release', { json }));
      expect(answer.status).toBe(400);
      expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ path }));
    }
  });

  it('given an unknown model, then 404', async () => {
    const answer = await expectNothingWritten(database.db, () => publish('ghost'));
    expect(answer.status).toBe(404);
  });
});
