/**
 * The seed as a function of the database, so tests can run it on their own databases. See
 * demo-users.ts and example-processes.ts for what it creates and why a second run changes nothing.
 */
import { adminSignInProblem } from '@/lib/auth/admin-setup';
import type { Db } from '@/lib/db/client';
import { ensureAgentSetup } from './agent-setup';
import { ensureDemoUsers, seedCredentialsFromEnv, type SeedCredentials } from './demo-users';
import { ensureExampleProcesses } from './example-processes';

/** Seeds `db` and answers one short line saying what it did (and, in production, whether an admin can sign in). */
export async function runSeed(db: Db, options: { processesDir?: string; credentials?: SeedCredentials } = {}): Promise<string> {
  const credentials = options.credentials ?? seedCredentialsFromEnv(process.env);
  const people = await ensureDemoUsers(db, credentials);
  const processes = await ensureExampleProcesses(db, options.processesDir);
  const agentSetup = await ensureAgentSetup(db);

  const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
  const done = [
    ...([
      [people.users, 'demo user'],
      [people.groups, 'group'],
      [people.roles, 'role'],
      [people.memberships, 'group membership'],
      [people.passwords, 'demo password'],
    ] as const)
      .filter(([n]) => n > 0)
      .map(([n, word]) => plural(n, word)),
    ...(people.adminPassword === 'set' ? ['the admin password from BATON_ADMIN_PASSWORD'] : []),
    ...processes.filter((p) => p.action !== 'present').map((p) => `${p.key} v1`),
    ...agentSetup,
  ];
  const line =
    done.length > 0
      ? `seed: created ${done.join(', ')}`
      : `seed: nothing to do (demo users and ${plural(processes.length, 'example process', 'example processes')} present)`;
  const problem = credentials.production ? await adminSignInProblem(db, { production: true }) : null;
  return problem ? `${line}\nseed: WARNING ${problem}` : line;
}
