/**
 * Test fixtures for the runtime: publish BPMN XML into a test database, read an instance's log.
 * Test-only; nothing in the app imports it.
 */
import type { Db } from '@/lib/db/client';
import type { Event } from '@/lib/engine/core';
import { eventsOfRow } from './event-log';
import type { Tx } from './runtime-context';
import { SYSTEM_ACTOR } from '@/lib/models/actor';
import { createModel } from '@/lib/models/create-model';
import { publishModel } from '@/lib/models/publish-model';

let counter = 0;

/** Creates a model from `xml` and publishes it; returns the model key and the version id. */
export async function publishXml(db: Db, xml: string, key = `test-process-${++counter}`): Promise<{ modelKey: string; versionId: string }> {
  await createModel({ db, actor: SYSTEM_ACTOR, source: { xml }, key });
  const published = await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: key });
  const model = await db.processModel.findUniqueOrThrow({ where: { key }, select: { id: true } });
  const version = await db.processVersion.findUniqueOrThrow({ where: { modelId_number: { modelId: model.id, number: published.version } }, select: { id: true } });
  return { modelKey: key, versionId: version.id };
}

/** The instance's log, parsed, in sequence order, with the sequence numbers. */
export async function eventsOf(db: Db, instanceId: string): Promise<{ seq: number; event: Event }[]> {
  const rows = await db.instanceEventBatch.findMany({ where: { instanceId }, orderBy: { lastSeq: 'asc' } });
  return rows.flatMap((row) => eventsOfRow(row).map((stored) => ({ seq: stored.seq, event: stored.event })));
}

/**
 * Runs `work` in a transaction that stays open, uncommitted, until `commit()` is called: for tests
 * of what concurrent readers and writers see. Resolves once `work` is done.
 */
export async function openTransaction(db: Db, work: (tx: Tx) => Promise<unknown>): Promise<{ commit: () => Promise<void> }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let worked = () => {};
  let failed: (error: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => ((worked = resolve), (failed = reject)));
  const transaction = db.$transaction(
    async (tx) => {
      await work(tx);
      worked();
      await held;
    },
    { timeout: 20_000 },
  );
  transaction.catch(failed);
  await done;
  return {
    commit: async () => {
      release();
      await transaction;
    },
  };
}

/** A process in BPMN XML with the Baton and Zeebe namespaces declared: pass the elements inside <process>. */
export function processXml(id: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:baton="https://baton.dev/schema/bpmn/1.0" id="defs_${id}" targetNamespace="http://baton.dev/test">
  <bpmn:process id="${id}" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}
