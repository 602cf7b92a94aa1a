// The seed, run by `npm run db:deploy` after the migrations: demo users and groups, and the
// example processes of prisma/seed/processes imported and published as version 1. Idempotent:
// a second run changes nothing. The database is DATABASE_URL (default file:./prisma/dev.db),
// SQLite or PostgreSQL. Prints one line; exits non-zero with the reason when it fails.
import { createDb } from '../lib/db/client';
import { ensureDemoTasks } from './seed/demo-tasks';
import { runSeed } from './seed/run-seed';
import { seedCredentialsFromEnv } from './seed/demo-users';

const db = createDb();
let code = 0;
try {
  console.log(await runSeed(db));
  // Open inbox tasks for the demo groups, outside production (prisma/seed/demo-tasks.ts).
  const demoTasks = await ensureDemoTasks(db, { production: seedCredentialsFromEnv(process.env).production });
  if (demoTasks.length > 0) console.log(`seed: created ${demoTasks.join(', ')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await db.$disconnect();
}
// pg's pool would otherwise keep the process alive for a while.
process.exit(code);
