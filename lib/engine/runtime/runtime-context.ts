/**
 * What every runtime operation needs: the database, the clock, the id source and the compiled
 * definitions. One per process (or per test); operations take it as their first argument.
 */
import { databaseKindOf, type Db } from '@/lib/db/client';
import type { Event } from '@/lib/engine/core';
import { systemClock, type Clock } from './clock';
import { DefinitionCache } from './definitions';
import { createIdSource, type IdSource } from './ids';

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** What one committed transaction changed, for the loops of this process and its live streams. */
export type CommitNotice = {
  /** Instances whose log grew, with the events appended (in order) and the first sequence number. */
  instances: { instanceId: string; firstSeq: number; events: readonly Event[] }[];
  /** Job types of jobs that became activatable. */
  jobTypes: string[];
  /** Earliest due time of the timers created, epoch ms. */
  timerDueAt?: number;
  /** Runtime work rows were written (a call to start, a message to publish...). */
  work: boolean;
  /** Message subscriptions were opened (buffered messages may match them now). */
  subscriptions: boolean;
};

export type RuntimeContext = {
  db: Db;
  kind: 'sqlite' | 'postgres';
  clock: Clock;
  newId: IdSource;
  definitions: DefinitionCache;
  /** Called after each commit, in this process only. Must not throw. */
  onCommit: (notice: CommitNotice) => void;
};

export function createRuntimeContext(options: { db: Db; clock?: Clock; newId?: IdSource; onCommit?: (notice: CommitNotice) => void }): RuntimeContext {
  return {
    db: options.db,
    kind: databaseKindOf(options.db),
    clock: options.clock ?? systemClock,
    newId: options.newId ?? createIdSource(),
    definitions: new DefinitionCache(options.db),
    onCommit: options.onCommit ?? (() => {}),
  };
}

/** SQL written with `?` placeholders, in the dialect of `kind` (PostgreSQL numbers them). */
export function dialect(kind: RuntimeContext['kind'], sql: string): string {
  if (kind === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
