import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '@/lib/auth/can';
import { exportedHandlers, REPO_ROOT, routeFiles } from '@/lib/api/route-files';

/** What is wrong with an exported route handler's access rule, or null when it has one. */
function ruleProblem(handler: unknown): string | null {
  if (typeof handler !== 'function') return 'is not a function';
  const { accessRule, publicBecause } = handler as { accessRule?: unknown; publicBecause?: unknown };
  if (accessRule === undefined) return 'declares no access rule: wrap it in route(endpoint, ...) or publicRoute(reason, ...) (lib/api/route.ts)';
  if (accessRule === 'public') return typeof publicBecause === 'string' && publicBecause.trim() !== '' ? null : 'is public without saying why';
  const action = (accessRule as { action?: unknown }).action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) return `names an unknown action ${JSON.stringify(action)}`;
  if (action.startsWith('task:')) return `names ${action}, which needs the task: declare inbox:read and check the task in the handler`;
  return null;
}

/** Public endpoints of the machine API; anything else under /api/v1 must need an action. */
const PUBLIC_V1 = ['GET /api/v1/openapi.json'];

describe('every route handler under app/api has an authorization rule', () => {
  const files = routeFiles();

  it('finds the route files', () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  for (const { file, path: urlPath } of files) {
    it(`${path.relative(REPO_ROOT, file)}`, async () => {
      const routeModule = (await import(file)) as Record<string, unknown>;
      const handlers = exportedHandlers(routeModule);
      expect(handlers.length, 'exports no HTTP method handler').toBeGreaterThan(0);
      for (const [method, handler] of handlers) {
        expect(ruleProblem(handler), `${method} ${urlPath}`).toBeNull();
        const rule = (handler as { accessRule: unknown }).accessRule;
        if (urlPath.startsWith('/api/v1/') && rule === 'public') expect(PUBLIC_V1, `${method} ${urlPath} is public`).toContain(`${method} ${urlPath}`);
      }
    });
  }
});

describe('the coverage check itself', () => {
  it.each([
    ['a bare function', async () => new Response()],
    ['a public handler without a reason', Object.assign(async () => new Response(), { accessRule: 'public' })],
    ['an unknown action', Object.assign(async () => new Response(), { accessRule: { action: 'model:delete-everything' } })],
    ['a task action without the task', Object.assign(async () => new Response(), { accessRule: { action: 'task:complete' } })],
  ])('given %s, then it is reported', (_name, handler) => {
    expect(ruleProblem(handler)).not.toBeNull();
  });
});
