/**
 * Every route handler file under app/api, and the handlers it exports, for the tests that walk
 * them (route coverage, the role × route matrix). Test-only.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const API_ROOT = path.join(REPO_ROOT, 'app/api');
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export type RouteFile = {
  /** Absolute path of the route file. */
  file: string;
  /** URL path in OpenAPI style: app/api/v1/models/[id]/route.ts → /api/v1/models/{id}. */
  path: string;
};

export function routeFiles(dir = API_ROOT): RouteFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (!/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) return [];
    const segments = path.relative(API_ROOT, dir).split(path.sep).filter(Boolean);
    return [{ file: full, path: `/api/${segments.map((s) => s.replace(/^\[\.\.\.(.+)\]$/, '{...$1}').replace(/^\[(.+)\]$/, '{$1}')).join('/')}` }];
  });
}

/** The HTTP method handlers a route module exports. */
export function exportedHandlers(module: Record<string, unknown>): [method: string, handler: unknown][] {
  return HTTP_METHODS.filter((method) => method in module).map((method) => [method, module[method]]);
}
