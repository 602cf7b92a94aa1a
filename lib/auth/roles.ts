/**
 * The built-in roles. A person or an API token holds any number of them; what each allows is
 * written once, in the permission table of lib/auth/can.ts.
 *
 * - admin: users, groups, API tokens, tools, settings; reads everything, including the audit log.
 * - modeler: edits, validates and publishes process models.
 * - operator: starts, cancels, retries, modifies and migrates instances.
 * - auditor: reads everything, including the audit log; changes nothing.
 *
 * Groups (finance, compliance...) are free-form and are not roles: they are the candidate groups
 * of human tasks and the roles that tool guardrails name.
 */
import { z } from 'zod';

export const ROLES = ['admin', 'modeler', 'operator', 'auditor'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Users, groups, API tokens, tools and settings; reads everything.',
  modeler: 'Edits, validates and publishes process models.',
  operator: 'Starts, cancels, retries, modifies and migrates instances.',
  auditor: 'Reads everything, including the audit log; changes nothing.',
};

/** A group name: lower-case letters, digits and dashes, as candidate groups are written in models. */
export const GroupNameSchema = z
  .string()
  .trim()
  .min(1, 'a group needs a name')
  .max(64, 'at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, "-" and "_", starting with a letter or digit');

/** Keeps the known roles of a stored list (JSON of a token, rows of a user), in ROLES order, without repeats. */
export function knownRoles(values: readonly string[]): Role[] {
  return ROLES.filter((role) => values.includes(role));
}
