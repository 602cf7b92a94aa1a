// Baton's `prisma migrate`, driven by the wasm schema engine (the native one cannot be
// downloaded here). Run with tsx; the database is DATABASE_URL (default file:./prisma/dev.db):
//
//   tsx scripts/migrate.ts deploy                 apply pending migrations (creates the SQLite file)
//   tsx scripts/migrate.ts dev --name <name>      write a migration for schema changes, and apply it
//        [--create-only] [--accept-data-loss]
//   tsx scripts/migrate.ts diff                   exit 1 and print the SQL if the schema has changes
//                                                 that no migration makes (for CI)
//   tsx scripts/migrate.ts status                 list pending migrations; exit 1 if any
//   tsx scripts/migrate.ts resolve --rolled-back <name>
//                                                 mark a failed migration rolled back (after fixing it)
//
// A file: URL (or a path) uses prisma/schema.prisma and prisma/migrations; a postgres:// URL uses
// prisma/postgres/schema.prisma and prisma/postgres/migrations. The work is in lib/db/migrate.ts.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { createMigration, deployMigrations, diffMigrations, markRolledBack, MigrateError, migrationStatus, REPO_ROOT } from '../lib/db/migrate';

const USAGE =
  'usage: tsx scripts/migrate.ts <deploy | dev --name <name> [--create-only] [--accept-data-loss] | diff | status | resolve --rolled-back <name>>';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Runs one command; returns the process exit code. */
async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'create-only': { type: 'boolean', default: false },
      'accept-data-loss': { type: 'boolean', default: false },
      'rolled-back': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  const url = process.env.DATABASE_URL;

  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }

  switch (command) {
    case 'deploy': {
      const result = await deployMigrations({ url });
      console.log(`deploy: ${result.database}`);
      for (const name of result.applied) console.log(`  applied ${name}`);
      console.log(`migrations: ${result.applied.length} applied, ${result.pending.length} pending`);
      return result.pending.length === 0 ? 0 : 1;
    }
    case 'dev': {
      if (!values.name) throw new MigrateError(`dev needs --name <name>\n${USAGE}`);
      const result = await createMigration({ url, name: values.name, createOnly: values['create-only'], acceptDataLoss: values['accept-data-loss'] });
      console.log(`dev: ${result.database}`);
      for (const name of result.appliedFirst) console.log(`  applied ${name}`);
      for (const warning of result.warnings) console.log(`  warning: ${warning}`);
      if (result.created === null || result.createdPath === null) {
        console.log('migrations: no schema change, nothing created');
      } else {
        const where = path.relative(REPO_ROOT, path.join(result.createdPath, 'migration.sql'));
        console.log(`  created ${where}`);
        console.log(result.appliedCreated ? `  applied ${result.created}` : `  not applied (--create-only): edit it, then run dev or deploy`);
        console.log(`migrations: created ${result.created}, ${plural(result.appliedFirst.length + (result.appliedCreated ? 1 : 0), 'migration')} applied`);
      }
      return 0;
    }
    case 'diff': {
      const result = await diffMigrations({ url });
      if (!result.drift) {
        console.log(`diff: no drift, the migrations match the schema (${result.database.split(' ')[0]})`);
        return 0;
      }
      console.log(`diff: the schema has changes that no migration makes (${result.database.split(' ')[0]}):\n`);
      console.log(result.sql);
      console.log('\nCreate the migration: DATABASE_URL=<url> npm run db:migrate -- dev --name <name>');
      return 1;
    }
    case 'status': {
      const result = await migrationStatus({ url });
      console.log(`status: ${result.database}`);
      for (const name of result.pending) console.log(`  pending ${name}`);
      for (const problem of result.problems) console.log(`  problem: ${problem}`);
      console.log(`migrations: ${result.migrations.length - result.pending.length} of ${result.migrations.length} applied, ${result.pending.length} pending`);
      return result.pending.length === 0 && result.problems.length === 0 ? 0 : 1;
    }
    case 'resolve': {
      const name = values['rolled-back'];
      if (!name) throw new MigrateError(`resolve needs --rolled-back <migration name>\n${USAGE}`);
      const result = await markRolledBack({ url, name });
      console.log(`resolve: ${result.database}`);
      console.log(`migrations: ${name} marked rolled back; deploy applies it again`);
      return 0;
    }
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

// process.exit(): pg's pool would otherwise keep the process alive for ~10 s after the work.
run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof MigrateError) console.error(`error: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
