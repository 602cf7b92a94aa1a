/**
 * Who calls a task service, and with what: the database, the subject (a person or an API
 * token), the audit actor (defaults to the subject's), the runtime context that executes engine
 * commands (defaults to this process's for `db`), and the clock (`now`, for "overdue").
 */
import type { Subject } from '@/lib/auth/subject';
import { actorOf } from '@/lib/auth/subject';
import type { Db } from '@/lib/db/client';
import type { RuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { runtimeContextFor } from '@/lib/engine/runtime/server-runtime';
import { eventActorOf } from '@/lib/engine/runtime/event-actor';
import type { Actor } from '@/lib/models/actor';

export type TaskCaller = {
  db: Db;
  subject: Subject;
  actor?: Actor;
  rt?: RuntimeContext;
};

export function actorOfCaller(caller: TaskCaller): Actor {
  return caller.actor ?? actorOf(caller.subject);
}

export function runtimeOf(caller: TaskCaller): RuntimeContext {
  return caller.rt ?? runtimeContextFor(caller.db);
}

/** The event log's actor column for a command the caller sends. */
export function eventActorOfCaller(caller: TaskCaller): string {
  return eventActorOf(caller.subject);
}

/** Now, as the caller's runtime sees it (tests inject a clock through `rt`). */
export function nowOf(caller: TaskCaller): Date {
  return new Date(runtimeOf(caller).clock.now());
}
