/**
 * Operator operations against a real database: suspend keeps workers and timers away until
 * resume; migration re-pins an instance waiting at a user task to the new version; each
 * operation writes an audit row with who and why.
 */
import { beforeAll, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { describeEachDatabase } from '@/lib/db/test-database';
import type { Actor } from '@/lib/models/actor';
import { publishModel } from '@/lib/models/publish-model';
import { updateDraft } from '@/lib/models/update-draft';
import { claimJobs } from './claim-jobs';
import { ManualClock } from './clock';
import { executeCommand } from './execute-command';
import { applyMigration, planMigration } from './migrate-instances';
import { operateInstance } from './operate-instance';
import { createRuntimeContext, type RuntimeContext } from './runtime-context';
import { startInstance } from './start-instance';
import { eventsOf, processXml, publishXml } from './test-support';

const operator: Actor = { type: 'user', id: 'op-1', label: 'operator@baton.local' };

const v1 = processXml(
  'orders',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="Review"/>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
   <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>`,
);
const v2 = processXml(
  'orders',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="reviewOrder" name="Review"/>
   <bpmn:userTask id="approve" name="Approve"/>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="reviewOrder"/>
   <bpmn:sequenceFlow id="f2" sourceRef="reviewOrder" targetRef="approve"/>
   <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>`,
);
const withJob = processXml(
  'jobs',
  `<bpmn:startEvent id="start"/>
   <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="work-op"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>`,
);

describeEachDatabase('operator operations: suspend, resume, migrate', (database) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  let rt: RuntimeContext;

  beforeAll(() => {
    rt = createRuntimeContext({ db: database.db, clock });
  });

  it('given a job waiting for a worker, when the instance is suspended, then no worker claims it and completing is refused until it is resumed', async () => {
    const { modelKey } = await publishXml(database.db, withJob);
    const { instanceId } = await startInstance(rt, { processKey: modelKey });
    const suspended = await operateInstance(rt, { instanceId, operation: { kind: 'suspend' }, reason: 'supplier outage', actor: operator });
    expect(suspended.ok).toBe(true);
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).status).toBe('suspended');
    expect(await claimJobs(rt, { owner: 'w', types: ['work-op'], max: 10, leaseMs: 10_000 })).toHaveLength(0);
    const job = await database.db.job.findFirstOrThrow({ where: { instanceId } });
    expect(await executeCommand(rt, { instanceId, command: { type: 'CompleteJob', jobKey: job.id } })).toMatchObject({ ok: false, code: 'INSTANCE_SUSPENDED' });

    expect((await operateInstance(rt, { instanceId, operation: { kind: 'resume' }, reason: 'supplier back', actor: operator })).ok).toBe(true);
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).status).toBe('active');
    expect(await claimJobs(rt, { owner: 'w', types: ['work-op'], max: 10, leaseMs: 10_000 })).toHaveLength(1);

    const audit = await database.db.auditLog.findMany({ where: { resourceId: instanceId }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorLabel, JSON.parse(a.details).reason])).toEqual([
      ['instance.suspend', 'operator@baton.local', 'supplier outage'],
      ['instance.resume', 'operator@baton.local', 'supplier back'],
    ]);
  });

  it('given an instance waiting at a user task, when migrated with the proposed mapping, then it runs on the new version and its task names the new element', async () => {
    const { modelKey, versionId: sourceVersionId } = await publishXml(database.db, v1);
    const { instanceId } = await startInstance(rt, { processKey: modelKey, businessKey: 'o-77' });
    const imported = await importBpmn(v2);
    if (!imported.ok) throw new Error('v2 does not import');
    const model = await database.db.processModel.findUniqueOrThrow({ where: { key: modelKey } });
    await updateDraft({ db: database.db, actor: operator, idOrKey: modelKey, lock: model.lock, source: { xml: v2 } });
    const published = await publishModel({ db: database.db, actor: operator, idOrKey: modelKey });
    const target = await database.db.processVersion.findUniqueOrThrow({ where: { modelId_number: { modelId: model.id, number: published.version } } });

    const plan = await planMigration(database.db, { sourceVersionId, targetVersionId: target.id });
    expect(plan.mapping.review).toBe('reviewOrder');
    expect(plan.check.ok).toBe(true);
    expect(plan.preview).toEqual([{ instanceId, businessKey: 'o-77', moves: [{ from: 'review', to: 'reviewOrder', count: 1 }], blocked: [] }]);

    const [moved] = await applyMigration(rt, { sourceVersionId, targetVersionId: target.id, instanceIds: [instanceId], mapping: plan.mapping, reason: 'approval step added', actor: operator });
    expect(moved.result.ok).toBe(true);
    expect((await database.db.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).versionId).toBe(target.id);
    const task = await database.db.userTask.findFirstOrThrow({ where: { instanceId } });
    expect(task.elementId).toBe('reviewOrder');

    await executeCommand(rt, { instanceId, command: { type: 'CompleteUserTask', taskKey: task.id } });
    const log = await eventsOf(database.db, instanceId);
    expect(log.map((e) => e.event.type)).toContain('InstanceMigrated');
    expect(log.some((e) => e.event.type === 'UserTaskCreated' && e.event.elementId === 'approve')).toBe(true);
  });

  it('given a mapping that leaves an active element out, when applied, then nothing moves and the error names it', async () => {
    const { modelKey, versionId } = await publishXml(database.db, v1);
    const { instanceId } = await startInstance(rt, { processKey: modelKey });
    await expect(applyMigration(rt, { sourceVersionId: versionId, targetVersionId: versionId, instanceIds: [instanceId], mapping: {}, reason: 'x', actor: operator })).rejects.toThrow(/review is active/);
  });
});
