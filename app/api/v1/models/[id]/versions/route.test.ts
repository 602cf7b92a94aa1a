import { beforeAll, expect, it, vi } from 'vitest';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call } from '@/lib/api/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { createModel } from '@/lib/models/create-model';
import { publishModel } from '@/lib/models/publish-model';
import { updateDraft } from '@/lib/models/update-draft';
import { TEST_ACTOR, validModel } from '@/lib/models/test-support';
import { GET } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

describeEachDatabase('GET /api/v1/models/{id}/versions', (database) => {
  beforeAll(async () => {
    setRouteDatabase(database.db);
    const { db } = database;
    await createModel({ db, actor: TEST_ACTOR, source: { model: validModel('One') }, key: 'versioned' });
    await publishModel({ db, actor: TEST_ACTOR, idOrKey: 'versioned', message: 'one' });
    await updateDraft({ db, actor: TEST_ACTOR, idOrKey: 'versioned', lock: 0, source: { model: validModel('Two') } });
    await publishModel({ db, actor: TEST_ACTOR, idOrKey: 'versioned', message: 'two' });
    await createModel({ db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'unpublished' });
  });
  const list = (id: string) => call(GET, 'GET', `/api/v1/models/${id}/versions`, { params: { id } });

  it('lists the versions newest first, without their XML or model JSON', async () => {
    const answer = await list('versioned');
    expect(answer.status).toBe(200);
    const { items } = answer.json as { items: Record<string, unknown>[] };
    expect(items.map((v) => [v.number, v.message])).toEqual([
      [2, 'two'],
      [1, 'one'],
    ]);
    expect(Object.keys(items[0]).sort()).toEqual(['checksum', 'message', 'number', 'processKey', 'publishedAt', 'publishedById']);
  });

  it('given a model without versions, then an empty list', async () => {
    expect((await list('unpublished')).json).toEqual({ items: [] });
  });

  it('given an unknown model, then 404', async () => {
    expect((await list('missing')).error?.code).toBe('model.not-found');
  });
});
