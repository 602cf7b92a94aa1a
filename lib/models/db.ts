/**
 * The database types lib/models works with. Operations take `db` as a parameter (the app passes
 * `getDb()`, tests their own database) and never import a client themselves.
 *
 * lib/models is server code. Like lib/db/client.ts it does not import 'server-only', because
 * prisma/seed.ts runs it under tsx, where that marker throws; eslint.config.mjs keeps
 * components/ from importing lib/models.
 */
import type { Db } from '@/lib/db/client';

export type { Db };
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Prisma's unique-constraint violation (P2002), e.g. two publishes taking the same version number. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}
