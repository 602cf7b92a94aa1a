/**
 * Operator commands in the core: suspend and resume (a suspended instance accepts only resume,
 * cancel, variables and migration), and migration (open elements take the target's ids).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { Harness } from './harness';
import { replay } from './replay';
import { definitionOf } from './test-kit';

const fixture = async (name: string) => definitionOf(await importBpmn(readFileSync(new URL(`./fixtures/${name}.bpmn`, import.meta.url), 'utf8')));

describe('suspend and resume', () => {
  it('given a suspended instance, when a task, job or timer would move it, then each is rejected with INSTANCE_SUSPENDED until it is resumed', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const [suspended] = h.must({ type: 'SuspendInstance', reason: 'checking the order' });
    expect(suspended).toMatchObject({ type: 'InstanceSuspended', reason: 'checking the order' });
    expect(h.state.suspended).toBe(true);

    const review = h.task('review');
    const work = h.job('work');
    const timer = h.timers()[0];
    for (const command of [
      { type: 'CompleteUserTask', taskKey: review.taskKey } as const,
      { type: 'CompleteJob', jobKey: work.jobKey } as const,
      { type: 'FireTimer', timerKey: timer.timerKey } as const,
      { type: 'SuspendInstance' } as const,
    ]) {
      expect(h.send(command)).toMatchObject({ ok: false, code: 'INSTANCE_SUSPENDED' });
    }
    h.must({ type: 'SetVariables', variables: { fixed: true } });

    h.must({ type: 'ResumeInstance' });
    expect(h.state.suspended).toBeUndefined();
    expect(h.send({ type: 'ResumeInstance' })).toMatchObject({ ok: false, code: 'INSTANCE_NOT_SUSPENDED' });
    h.must({ type: 'CompleteUserTask', taskKey: review.taskKey });
    expect(replay(h.events)).toEqual(h.state);
  });
});

describe('migration', () => {
  it('given open elements the mapping leaves out, when migrating, then MIGRATION_UNMAPPED names them and nothing changes', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const result = h.send({ type: 'MigrateInstance', sourceVersionId: 'v1', targetVersionId: 'v2', processId: 'waits', mapping: { review: 'review' } });
    expect(result).toMatchObject({ ok: false, code: 'MIGRATION_UNMAPPED' });
    if (!result.ok) expect(result.message).toMatch(/work/);
  });

  it('given a full mapping, when migrating, then tokens, tasks and jobs name the target elements and replay gives the same state', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const open = ['work', 'review', 'paid', 'stop', 'inner', 'ship'];
    const mapping = Object.fromEntries(open.map((id) => [id, id === 'review' ? 'approve' : id]));
    const [event] = h.must({ type: 'MigrateInstance', sourceVersionId: 'v1', targetVersionId: 'v2', processId: 'waits', mapping, reason: 'new approval step' });
    expect(event).toMatchObject({ type: 'InstanceMigrated', sourceVersionId: 'v1', targetVersionId: 'v2', mapping: { review: 'approve' } });
    expect(h.tasks().map((t) => t.elementId)).toEqual(['approve']);
    expect([...h.state.elements.values()].some((e) => e.elementId === 'review')).toBe(false);
    expect(h.job('work').elementId).toBe('work');
    expect(replay(h.events)).toEqual(h.state);
  });
});
