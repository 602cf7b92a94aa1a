import { describe, expect, it } from 'vitest';
import { Harness, compile } from '@/lib/engine/core';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { compactRowOps, planOutbox, type RowOp } from './plan-outbox';
import { processXml } from './test-support';

const CONTEXT = { instanceId: 'i1', versionId: 'v1', modelKey: 'orders', firstSeq: 1 };

async function harnessOf(xml: string): Promise<Harness> {
  const imported = await importBpmn(xml);
  if (!imported.ok) throw new Error(imported.findings.map((f) => f.message).join('; '));
  const compiled = compile(imported.model);
  if (!compiled.ok) throw new Error(compiled.findings.map((f) => f.message).join('; '));
  return new Harness(compiled.definition, { idPrefix: 'k' });
}

const WAITS = processXml(
  'waits',
  `<bpmn:startEvent id="start"/>
   <bpmn:parallelGateway id="split"/>
   <bpmn:serviceTask id="job"><bpmn:extensionElements><zeebe:taskDefinition type="work" retries="2"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:userTask id="approve" name="Approve"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="finance"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:receiveTask id="receive" messageRef="m"/>
   <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split"/>
   <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="job"/>
   <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="approve"/>
   <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="wait"/>
   <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="receive"/>
  </bpmn:process>
  <bpmn:message id="m" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="unused" isExecutable="false">`,
);

function tablesOf(ops: RowOp[]): string[] {
  return ops.map((op) => `${op.op} ${op.table}`);
}

describe('planOutbox', () => {
  it('given a start that reaches a job, a user task, a timer and a receive task, when planned, then each wait gets its row', async () => {
    const h = await harnessOf(WAITS);
    const events = h.must({ type: 'CreateInstance', instanceKey: 'i1', variables: { orderId: 'o-7' } });

    const ops = planOutbox(events, h.state, CONTEXT);

    expect(tablesOf(ops).sort()).toEqual(['create job', 'create notification', 'create subscription', 'create timer', 'create userTask', 'create userTaskCandidate'].sort());
    const job = ops.find((op) => op.op === 'create' && op.table === 'job');
    expect(job).toMatchObject({ row: { instanceId: 'i1', type: 'work', retriesLeft: 2, attempt: 1, status: 'activatable' } });
    const subscription = ops.find((op) => op.op === 'create' && op.table === 'subscription');
    expect(subscription).toMatchObject({ row: { kind: 'message', messageName: 'paid', correlationKey: 'o-7' } });
    const task = ops.find((op) => op.op === 'create' && op.table === 'userTask');
    expect(task).toMatchObject({ row: { name: 'Approve', processKey: 'orders', versionId: 'v1' } });
  });

  it('given a failed job attempt, when planned, then the row gets the next attempt, its idempotency key and the retry time', async () => {
    const h = await harnessOf(WAITS);
    h.must({ type: 'CreateInstance', instanceKey: 'i1', variables: { orderId: 'o-7' } });
    const job = h.job('job');

    const events = h.must({ type: 'FailJob', jobKey: job.jobKey, retries: 1, errorMessage: 'down', retryBackoffMs: 2000 });
    const ops = planOutbox(events, h.state, CONTEXT);

    expect(ops).toEqual([
      {
        op: 'update',
        table: 'job',
        id: job.jobKey,
        patch: {
          status: 'activatable',
          retriesLeft: 1,
          attempt: 2,
          dueAt: new Date(h.now + 2000),
          idempotencyKey: `i1/${job.elementInstanceKey}/${job.jobKey}/2`,
          variables: JSON.stringify({ orderId: 'o-7' }),
          lastError: 'down',
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      },
    ]);
  });

  it('given the last retry failing, when planned, then the job row is failed and an incident row opens with the error', async () => {
    const h = await harnessOf(WAITS);
    h.must({ type: 'CreateInstance', instanceKey: 'i1', variables: { orderId: 'o-7' } });
    const job = h.job('job');

    const ops = planOutbox(h.must({ type: 'FailJob', jobKey: job.jobKey, retries: 0, errorMessage: 'still down' }), h.state, CONTEXT);

    expect(ops).toContainEqual(expect.objectContaining({ op: 'update', table: 'job', patch: expect.objectContaining({ status: 'failed', retriesLeft: 0 }) }));
    expect(ops).toContainEqual(expect.objectContaining({ op: 'create', table: 'incident', row: expect.objectContaining({ jobId: job.jobKey, kind: 'jobNoRetries', message: expect.stringContaining('still down') }) }));
  });

  it('given a cancel, when planned, then every open row is closed: job, timer and subscription deleted, task cancelled', async () => {
    const h = await harnessOf(WAITS);
    h.must({ type: 'CreateInstance', instanceKey: 'i1', variables: { orderId: 'o-7' } });

    const ops = planOutbox(h.must({ type: 'CancelInstance' }), h.state, CONTEXT);

    expect(tablesOf(ops).sort()).toEqual(['delete job', 'delete subscription', 'delete timer', 'update userTask'].sort());
  });
});

describe('compactRowOps', () => {
  const job = (id: string) => ({
    id,
    instanceId: 'i1',
    elementId: 'e',
    elementInstanceId: 'ei',
    type: 't',
    status: 'activatable' as const,
    retriesLeft: 3,
    attempt: 1,
    dueAt: new Date(0),
    idempotencyKey: id,
    variables: '{}',
    settings: '{}',
  });

  it('given a row created and deleted in one batch, when compacted, then nothing is written for it', () => {
    const compact = compactRowOps([
      { op: 'create', table: 'job', id: 'a', row: job('a') },
      { op: 'delete', table: 'job', id: 'a' },
    ]);
    expect(compact.job).toEqual({ create: [], update: [], delete: [] });
  });

  it('given updates of a row created in the batch, when compacted, then they are folded into its create', () => {
    const compact = compactRowOps([
      { op: 'create', table: 'job', id: 'a', row: job('a') },
      { op: 'update', table: 'job', id: 'a', patch: { attempt: 2, retriesLeft: 2 } },
    ]);
    expect(compact.job.create).toEqual([{ ...job('a'), attempt: 2, retriesLeft: 2 }]);
    expect(compact.job.update).toEqual([]);
  });

  it('given two updates and then a delete of an existing row, when compacted, then only the delete remains', () => {
    const compact = compactRowOps([
      { op: 'update', table: 'job', id: 'b', patch: { attempt: 2 } },
      { op: 'update', table: 'job', id: 'b', patch: { retriesLeft: 1 } },
      { op: 'delete', table: 'job', id: 'b' },
      { op: 'update', table: 'job', id: 'c', patch: { attempt: 2 } },
      { op: 'update', table: 'job', id: 'c', patch: { retriesLeft: 1 } },
    ]);
    expect(compact.job).toEqual({ create: [], update: [{ id: 'c', patch: { attempt: 2, retriesLeft: 1 } }], delete: ['b'] });
  });
});
