import { beforeAll, expect, it, vi } from 'vitest';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call, expectNothingWritten } from '@/lib/api/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { createModel } from '@/lib/models/create-model';
import { corpusBytes, corpusText, MALFORMED_FILE, MALFORMED_LINE, PUBLISHABLE_FILE, TEST_ACTOR, unpublishableModel, validModel } from '@/lib/models/test-support';
import { POST } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

describeEachDatabase('POST /api/v1/models/{id}/validate', (database) => {
  beforeAll(async () => {
    setRouteDatabase(database.db);
    await createModel({ db: database.db, actor: TEST_ACTOR, source: { model: unpublishableModel() }, key: 'to-check' });
  });
  const validate = (options: Parameters<typeof call>[3] = {}, id = 'to-check') =>
    expectNothingWritten(database.db, () => call(POST, 'POST', `/api/v1/models/${id}/validate`, { ...options, params: { id } }));

  it('given no body, then the saved draft is validated', async () => {
    const answer = await validate();
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ canPublish: false, findings: [expect.objectContaining({ code: 'task.no-implementation', elementId: 'work' })] });
  });

  it('given { model }, then that model is validated', async () => {
    expect((await validate({ json: { model: validModel() } })).json).toEqual({ findings: [], canPublish: true });
  });

  it('given raw XML or { xml }, then that file is validated', async () => {
    expect((await validate({ body: corpusBytes(PUBLISHABLE_FILE) })).json).toMatchObject({ canPublish: true });
    expect((await validate({ json: { xml: corpusText(PUBLISHABLE_FILE) } })).json).toMatchObject({ canPublish: true });
  });

  it('given malformed XML, then 200 with its import findings naming the line', async () => {
    const answer = await validate({ body: corpusBytes(MALFORMED_FILE) });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ canPublish: false, findings: [expect.objectContaining({ level: 'import', line: MALFORMED_LINE })] });
  });

  it('given a model that fails the schema, then 400 naming the path', async () => {
    const answer = await validate({ json: { model: { ...validModel(), processes: [{ id: 7 }] } } });
    expect(answer.status).toBe(400);
    expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ path: 'model.processes.0.id' }));
  });

  it('given an unknown model, then 404', async () => {
    expect((await validate({}, 'unknown-model')).status).toBe(404);
  });
});
