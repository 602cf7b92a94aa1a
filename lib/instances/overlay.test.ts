/**
 * The overlay the instance diagram draws, from the events and the state after them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import { Harness, stateAt } from '@/lib/engine/core';
import { definitionOf } from '@/lib/engine/core/test-kit';
import { computeOverlay, overlayClasses } from './overlay';

const fixture = async (name: string) =>
  definitionOf(await importBpmn(readFileSync(new URL(`../engine/core/fixtures/${name}.bpmn`, import.meta.url), 'utf8')));

describe('computeOverlay', () => {
  it('given a waiting instance, then active elements carry token counts, waiting tasks are marked and taken flows counted', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const overlay = computeOverlay(h.events, h.state);
    expect(overlay.status).toBe('active');
    expect(overlay.elements.review).toMatchObject({ active: 1, waitingTasks: 1, incidents: [] });
    expect(overlay.elements.work).toMatchObject({ active: 1, waitingTasks: 0 });
    expect(overlay.elements.start).toMatchObject({ active: 0, completed: 1 });
    expect(overlay.flows).toMatchObject({ f0: 1, f1: 1, f2: 1 });
    expect(overlay.flows.f6).toBeUndefined();
    const classes = overlayClasses(overlay);
    expect(classes.get('review')).toBe('overlay-active');
    expect(classes.get('start')).toBe('overlay-completed');
    expect(classes.get('f0')).toBe('overlay-flow-taken');
  });

  it('given a job that failed with no retries, then its element shows the incident message in red', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    h.must({ type: 'FailJob', jobKey: h.job('work').jobKey, retries: 0, errorMessage: 'connection refused' });
    const overlay = computeOverlay(h.events, h.state);
    expect(overlay.elements.work.incidents).toEqual([expect.stringMatching(/connection refused/)]);
    expect(overlayClasses(overlay).get('work')).toBe('overlay-incident');
  });

  it('given an earlier position, when computed from stateAt, then it shows the instance as it was', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    const before = h.events.length;
    h.must({ type: 'CompleteUserTask', taskKey: h.task('review').taskKey });
    expect(computeOverlay(h.events, h.state).elements.review).toMatchObject({ active: 0, completed: 1, waitingTasks: 0 });
    const earlier = computeOverlay(h.events.slice(0, before), stateAt(h.events, before));
    expect(earlier.elements.review).toMatchObject({ active: 1, completed: 0, waitingTasks: 1 });
  });

  it('given a suspended instance, then the overlay status says suspended', async () => {
    const h = new Harness(await fixture('instance/waits'));
    h.must({ type: 'CreateInstance', variables: { orderId: 'o-1' } });
    h.must({ type: 'SuspendInstance' });
    expect(computeOverlay(h.events, h.state).status).toBe('suspended');
  });

  it('given a multi-instance activity running, then its element shows total, completed and active inner instances', async () => {
    const h = new Harness(await fixture('activities/multi-instance'));
    h.must({ type: 'CreateInstance', variables: { items: [1, 2, 3] } });
    h.must({ type: 'CompleteJob', jobKey: h.jobs()[0].jobKey, variables: { score: 1 } });
    const overlay = computeOverlay(h.events, h.state);
    expect(overlay.elements.each.multiInstance).toEqual({ total: 3, completed: 1, active: 2 });
    expect(overlay.elements.each.active).toBe(2);
  });
});
