// Generates the Prisma clients for both databases (run by `npm install`).
// prisma/postgres/schema.prisma is derived from prisma/schema.prisma first, so the two
// model blocks can never drift. Works offline: Prisma only needs a schema-engine path that
// exists, so we point it at a stub (migrations run through scripts/migrate.ts instead).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'scripts/no-schema-engine.sh'), PRISMA_HIDE_UPDATE_MESSAGE: '1' };

if (!existsSync(path.join(root, 'prisma/schema.prisma'))) process.exit(0);
execFileSync(process.execPath, [path.join(root, 'scripts/derive-postgres-schema.mjs')], { stdio: 'inherit', env });
for (const schema of ['prisma/schema.prisma', 'prisma/postgres/schema.prisma']) {
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', schema], { cwd: root, stdio: 'inherit', env });
}
