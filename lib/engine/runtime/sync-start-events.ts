/**
 * Keeps the start-event rows of the latest published versions: a Timer row per timer start
 * event and a MessageSubscription row (kind message or signal, no instance) per message or
 * signal start event. Rows of versions that are no longer the latest are removed.
 *
 * Contract
 * - Idempotent and safe to run from several processes at once: row ids are derived from the
 *   version and the start event, so a second writer meets the primary key and skips.
 * - Publishing lives in lib/models and knows nothing of the runtime; the runtime calls this
 *   when it starts and whenever the set of latest versions changed (cheap check per call).
 */
import { startTimersOf } from '@/lib/engine/core';
import { isUniqueViolation } from './fire-due-timers';
import type { RuntimeContext } from './runtime-context';

const synced = new WeakMap<RuntimeContext, string>();

export async function syncStartEvents(rt: RuntimeContext): Promise<void> {
  const models = await rt.db.processModel.findMany({ where: { latestVersion: { gt: 0 }, archivedAt: null }, select: { id: true, latestVersion: true } });
  const fingerprint = models.map((m) => `${m.id}:${m.latestVersion}`).sort().join(',');
  if (synced.get(rt) === fingerprint) return;
  const versions = await rt.db.processVersion.findMany({
    where: { OR: models.map((m) => ({ modelId: m.id, number: m.latestVersion })) },
    select: { id: true },
  });
  const latestIds = versions.map((v) => v.id);
  await rt.db.timer.deleteMany({ where: { instanceId: null, versionId: { notIn: latestIds } } });
  await rt.db.messageSubscription.deleteMany({ where: { instanceId: null, versionId: { notIn: latestIds } } });

  for (const versionId of latestIds) {
    const { definition } = await rt.definitions.get(versionId).catch(() => ({ definition: null }));
    if (definition === null) continue;
    for (const start of startTimersOf(definition, { now: rt.clock.now() })) {
      await createOnce(() =>
        rt.db.timer.create({
          data: { id: `start:${versionId}:${start.startEventId}`, versionId, elementId: start.startEventId, dueAt: new Date(start.dueAt), spec: JSON.stringify({ startEventId: start.startEventId, count: 0 }) },
        }),
      );
    }
    for (const id of definition.messageStartIds) {
      const trigger = definition.nodes[id].trigger;
      if (trigger.kind !== 'message') continue;
      const name = trigger.messageName.evaluate({});
      if (!name.ok || typeof name.value !== 'string') continue;
      await createOnce(() =>
        rt.db.messageSubscription.create({ data: { id: `start:${versionId}:${id}`, versionId, elementId: id, kind: 'message', messageName: name.value as string } }),
      );
    }
    for (const id of definition.signalStartIds) {
      const trigger = definition.nodes[id].trigger;
      if (trigger.kind !== 'signal') continue;
      await createOnce(() => rt.db.messageSubscription.create({ data: { id: `start:${versionId}:${id}`, versionId, elementId: id, kind: 'signal', messageName: trigger.signalName } }));
    }
  }
  synced.set(rt, fingerprint);
}

async function createOnce(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
