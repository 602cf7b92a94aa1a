import { beforeAll, expect, it, vi } from 'vitest';
import { setRouteDatabase } from '@/lib/api/route-db';
import { call, insertTestToken } from '@/lib/api/test-support';
import { describeEachDatabase } from '@/lib/db/test-database';
import { ManualClock } from '@/lib/engine/runtime/clock';
import { deleteExpiredInstances } from '@/lib/engine/runtime/delete-expired-instances';
import { createRuntimeContext } from '@/lib/engine/runtime/runtime-context';
import { startInstance } from '@/lib/engine/runtime/start-instance';
import { processXml, publishXml } from '@/lib/engine/runtime/test-support';
import { PATCH } from './route';

vi.mock('next/server', () => ({ connection: async () => undefined }));

const QUICK = processXml(
  'retention-quick',
  `<bpmn:startEvent id="start"/>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>`,
);

describeEachDatabase('PATCH /api/v1/models/{id}/versions/{number} (retention)', (database) => {
  let modeler = '';
  let admin = '';
  let operator = '';
  beforeAll(async () => {
    setRouteDatabase(database.db);
    await publishXml(database.db, QUICK, 'retention-quick');
    modeler = await insertTestToken(database.db, { name: 'modeler', roles: ['modeler'] });
    admin = await insertTestToken(database.db, { name: 'admin', roles: ['admin'] });
    operator = await insertTestToken(database.db, { name: 'operator', roles: ['operator'] });
  });
  const patch = (json: unknown, token: string, number = '1', id = 'retention-quick') =>
    call(PATCH, 'PATCH', `/api/v1/models/${id}/versions/${number}`, { params: { id, number }, json, headers: { authorization: `Bearer ${token}` } });
  const retentionOf = async () => (await database.db.processVersion.findFirstOrThrow({ where: { model: { key: 'retention-quick' }, number: 1 } })).retentionDays;
  const auditRows = () => database.db.auditLog.count({ where: { action: 'version.retention-change' } });

  it('given a modeler, when retention is set to 7 days, then the version keeps ended instances 7 days: the retention job deletes older ones only, and the change is audit-logged', async () => {
    const answer = await patch({ retentionDays: 7 }, modeler);

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ modelKey: 'retention-quick', number: 1, retentionDays: 7, previousRetentionDays: null });
    expect(await retentionOf()).toBe(7);
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'version.retention-change' } });
    expect(audit).toMatchObject({ actorType: 'token', actorLabel: 'token modeler', resourceType: 'model' });
    expect(JSON.parse(audit.details ?? '{}')).toEqual({ number: 1, from: null, to: 7 });

    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const rt = createRuntimeContext({ db: database.db, clock });
    const old = await startInstance(rt, { processKey: 'retention-quick' });
    clock.advance(7 * 24 * 3_600_000 + 1);
    const recent = await startInstance(rt, { processKey: 'retention-quick' });
    expect(await deleteExpiredInstances(rt, { batchSize: 100 })).toBe(1);
    expect(await database.db.processInstance.findUnique({ where: { id: old.instanceId } })).toBeNull();
    expect(await database.db.processInstance.findUnique({ where: { id: recent.instanceId } })).not.toBeNull();
  });

  it('given an admin, when retention is set back to null, then instances are kept forever; the same value again writes no audit row', async () => {
    const answer = await patch({ retentionDays: null }, admin);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ retentionDays: null });
    expect(await retentionOf()).toBeNull();

    const rows = await auditRows();
    expect((await patch({ retentionDays: null }, admin)).status).toBe(200);
    expect(await auditRows()).toBe(rows);
  });

  it('given bad retention values, then 400 naming retentionDays in the body, and nothing changes', async () => {
    const before = { retention: await retentionOf(), audit: await auditRows() };
    for (const body of [{ retentionDays: 0 }, { retentionDays: -3 }, { retentionDays: 1.5 }, { retentionDays: '7' }, { retentionDays: 36_501 }, {}]) {
      const answer = await patch(body, modeler);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.error?.details.issues).toContainEqual(expect.objectContaining({ in: 'body', path: 'retentionDays' }));
    }
    expect((await patch({ retentionDays: 7, keepForever: true }, modeler)).status).toBe(400);
    expect({ retention: await retentionOf(), audit: await auditRows() }).toEqual(before);
  });

  it('given an operator, then 403; given an unknown version or model, then 404', async () => {
    expect((await patch({ retentionDays: 7 }, operator)).status).toBe(403);
    expect((await patch({ retentionDays: 7 }, modeler, '9')).error?.code).toBe('version.not-found');
    expect((await patch({ retentionDays: 7 }, modeler, '1', 'no-such-model')).error?.code).toBe('model.not-found');
    expect(await retentionOf()).toBeNull();
  });
});
