/** An API token as admins see it: never its secret nor its hash. */
import { z } from 'zod';
import { knownRoles, RoleSchema } from '@/lib/auth/roles';

export const ApiTokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the secret, to recognise it. */
  prefix: z.string(),
  roles: z.array(RoleSchema),
  groups: z.array(z.string()),
  createdById: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ApiTokenSummary = z.infer<typeof ApiTokenSummarySchema>;

const StoredList = z.array(z.string());

/** The stored JSON list (roles or groups), or [] when it is not a list of strings. */
export function parseStoredList(json: string): string[] {
  try {
    const parsed = StoredList.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function toApiTokenSummary(row: {
  id: string;
  name: string;
  prefix: string;
  roles: string;
  groups: string;
  createdById: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    roles: knownRoles(parseStoredList(row.roles)),
    groups: parseStoredList(row.groups),
    createdById: row.createdById,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}
