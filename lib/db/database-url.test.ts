import { describe, expect, it } from 'vitest';

import { DEFAULT_DATABASE_URL, describeDatabase, parseDatabaseUrl, withDatabaseName } from './database-url';

const root = '/repo';

describe('parseDatabaseUrl', () => {
  it('given no URL, when parsed, then it is the SQLite file prisma/dev.db under the base folder', () => {
    expect(DEFAULT_DATABASE_URL).toBe('file:./prisma/dev.db');
    expect(parseDatabaseUrl(undefined, root)).toEqual({ kind: 'sqlite', file: '/repo/prisma/dev.db' });
    expect(parseDatabaseUrl('  ', root)).toEqual({ kind: 'sqlite', file: '/repo/prisma/dev.db' });
  });

  it.each([
    ['file:./data/app.db', '/repo/data/app.db'],
    ['file:data/app.db', '/repo/data/app.db'],
    ['file:/var/lib/baton.db', '/var/lib/baton.db'],
    ['file:///var/lib/baton.db', '/var/lib/baton.db'],
    ['file:./dev.db?connection_limit=1', '/repo/dev.db'],
    ['./relative.db', '/repo/relative.db'],
    ['/absolute.db', '/absolute.db'],
  ])('given the SQLite form %s, when parsed, then the file is %s', (url, file) => {
    expect(parseDatabaseUrl(url, root)).toEqual({ kind: 'sqlite', file });
  });

  it.each(['postgres://u:p@db:5432/baton', 'postgresql://postgres@127.0.0.1:5432/test?sslmode=disable', 'POSTGRESQL://h/db'])(
    'given the PostgreSQL URL %s, when parsed, then it is kept as given',
    (url) => {
      expect(parseDatabaseUrl(url, root)).toEqual({ kind: 'postgres', url });
    },
  );

  it('given another scheme, when parsed, then the error names the accepted forms', () => {
    expect(() => parseDatabaseUrl('mysql://localhost/baton', root)).toThrow(/mysql:\/\/.*file:<path>.*postgresql:\/\//);
  });

  it('given an in-memory or empty SQLite URL, when parsed, then it is refused (every process would see another database)', () => {
    expect(() => parseDatabaseUrl('file::memory:', root)).toThrow(/names no SQLite file/);
    expect(() => parseDatabaseUrl('file:', root)).toThrow(/names no SQLite file/);
  });
});

describe('describeDatabase', () => {
  it('given a SQLite file inside the base folder, when described, then the path is relative', () => {
    expect(describeDatabase({ kind: 'sqlite', file: '/repo/prisma/dev.db' }, root)).toBe('sqlite prisma/dev.db');
    expect(describeDatabase({ kind: 'sqlite', file: '/tmp/x.db' }, root)).toBe('sqlite /tmp/x.db');
  });

  it('given a PostgreSQL URL with a password, when described, then the password is hidden', () => {
    expect(describeDatabase({ kind: 'postgres', url: 'postgresql://baton:s3cret@db:5432/baton' }, root)).toBe(
      'postgresql postgresql://baton:***@db:5432/baton',
    );
  });
});

describe('withDatabaseName', () => {
  it('given a connection string, when the database is replaced, then user, host, port and options are kept', () => {
    expect(withDatabaseName('postgresql://postgres@127.0.0.1:5432/postgres?sslmode=disable', 'baton_test_1')).toBe(
      'postgresql://postgres@127.0.0.1:5432/baton_test_1?sslmode=disable',
    );
  });
});
