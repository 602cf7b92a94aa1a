/**
 * Keys for instances, element instances, jobs, timers, tasks... (`ctx.newId` of decide).
 *
 * Contract: unique across processes and restarts without coordination: a random prefix drawn
 * once per source (60 bits) and a counter. Short, so events and rows stay small.
 */
import { randomBytes } from 'node:crypto';

export type IdSource = () => string;

export function createIdSource(): IdSource {
  const prefix = randomBytes(8).readBigUInt64BE().toString(36).slice(0, 12).padStart(12, '0');
  let counter = 0;
  return () => `${prefix}${(++counter).toString(36)}`;
}
