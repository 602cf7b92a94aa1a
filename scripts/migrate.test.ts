// scripts/migrate.ts as people and CI run it: a child process with DATABASE_URL, checked by its
// output and exit code, on a fresh SQLite file and a fresh PostgreSQL database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createEmptyTestDatabase, type EmptyTestDatabase, TEST_DATABASE_KINDS } from '../lib/db/test-database';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

type Run = { code: number; stdout: string; stderr: string };

async function migrate(args: string[], databaseUrl: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ['scripts/migrate.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe.each(TEST_DATABASE_KINDS)('scripts/migrate.ts on %s', (kind) => {
  let database: EmptyTestDatabase;
  beforeAll(async () => {
    database = await createEmptyTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.remove();
  });

  it('given a fresh database, when deploy runs, then it applies init and reports nothing pending', async () => {
    const run = await migrate(['deploy'], database.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}applied \d{14}_init$/m);
    expect(run.stdout).toMatch(/^migrations: \d+ applied, 0 pending$/m);
    expect(run.stdout).not.toMatch(/^migrations: 0 applied/m);
  });

  it('given a deployed database, when deploy runs again, then it applies nothing', async () => {
    const run = await migrate(['deploy'], database.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^migrations: 0 applied, 0 pending$/m);
  });

  it('given the committed schema and migrations, when diff runs, then it reports no drift and exits 0', async () => {
    const run = await migrate(['diff'], database.url);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^diff: no drift/m);
  });
});

describe('scripts/migrate.ts usage', () => {
  it('given an unknown command, when run, then it prints the usage and exits 2', async () => {
    const run = await migrate(['explode'], 'file:./unused.db');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command "explode"[\s\S]*usage:/);
  });

  it('given dev without a name, when run, then it explains and exits 1 without touching a database', async () => {
    const run = await migrate(['dev'], 'mysql://nowhere/db');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/dev needs --name <name>/);
  });

  it('given an unsupported DATABASE_URL, when deploy runs, then it names the accepted forms and exits 1', async () => {
    const run = await migrate(['deploy'], 'mysql://nowhere/db');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not supported: use file:<path> \(SQLite\) or postgresql:\/\//);
  });
});
