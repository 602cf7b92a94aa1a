import { expect, it, vi } from 'vitest';
import { call } from '@/lib/api/test-support';
import { GET } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

it('GET /api/v1/openapi.json answers the OpenAPI 3.1 document (its contents are tested in lib/api/openapi.test.ts)', async () => {
  const answer = await call(GET, 'GET', '/api/v1/openapi.json');
  expect(answer.status).toBe(200);
  expect(answer.json).toMatchObject({ openapi: '3.1.0', info: { title: 'Baton API' }, paths: { '/api/v1/models': { post: { operationId: 'createModel' } } } });
});
