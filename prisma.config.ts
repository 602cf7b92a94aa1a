// Prisma CLI configuration, for the commands that work offline: `prisma generate`, `validate`
// and `format` (pass `--schema prisma/postgres/schema.prisma` for the PostgreSQL copy).
//
// `prisma migrate` and `db push` are NOT used: they need a native schema-engine binary that
// cannot be downloaded here. Migrations run with `npm run db:migrate -- <deploy|dev|diff>`
// (scripts/migrate.ts, the wasm schema engine), which picks the database from DATABASE_URL.
// So this file names no datasource URL.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The CLI only checks that a schema-engine path exists before generate/validate/format; point it
// at a stub that explains where migrations live instead of letting it try a download.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'scripts/no-schema-engine.sh');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
