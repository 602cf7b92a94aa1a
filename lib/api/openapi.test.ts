import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '@/lib/api/endpoints';
import { openApiDocument } from '@/lib/api/openapi';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string }[]; requestBody?: { content: Record<string, unknown> }; responses: Record<string, { content: Record<string, { schema: { $ref?: string } }> }> }>>;
  components: { schemas: Record<string, unknown> };
};

const repoRoot = path.resolve(import.meta.dirname, '../..');
const apiRoot = path.join(repoRoot, 'app/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every app/api/v1 route file as its OpenAPI path (`[id]` → `{id}`). */
function routeFiles(dir = apiRoot): { file: string; path: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== 'route.ts') return [];
    const segments = path.relative(apiRoot, dir).split(path.sep).filter(Boolean);
    return [{ file: full, path: `/api/v1/${segments.map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/')}` }];
  });
}

const doc = openApiDocument() as unknown as Doc;

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') into.push(v);
      else collectRefs(v, into);
    }
  }
  return into;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a path for every endpoint contract', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const endpoint of ENDPOINTS) {
      expect(doc.paths[endpoint.path]?.[endpoint.method.toLowerCase()]?.operationId, endpoint.operationId).toBe(endpoint.operationId);
    }
  });

  it('given every route file under app/api/v1, then each exported method appears in the document', async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const { file, path: apiPath } of files) {
      const handlers = (await import(file)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof handlers[m] === 'function');
      expect(exported.length, file).toBeGreaterThan(0);
      for (const method of exported) {
        expect(doc.paths[apiPath]?.[method.toLowerCase()], `${method} ${apiPath} (${path.relative(repoRoot, file)})`).toBeDefined();
      }
    }
  });

  it('names the path parameters of every templated path', () => {
    for (const [apiPath, operations] of Object.entries(doc.paths)) {
      const names = [...apiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(operations)) {
        expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual(names.sort());
      }
    }
  });

  it('documents request bodies (JSON, and XML where accepted), responses and the error schema', () => {
    const create = doc.paths['/api/v1/models'].post;
    expect(Object.keys(create.requestBody!.content).sort()).toEqual(['application/json', 'application/xml', 'text/xml']);
    expect(create.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/CreateModelResponse');
    for (const status of ['400', '409', '413', '415', '422', '500']) {
      expect(create.responses[status]?.content['application/json'].schema.$ref, status).toBe('#/components/schemas/Error');
    }
    expect(Object.keys(doc.paths['/api/v1/models/{id}/versions/{number}'].get.responses['200'].content)).toContain('application/xml');
    expect(doc.paths['/api/v1/models/{id}/draft'].put.responses['409']).toBeDefined();
    expect(doc.paths['/api/v1/models/{id}'].get.responses['404']).toBeDefined();
  });

  it('resolves every $ref to a component', () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });

  it('is plain JSON (survives a round trip unchanged)', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
