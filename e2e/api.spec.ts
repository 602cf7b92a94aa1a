import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The machine API over real HTTP against the production server (playwright.config.ts starts
 * it on a fresh, seeded database): import a corpus file, publish it, fetch it back as BPMN XML;
 * an oversized body and an unknown id get clear errors.
 */
const corpusDir = process.env.BPMN_CORPUS_DIR ?? path.resolve(process.cwd(), '../shared/bpmn-corpus');
const file = 'camunda7/ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml';
const processId = 'exclusiveGwDefaultSequenceFlow';

test('a BPMN file is created, published and fetched back as XML over HTTP', async ({ request }) => {
  // A key of its own, so the spec can run again against a server that kept its database.
  const key = `e2e-api-${Date.now().toString(36)}`;
  const xml = readFileSync(path.join(corpusDir, file));

  const created = await request.post(`/api/v1/models?key=${key}`, { headers: { 'content-type': 'application/xml' }, data: xml });
  expect(created.status(), await created.text()).toBe(201);
  const model = await created.json();
  expect(model).toMatchObject({ key, lock: 0, latestVersion: 0 });
  expect(model.draft.processes.map((p: { id: string }) => p.id)).toContain(processId);

  const published = await request.post(`/api/v1/models/${model.id}/publish`, { data: { message: 'Published by the e2e API spec' } });
  expect(published.status(), await published.text()).toBe(201);
  expect(await published.json()).toMatchObject({ created: true, version: 1 });

  const again = await request.post(`/api/v1/models/${key}/publish`, { data: {} });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ created: false, version: 1, reason: 'unchanged' });

  const asXml = await request.get(`/api/v1/models/${model.id}/versions/1?format=bpmn`);
  expect(asXml.status()).toBe(200);
  expect(asXml.headers()['content-type']).toBe('application/xml; charset=utf-8');
  const body = await asXml.text();
  expect(body).toMatch(/^<\?xml/);
  expect(body).toContain(`id="${processId}"`);

  const byAccept = await request.get(`/api/v1/models/${key}/versions/1`, { headers: { accept: 'application/xml' } });
  expect(byAccept.headers()['content-type']).toContain('application/xml');
  const asJson = await request.get(`/api/v1/models/${key}/versions/1`);
  expect(await asJson.json()).toMatchObject({ number: 1, modelKey: key, processKey: processId, message: 'Published by the e2e API spec' });
});

test('an oversized body gets 413 and nothing is created', async ({ request }) => {
  const before = (await (await request.get('/api/v1/models?limit=1')).json()).total;
  const tooLarge = Buffer.alloc(10 * 1024 * 1024, 0x20);

  const answer = await request.post('/api/v1/models?key=e2e-too-large', { headers: { 'content-type': 'application/xml' }, data: tooLarge });

  expect(answer.status()).toBe(413);
  expect((await answer.json()).error).toMatchObject({ code: 'request.too-large', message: expect.stringContaining('MiB') });
  expect((await (await request.get('/api/v1/models?limit=1')).json()).total).toBe(before);
});

test('an unknown model gets a clear 404', async ({ request }) => {
  const answer = await request.get('/api/v1/models/no-such-model');
  expect(answer.status()).toBe(404);
  expect(answer.headers()['content-type']).toContain('application/json');
  expect(await answer.json()).toEqual({
    error: { code: 'model.not-found', message: 'No model has the id or key "no-such-model".', details: { id: 'no-such-model' } },
  });
});

test('the OpenAPI document lists the models API', async ({ request }) => {
  const answer = await request.get('/api/v1/openapi.json');
  expect(answer.status()).toBe(200);
  const doc = await answer.json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/models', '/api/v1/models/{id}/versions/{number}']));
});
