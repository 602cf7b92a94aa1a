/**
 * The one way to write the audit log: who did what, when, to what, from where. Every mutation
 * (model publish, role change, token revocation, and every later operator or task action) calls
 * `writeAudit` inside the transaction of the change it records, so the log never misses a change
 * nor lists one that was rolled back. Sign-ins and refusals are written on their own (nothing
 * else changes with them).
 *
 * Contract
 * - `action` is `<resource>.<verb>` in lower case (`user.roles-change`, `auth.sign-in-failed`).
 * - `details` is JSON for people to read and filters to match; it never holds a secret: keys
 *   that name one (password, secret, token, tokenHash, hash) are refused with an error, so a
 *   mistake fails in tests instead of leaking into the log.
 * - Rows are append-only: nothing in Baton updates or deletes them.
 */
import { z } from 'zod';
import { JsonValueSchema, type JsonValue } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/models/actor';
import type { Tx } from '@/lib/models/db';

export const AuditActionSchema = z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'an audit action is <resource>.<verb>, e.g. user.roles-change');

const SECRET_KEYS = /^(password|newPassword|secret|token|tokenHash|hash|passwordHash)$/i;

export type AuditEntry = {
  actor: Actor;
  action: string;
  resource: { type: string; id?: string | null };
  details?: { [key: string]: JsonValue };
};

/** Throws when `value` holds a key that names a secret, at any depth. */
export function assertNoSecrets(value: JsonValue, path = 'details'): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoSecrets(item, `${path}.${i}`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_KEYS.test(key)) throw new Error(`audit details must not hold secrets: ${path}.${key}`);
    assertNoSecrets(inner, `${path}.${key}`);
  }
}

export async function writeAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  const action = AuditActionSchema.parse(entry.action);
  const details = z.record(z.string(), JsonValueSchema).parse(entry.details ?? {});
  assertNoSecrets(details);
  await db.auditLog.create({
    data: {
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      actorLabel: entry.actor.label,
      action,
      resourceType: entry.resource.type,
      resourceId: entry.resource.id ?? null,
      ip: entry.actor.ip ?? null,
      userAgent: entry.actor.userAgent ?? null,
      details: JSON.stringify(details),
    },
  });
}
