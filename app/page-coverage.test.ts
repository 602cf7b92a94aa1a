/**
 * Every page and every server action asks can() — checked on the source, so that a new page or
 * action cannot ship unguarded:
 * - a page renders its content inside <Guarded action="..."> (app/_auth/guarded.tsx), or is
 *   listed below as public with the reason;
 * - every exported function of a 'use server' file calls requireAction(...)
 *   (lib/auth/current-subject.ts), or is listed below with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '@/lib/auth/can';

const APP = path.resolve(import.meta.dirname);

function files(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'api' ? [] : files(full, match);
    return match(entry.name) ? [full] : [];
  });
}

const PUBLIC_PAGES: Record<string, string> = {
  'sign-in/page.tsx': 'where nobody signs in',
  'page.tsx': 'only redirects: to the first section the subject may open (via can()), or to the sign-in',
};
const UNGUARDED_ACTIONS: Record<string, string> = {
  '_auth/actions.ts#signOutAction': 'ending one’s own session needs no permission',
};

describe('every page asks can()', () => {
  const pages = files(APP, (name) => /^page\.(tsx|ts|jsx|js)$/.test(name));

  it('finds the pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(14);
  });

  for (const file of pages) {
    const name = path.relative(APP, file);
    it(name, () => {
      if (PUBLIC_PAGES[name]) return;
      const source = readFileSync(file, 'utf8');
      const guards = [...source.matchAll(/<Guarded action="([a-z-]+:[a-z-]+)"/g)].map((m) => m[1]);
      expect(guards.length, `${name} renders no <Guarded action="...">`).toBeGreaterThan(0);
      for (const action of guards) expect(ACTIONS as readonly string[], `${name}: unknown action ${action}`).toContain(action);
      // The guard wraps what the page returns: it is the first element after `return (`.
      expect(source, `${name}: <Guarded> must wrap the page's content`).toMatch(/export default function \w+\([^)]*\)[^{]*\{\s*return \(\s*<Guarded action=/);
    });
  }
});

describe('every server action asks can()', () => {
  const actionFiles = files(APP, (name) => /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts')).filter((file) => /^\s*['"]use server['"]/.test(readFileSync(file, 'utf8')));

  it('finds the server action files', () => {
    expect(actionFiles.map((f) => path.relative(APP, f)).sort()).toEqual(['_auth/actions.ts', 'admin/actions.ts', 'admin/providers/actions.ts', 'admin/tools/actions.ts', 'instances/actions.ts', 'models/[id]/edit/actions.ts', 'models/actions.ts', 'notifications/actions.ts', 'tasks/actions.ts']);
  });

  for (const file of actionFiles) {
    const name = path.relative(APP, file);
    const source = readFileSync(file, 'utf8');
    const exported = [...source.matchAll(/export async function (\w+)/g)];
    it(`${name}: ${exported.map((m) => m[1]).join(', ')}`, () => {
      expect(exported.length).toBeGreaterThan(0);
      exported.forEach((match, i) => {
        const body = source.slice(match.index, exported[i + 1]?.index ?? source.length);
        if (UNGUARDED_ACTIONS[`${name}#${match[1]}`]) return;
        expect(body, `${name}#${match[1]} does not call requireAction(...)`).toMatch(/requireAction\('[a-z-]+:[a-z-]+'\)/);
      });
    });
  }
});
