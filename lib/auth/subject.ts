/**
 * Who is asking: a signed-in person or an API token, with the roles and groups that decide what
 * they may do. `null` stands for nobody (not signed in, no valid token).
 *
 * Contract
 * - A subject exists only for an active user with a live session, or for a token that is neither
 *   revoked nor expired (lib/auth/load-subject.ts, lib/auth/tokens/authenticate-token.ts build
 *   them); deactivating a user or revoking a token takes effect on the next request.
 * - `roles` and `groups` are read fresh on every request, so a role change needs no new sign-in.
 * - The audit log names subjects through `actorOf`, never through anything the client sent.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/models/actor';
import { RoleSchema } from '@/lib/auth/roles';

export const SubjectSchema = z.object({
  type: z.enum(['user', 'token']),
  /** User id or API token id. */
  id: z.string().min(1),
  /** What people read: the user's e-mail, or the token's name. */
  label: z.string().min(1),
  /** Users only: how models may name them (assignee, candidate users). */
  email: z.string().optional(),
  roles: z.array(RoleSchema),
  /** Group names (finance, compliance...). */
  groups: z.array(z.string()),
});
export type Subject = z.infer<typeof SubjectSchema>;

/** Where a request came from, for the audit log. */
export type Origin = { ip?: string; userAgent?: string };

/** The audit-log actor of `subject` (a person or a token), with where the request came from. */
export function actorOf(subject: Subject, origin: Origin = {}): Actor {
  return {
    type: subject.type,
    id: subject.id,
    label: subject.type === 'token' ? `token ${subject.label}` : subject.label,
    ...(origin.ip ? { ip: origin.ip } : {}),
    ...(origin.userAgent ? { userAgent: origin.userAgent } : {}),
  };
}
