/**
 * Time travel (`stateAt`) and the determinism check (`checkDeterminism`) over recorded runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBpmn } from '@/lib/bpmn/xml/import-bpmn';
import type { Definition, Node } from './definition';
import { evolve } from './evolve';
import { Harness } from './harness';
import { checkDeterminism, replay, stateAt } from './replay';
import { EMPTY_STATE } from './state';
import { definitionOf } from './test-kit';

const fixture = async (name: string) => definitionOf(await importBpmn(readFileSync(new URL(`./fixtures/${name}.bpmn`, import.meta.url), 'utf8')));

/** The definition with one node replaced (what a changed engine or model looks like to a recording). */
function withNode(definition: Definition, id: string, change: (node: Node) => Node): Definition {
  return { ...definition, nodes: { ...definition.nodes, [id]: change(definition.nodes[id]) } };
}

const jobInstanceKey = (h: Harness) => {
  const created = h.events.find((e) => e.type === 'JobCreated');
  return created?.type === 'JobCreated' ? created.elementInstanceKey : '';
};

/** quote (a job with input and output mappings) → blowUp (a script) → end. */
async function recordedRun() {
  const h = new Harness(await fixture('instance/mappings'));
  h.must({ type: 'CreateInstance', variables: { customer: { name: 'ACME' }, size: 1 } });
  h.must({ type: 'CompleteJob', jobKey: h.job('quote').jobKey, variables: { price: 100 } });
  return h;
}

describe('stateAt: the state after the first n events', () => {
  it('given a recorded run, when asked for the state at every n, then it equals folding evolve over the first n events; 0 (or less) is the empty state, past the end the final state', async () => {
    const h = await recordedRun();
    let folded = EMPTY_STATE;
    expect(stateAt(h.events, 0)).toEqual(EMPTY_STATE);
    for (let n = 1; n <= h.events.length; n++) {
      folded = evolve(folded, h.events[n - 1]);
      expect(stateAt(h.events, n), `state after event ${n} (${h.events[n - 1].type})`).toEqual(folded);
    }
    expect(stateAt(h.events, -3)).toEqual(EMPTY_STATE);
    expect(stateAt(h.events, h.events.length + 5)).toEqual(h.state);
    expect(replay(h.events)).toEqual(h.state);
  });

  it('given the state at the moment a job waited, when read back, then it shows the open job and the task active, though the instance has since completed', async () => {
    const h = await recordedRun();
    const created = h.events.findIndex((e) => e.type === 'JobCreated');
    const then = stateAt(h.events, created + 1);
    expect(then.status).toBe('active');
    expect([...then.jobs.values()]).toMatchObject([{ elementId: 'quote', status: 'activatable' }]);
    expect([...then.elements.values()].map((e) => e.elementId)).toEqual(['mappings', 'quote']);
    expect(h.state.status).toBe('completed');
  });
});

describe('checkDeterminism: re-deciding the recorded commands', () => {
  it('given an unchanged definition, when the recording is checked, then there is no divergence', async () => {
    const h = await recordedRun();
    expect(checkDeterminism(h.definition, h.recording)).toBeNull();
  });

  it('given a definition whose output mapping was removed, when checked, then the first divergence is reported at the second command, at the first event that differs, with its index in the whole log and both events', async () => {
    const h = await recordedRun();
    const changed = withNode(h.definition, 'quote', (node) => ({ ...node, outputs: [] }));
    const divergence = checkDeterminism(changed, h.recording);
    const firstCommandEvents = h.recording[0].events.length;
    // CompleteJob: JobCompleted is the same; the job result then lands differently.
    expect(divergence).toMatchObject({
      commandIndex: 1,
      eventIndex: 1,
      logIndex: firstCommandEvents + 1,
      expected: { type: 'VariablesSet', scopeKey: jobInstanceKey(h), variables: { price: 100 } },
      actual: { type: 'VariablesSet', scopeKey: h.state.instanceKey, variables: { price: 100 } },
    });
    expect(h.events[divergence!.logIndex]).toEqual(divergence!.expected);
    expect(divergence!.reason).toBe('command 1 (CompleteJob): event 1 (VariablesSet) differs from the log in elementInstanceKey, scopeKey');
  });

  it('given a definition where the run now ends earlier, when checked, then the divergence says the command now produces fewer events than the log', async () => {
    const h = await recordedRun();
    const changed = withNode(h.definition, 'quote', (node) => ({ ...node, outgoing: [] }));
    const divergence = checkDeterminism(changed, h.recording);
    expect(divergence).toMatchObject({ commandIndex: 1 });
    expect(divergence!.reason).toMatch(/command 1 \(CompleteJob\)/);
    expect(h.events[divergence!.logIndex]).toEqual(divergence!.expected);
  });

  it('given a recording whose command was rejected, when it would now apply, then the divergence names it; a command rejected then and now is no divergence', async () => {
    const h = await recordedRun();
    const rejected = new Harness(h.definition);
    rejected.must({ type: 'CreateInstance', variables: { customer: { name: 'ACME' }, size: 1 } });
    expect(rejected.send({ type: 'CompleteJob', jobKey: 'stale' }).ok).toBe(false);
    expect(checkDeterminism(h.definition, rejected.recording)).toBeNull();
    const jobKey = rejected.job('quote').jobKey;
    const tampered = rejected.recording.map((r, i) => (i === 1 ? { ...r, command: { type: 'CompleteJob' as const, jobKey } } : r));
    const divergence = checkDeterminism(h.definition, tampered);
    expect(divergence).toMatchObject({ commandIndex: 1, eventIndex: 0, expected: undefined, actual: { type: 'JobCompleted', jobKey } });
    expect(divergence!.reason).toMatch(/now produces more events than the log/);
  });
});
