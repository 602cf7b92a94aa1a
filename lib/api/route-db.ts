/**
 * The database that route handlers use: the app's `getDb()`, unless a test installed its own.
 *
 * Contract: production code never calls `setRouteDatabase`; API tests call it with the
 * database they created (lib/db/test-database.ts) before calling handlers, and with
 * `undefined` afterwards. Handlers receive the database from `route()`, never import it.
 */
import { getDb, type Db } from '@/lib/db/client';

let override: Db | undefined;

export function routeDb(): Db {
  return override ?? getDb();
}

/** Test seam: route handlers use `db` until called again with `undefined`. */
export function setRouteDatabase(db: Db | undefined): void {
  override = db;
}
