import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { BpmnModelSchema } from '@/lib/bpmn/model';
import { describeEachDatabase } from '@/lib/db/test-database';
import { modelChecksum } from '@/lib/models/checksum';
import { createModel } from '@/lib/models/create-model';
import { getModel } from '@/lib/models/get-model';
import { getVersion } from '@/lib/models/get-version';
import { listModels } from '@/lib/models/list-models';
import { listVersions } from '@/lib/models/list-versions';
import { publishModel } from '@/lib/models/publish-model';
import { updateDraft } from '@/lib/models/update-draft';
import { validateModel } from '@/lib/models/validate-model';
import {
  corpusText,
  countRows,
  MALFORMED_FILE,
  MALFORMED_LINE,
  PUBLISHABLE_FILE,
  PUBLISHABLE_KEY,
  SYSTEM_ACTOR,
  TEST_ACTOR,
  unpublishableModel,
  validModel,
} from '@/lib/models/test-support';

/** The AppError `promise` rejects with (fails the test when it resolves or throws anything else). */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describeEachDatabase('model service', (database) => {
  describe('createModel', () => {
    it('given BPMN XML, then the key is the slugged executable process id, the draft is stored and an audit row written', async () => {
      const { db } = database;
      const created = await createModel({ db, actor: TEST_ACTOR, source: { xml: corpusText(PUBLISHABLE_FILE) } });

      expect(created).toMatchObject({ key: PUBLISHABLE_KEY, lock: 0, latestVersion: 0, versions: [] });
      expect(created.draft?.processes.find((p) => p.isExecutable)?.id).toBe('exclusiveGwDefaultSequenceFlow');
      const row = await db.processModel.findUniqueOrThrow({ where: { id: created.id } });
      expect(BpmnModelSchema.parse(JSON.parse(row.draft))).toEqual(created.draft);
      expect(row.createdById).toBe('user-1');
      const audit = await db.auditLog.findFirstOrThrow({ where: { resourceId: created.id } });
      expect(audit).toMatchObject({ action: 'model.create', actorType: 'user', actorId: 'user-1', actorLabel: 'modeler@baton.local', ip: '127.0.0.1' });
      expect(JSON.parse(audit.details)).toMatchObject({ key: PUBLISHABLE_KEY, from: 'xml' });
    });

    it('given model JSON with a key and name, then they are used', async () => {
      const created = await createModel({ db: database.db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'json-model', name: 'From JSON' });
      expect(created).toMatchObject({ key: 'json-model', name: 'From JSON', findings: [] });
    });

    it('given a key that is taken, then 409 model.key-taken names the existing model and nothing is written', async () => {
      const { db } = database;
      const existing = await createModel({ db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'taken' });
      const before = await countRows(db);

      const error = await appError(createModel({ db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'taken' }));

      expect(error).toMatchObject({ code: 'model.key-taken', status: 409, details: { key: 'taken', modelId: existing.id } });
      expect(await countRows(db)).toEqual(before);
    });

    it('given two creates of the same key at once, then one wins and the other gets model.key-taken', async () => {
      const { db } = database;
      const results = await Promise.allSettled([0, 1].map(() => createModel({ db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'racing' })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected && rejected.status === 'rejected' && rejected.reason).toMatchObject({ code: 'model.key-taken' });
      expect(await db.processModel.count({ where: { key: 'racing' } })).toBe(1);
    });

    it('given XML that is not well-formed, then 422 bpmn.import-failed with the line, and nothing is written', async () => {
      const { db } = database;
      const before = await countRows(db);
      const error = await appError(createModel({ db, actor: TEST_ACTOR, source: { xml: corpusText(MALFORMED_FILE) } }));
      expect(error).toMatchObject({ code: 'bpmn.import-failed', status: 422 });
      expect(error.message).toContain(`line ${MALFORMED_LINE}`);
      expect(error.details.findings).toEqual([expect.objectContaining({ level: 'import', severity: 'error', line: MALFORMED_LINE })]);
      expect(await countRows(db)).toEqual(before);
    });
  });

  describe('getModel and listModels', () => {
    it('finds a model by id and by key, with the findings of its draft', async () => {
      const { db } = database;
      const created = await createModel({ db, actor: TEST_ACTOR, source: { model: unpublishableModel() }, key: 'has-findings' });
      const byId = await getModel({ db, idOrKey: created.id });
      const byKey = await getModel({ db, idOrKey: 'has-findings' });
      expect(byKey).toEqual(byId);
      expect(byId.findings).toContainEqual(expect.objectContaining({ level: 'execution', severity: 'error', code: 'task.no-implementation', elementId: 'work' }));
    });

    it('given an unknown id, then 404 model.not-found', async () => {
      expect(await appError(getModel({ db: database.db, idOrKey: 'no-such-model' }))).toMatchObject({ code: 'model.not-found', status: 404 });
    });

    it('given a draft saved under an older schema, then get reports import findings instead of failing', async () => {
      const { db } = database;
      const created = await createModel({ db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'old-schema' });
      await db.processModel.update({ where: { id: created.id }, data: { draft: JSON.stringify({ definitions: {}, processes: 'x' }) } });
      const model = await getModel({ db, idOrKey: created.id });
      expect(model.draft).toBeNull();
      expect(model.findings[0]).toMatchObject({ level: 'import', severity: 'error', code: 'draft-schema' });
    });

    it('lists models with their latest version and counts of findings, and pages', async () => {
      const { db } = database;
      await createModel({ db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'listed' });
      await publishModel({ db, actor: TEST_ACTOR, idOrKey: 'listed', message: 'first' });
      const all = await listModels({ db, limit: 200, offset: 0 });

      const listed = all.items.find((m) => m.key === 'listed');
      expect(listed?.latestVersion).toMatchObject({ number: 1, message: 'first' });
      expect(listed?.findingCounts).toEqual({ errors: 0, warnings: 0 });
      expect(all.items.find((m) => m.key === 'has-findings')?.findingCounts.errors).toBeGreaterThan(0);
      expect(all.items.find((m) => m.key === 'has-findings')?.latestVersion).toBeNull();
      expect(all.total).toBe(all.items.length);

      const page = await listModels({ db, limit: 2, offset: 1 });
      expect(page.items.map((m) => m.id)).toEqual(all.items.slice(1, 3).map((m) => m.id));
      expect(page.total).toBe(all.total);
    });
  });

  describe('updateDraft', () => {
    it('given the current lock, then the draft is replaced, the lock goes up by one and an audit row is written', async () => {
      const { db } = database;
      const created = await createModel({ db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'editable' });
      const updated = await updateDraft({ db, actor: TEST_ACTOR, idOrKey: 'editable', lock: 0, source: { model: validModel('Renamed process') }, name: 'Edited' });

      expect(updated).toMatchObject({ lock: 1, name: 'Edited', key: 'editable' });
      expect(updated.draft?.processes[0].name).toBe('Renamed process');
      const audits = await db.auditLog.findMany({ where: { resourceId: created.id }, orderBy: { at: 'asc' } });
      expect(audits.map((a) => a.action)).toEqual(['model.create', 'model.update-draft']);
    });

    it('given a stale lock, then 409 model.lock-stale with the current lock, and nothing is written', async () => {
      const { db } = database;
      const before = await countRows(db);
      const row = await db.processModel.findUniqueOrThrow({ where: { key: 'editable' } });

      const error = await appError(updateDraft({ db, actor: TEST_ACTOR, idOrKey: 'editable', lock: 0, source: { model: unpublishableModel() } }));

      expect(error).toMatchObject({ code: 'model.lock-stale', status: 409, details: { currentLock: 1, sentLock: 0 } });
      expect(await db.processModel.findUniqueOrThrow({ where: { key: 'editable' } })).toEqual(row);
      expect(await countRows(db)).toEqual(before);
    });

    it('given two saves from the same lock at once, then exactly one wins', async () => {
      const { db } = database;
      const results = await Promise.allSettled(
        ['A', 'B'].map((name) => updateDraft({ db, actor: TEST_ACTOR, idOrKey: 'editable', lock: 1, source: { model: validModel(name) } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await db.processModel.findUniqueOrThrow({ where: { key: 'editable' } })).lock).toBe(2);
    });

    it('given XML, then it is imported into the draft', async () => {
      const updated = await updateDraft({ db: database.db, actor: TEST_ACTOR, idOrKey: 'editable', lock: 2, source: { xml: corpusText(PUBLISHABLE_FILE) } });
      expect(updated.draft?.processes[0].id).toBe('exclusiveGwDefaultSequenceFlow');
      expect(updated.key).toBe('editable');
    });
  });

  describe('validateModel', () => {
    it('validates the saved draft, or given content, and saves nothing', async () => {
      const { db } = database;
      const before = await countRows(db);
      expect(await validateModel({ db, idOrKey: 'has-findings', source: {} })).toMatchObject({ canPublish: false });
      expect(await validateModel({ db, idOrKey: 'has-findings', source: { model: validModel() } })).toEqual({ findings: [], canPublish: true });
      const broken = await validateModel({ db, idOrKey: 'has-findings', source: { xml: corpusText(MALFORMED_FILE) } });
      expect(broken.canPublish).toBe(false);
      expect(broken.findings[0]).toMatchObject({ level: 'import', line: MALFORMED_LINE });
      expect(await countRows(db)).toEqual(before);
    });
  });

  describe('publishModel, listVersions, getVersion', () => {
    it('publishes version 1 with the exported XML, model JSON, checksum, message, publisher and an audit row', async () => {
      const { db } = database;
      const created = await createModel({ db, actor: TEST_ACTOR, source: { xml: corpusText(PUBLISHABLE_FILE) }, key: 'pub' });

      const result = await publishModel({ db, actor: TEST_ACTOR, idOrKey: 'pub', message: '  First release  ' });

      expect(result).toEqual({ created: true, version: 1, checksum: modelChecksum(created.draft!) });
      const version = await db.processVersion.findUniqueOrThrow({ where: { modelId_number: { modelId: created.id, number: 1 } } });
      expect(version).toMatchObject({ processKey: 'exclusiveGwDefaultSequenceFlow', message: 'First release', publishedById: 'user-1', compiled: null });
      expect(version.bpmnXml).toContain('exclusiveGwDefaultSequenceFlow');
      expect(JSON.parse(version.modelJson)).toEqual(created.draft);
      expect((await db.processModel.findUniqueOrThrow({ where: { id: created.id } })).latestVersion).toBe(1);
      const audit = await db.auditLog.findFirstOrThrow({ where: { resourceId: created.id, action: 'model.publish' } });
      expect(JSON.parse(audit.details)).toMatchObject({ version: 1, message: 'First release' });
    });

    it('given unchanged content, then nothing is created', async () => {
      const { db } = database;
      const before = await countRows(db);
      expect(await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: 'pub' })).toEqual({ created: false, version: 1, reason: 'unchanged' });
      expect(await countRows(db)).toEqual(before);
    });

    it('given a changed draft, then version 2; list is newest first; each version keeps its own content', async () => {
      const { db } = database;
      const lock = (await getModel({ db, idOrKey: 'pub' })).lock;
      await updateDraft({ db, actor: TEST_ACTOR, idOrKey: 'pub', lock, source: { model: validModel('Second') } });
      expect(await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: 'pub' })).toMatchObject({ created: true, version: 2 });

      const { items } = await listVersions({ db, idOrKey: 'pub' });
      expect(items.map((v) => [v.number, v.processKey, v.publishedById])).toEqual([
        [2, 'Process_1', null],
        [1, 'exclusiveGwDefaultSequenceFlow', 'user-1'],
      ]);
      const v1 = await getVersion({ db, idOrKey: 'pub', number: 1 });
      expect(v1.version.model.processes[0].id).toBe('exclusiveGwDefaultSequenceFlow');
      expect(v1.bpmnXml).toMatch(/^<\?xml/);
      expect((await getVersion({ db, idOrKey: 'pub', number: 2 })).version.model.processes[0].name).toBe('Second');
    });

    it('given an unknown version, then 404 version.not-found naming the latest', async () => {
      const error = await appError(getVersion({ db: database.db, idOrKey: 'pub', number: 9 }));
      expect(error).toMatchObject({ code: 'version.not-found', status: 404, details: { latestVersion: 2 } });
    });

    it('given a draft with errors, then 422 model.invalid with the findings, and nothing is written', async () => {
      const { db } = database;
      const before = await countRows(db);
      const error = await appError(publishModel({ db, actor: TEST_ACTOR, idOrKey: 'has-findings' }));
      expect(error).toMatchObject({ code: 'model.invalid', status: 422 });
      expect(error.details.findings).toContainEqual(expect.objectContaining({ code: 'task.no-implementation' }));
      expect(await countRows(db)).toEqual(before);
    });

    it('given two publishes of the same draft at once, then one version is created and the other finds it unchanged', async () => {
      const { db } = database;
      await createModel({ db, actor: TEST_ACTOR, source: { model: validModel() }, key: 'concurrent' });
      const results = await Promise.all([0, 1, 2].map(() => publishModel({ db, actor: TEST_ACTOR, idOrKey: 'concurrent' })));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.every((r) => r.version === 1)).toBe(true);
      expect(await db.processVersion.count({ where: { model: { key: 'concurrent' } } })).toBe(1);
    });
  });
});

