/**
 * THE authorization function of Baton: `can(subject, action, resource)`. Pure — no database, no
 * request, no clock — so that every page, server action and route handler asks the same
 * question and one table test (can.test.ts) pins the answers.
 *
 * Contract
 * - `null` (nobody signed in) may do nothing; routes turn that into 401, pages into the sign-in.
 * - Role actions are allowed when the subject holds one of the roles listed in `PERMISSIONS`,
 *   the one table of who may do what. A token holds the roles it was scoped to.
 * - `inbox:read` and `self:read` are allowed to every subject: everyone has an inbox (possibly
 *   empty) and may ask who they are.
 * - Task actions need the task's facts and follow lib/auth/task-rules.ts: assignee or
 *   candidates only, four-eyes on completion. Roles never widen them.
 * - The resource type must be the action's prefix (`model:read` on `{ type: 'model' }`); the
 *   types enforce it, and a mismatch that slips through at runtime is denied.
 */
import type { Role } from '@/lib/auth/roles';
import type { Subject } from '@/lib/auth/subject';
import { decideTaskAccess, TASK_ACTIONS, type TaskAction, type TaskFacts } from '@/lib/auth/task-rules';

const EVERY_ROLE = ['admin', 'modeler', 'operator', 'auditor'] as const satisfies readonly Role[];
const READERS = ['admin', 'operator', 'auditor'] as const satisfies readonly Role[];

/** Who may do what, by role. Everything not listed here is denied. */
export const PERMISSIONS = {
  'model:read': EVERY_ROLE,
  'model:validate': EVERY_ROLE,
  'model:create': ['modeler'],
  'model:update': ['modeler'],
  'model:publish': ['modeler'],
  /** How long a version's ended instances are kept (PATCH /api/v1/models/{id}/versions/{n}). */
  'model:retention': ['modeler', 'admin'],
  'instance:read': READERS,
  'instance:start': ['operator'],
  'instance:cancel': ['operator'],
  'instance:retry': ['operator'],
  'instance:modify': ['operator'],
  'instance:migrate': ['operator'],
  'dashboard:read': READERS,
  /** /api/metrics (Prometheus): an auditor or admin (token or session), or BATON_METRICS_TOKEN. */
  'metrics:read': ['admin', 'auditor'],
  'audit-log:read': ['admin', 'auditor'],
  'user:manage': ['admin'],
  'group:manage': ['admin'],
  'api-token:manage': ['admin'],
  'tool:manage': ['admin'],
  'settings:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type RoleAction = keyof typeof PERMISSIONS;
/** Allowed to every subject (never to nobody). */
export const ANYONE_ACTIONS = ['inbox:read', 'self:read'] as const;
export type AnyoneAction = (typeof ANYONE_ACTIONS)[number];
export type { TaskAction };

export type Action = RoleAction | AnyoneAction | TaskAction;
export const ACTIONS = [...(Object.keys(PERMISSIONS) as RoleAction[]), ...ANYONE_ACTIONS, ...TASK_ACTIONS] as const satisfies readonly Action[];
/** Actions that need no facts about one particular resource: what routes and pages declare. */
export type CoarseAction = RoleAction | AnyoneAction;

export type ResourceType<A extends Action = Action> = A extends `${infer T}:${string}` ? T : never;
export type Resource<A extends Action = Action> = A extends TaskAction ? { type: 'task'; task: TaskFacts } : { type: ResourceType<A> };

export function resourceTypeOf<A extends Action>(action: A): ResourceType<A> {
  return action.slice(0, action.indexOf(':')) as ResourceType<A>;
}

/** The resource a coarse action is about: `{ type: 'model' }` for `model:read`. */
export function resourceOf<A extends CoarseAction>(action: A): Resource<A> {
  return { type: resourceTypeOf(action) } as Resource<A>;
}

function isTaskAction(action: Action): action is TaskAction {
  return (TASK_ACTIONS as readonly string[]).includes(action);
}
function isAnyoneAction(action: Action): action is AnyoneAction {
  return (ANYONE_ACTIONS as readonly string[]).includes(action);
}

export function can<A extends Action>(subject: Subject | null, action: A, resource: Resource<A>): boolean {
  if (subject === null) return false;
  if (resource.type !== resourceTypeOf(action)) return false;
  if (isTaskAction(action)) return 'task' in resource && decideTaskAccess(subject, action, resource.task).allowed;
  if (isAnyoneAction(action)) return true;
  const allowed: readonly Role[] = PERMISSIONS[action as RoleAction] ?? [];
  return subject.roles.some((role) => allowed.includes(role));
}
