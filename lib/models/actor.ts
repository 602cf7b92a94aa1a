/**
 * Who performs an operation. Every mutation of lib/models takes an actor and writes it to the
 * audit row of the same transaction.
 *
 * Contract: `label` is what a person reading the audit log sees (an e-mail, a token name,
 * "system"); `id` is the user or token id when there is one. `ip` and `userAgent` are where a
 * request came from, when it came over HTTP.
 */
import { z } from 'zod';

export const ActorSchema = z.object({
  type: z.enum(['user', 'token', 'system']),
  id: z.string().min(1).optional(),
  label: z.string().min(1),
  ip: z.string().optional(),
  userAgent: z.string().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** The actor of the seed, migrations and other work that no person or token asked for. */
export const SYSTEM_ACTOR: Actor = { type: 'system', label: 'system' };
