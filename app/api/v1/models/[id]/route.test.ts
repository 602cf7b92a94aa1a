import { beforeAll, expect, it, vi } from 'vitest';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call } from '@/lib/api/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { createModel } from '@/lib/models/create-model';
import { TEST_ACTOR, unpublishableModel } from '@/lib/models/test-support';
import { GET } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

describeEachDatabase('GET /api/v1/models/{id}', (database) => {
  let id = '';
  beforeAll(async () => {
    setRouteDatabase(database.db);
    id = (await createModel({ db: database.db, actor: TEST_ACTOR, source: { model: unpublishableModel() }, key: 'detail' })).id;
  });
  const get = (idOrKey: string) => call(GET, 'GET', `/api/v1/models/${encodeURIComponent(idOrKey)}`, { params: { id: idOrKey } });

  it('given the id, then the draft, lock, versions and findings', async () => {
    const answer = await get(id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.json).toMatchObject({
      id,
      key: 'detail',
      lock: 0,
      latestVersion: 0,
      versions: [],
      draft: { processes: [{ id: 'Process_1' }] },
      findings: expect.arrayContaining([expect.objectContaining({ level: 'execution', severity: 'error', elementId: 'work' })]),
    });
  });

  it('given the key, then the same model', async () => {
    expect((await get('detail')).json).toEqual((await get(id)).json);
  });

  it('given an unknown id, then 404 model.not-found naming it', async () => {
    const answer = await get('does-not-exist');
    expect(answer.status).toBe(404);
    expect(answer.error).toMatchObject({ code: 'model.not-found', message: expect.stringContaining('does-not-exist') });
  });

  it('given an empty or overlong id, then 400 naming the path parameter', async () => {
    for (const bad of ['', 'x'.repeat(201)]) {
      const answer = await get(bad);
      expect(answer.status).toBe(400);
      expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ in: 'path', path: 'id' }));
    }
  });
});
