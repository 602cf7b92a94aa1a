import { describe, expect, it } from 'vitest';
import { breachesSla, branchShares, failureRate, slaTargetMs } from './figures';
import { bucketOf, bucketUpperMs, percentile, percentileFromBuckets } from './histogram';
import { EMPTY_STATE, type ElementInstance, type Event, type InstanceState } from '@/lib/engine/core';
import { activationsNeeded, agentUsageOf, computeDeltas, knownFactsFromState } from './read-model/deltas';

describe('P95', () => {
  it('given the durations 1..20 s, when P95 is taken, then it is the 19th (nearest rank: ceil(0.95·20) = 19)', () => {
    const samples = Array.from({ length: 20 }, (_, i) => (i + 1) * 1000);
    expect(percentile(samples, 0.95)).toBe(19_000);
    expect(percentile(samples, 0.5)).toBe(10_000);
    expect(percentile([], 0.95)).toBeNull();
  });

  it('given the same durations in buckets, when P95 is estimated, then it is the upper bound of the bucket of 19 s: 2^(57/4) = 16,384 · 2^0.25 ≈ 19,484 ms', () => {
    const counts = new Map<number, number>();
    for (let s = 1; s <= 20; s++) counts.set(bucketOf(s * 1000), (counts.get(bucketOf(s * 1000)) ?? 0) + 1);
    // ceil(4·log2(19000)) = ceil(56.85) = 57, and 20 s is in bucket 58: 19 s is the 19th of 20
    expect(bucketOf(19_000)).toBe(57);
    expect(bucketOf(20_000)).toBe(58);
    expect(percentileFromBuckets(counts, 0.95)).toBeCloseTo(19_483.97, 1);
  });

  it('given any durations, when bucketed, then the bucket upper bound is ≥ the duration and < 1.19 × it', () => {
    for (const ms of [2, 3, 17, 999, 1000, 65_432, 86_400_000]) {
      const upper = bucketUpperMs(bucketOf(ms));
      expect(upper).toBeGreaterThanOrEqual(ms);
      expect(upper).toBeLessThan(ms * 1.19);
    }
  });
});

describe('failure rates, SLA, branches', () => {
  it('given 3 incidents in 12 activations, then the failure rate is 0.25; nothing ran is 0', () => {
    expect(failureRate(3, 12)).toBe(0.25);
    expect(failureRate(0, 0)).toBe(0);
  });

  it('given ISO targets, then they are ms and a breach is strictly longer than the target', () => {
    expect(slaTargetMs('PT4H')).toBe(14_400_000);
    expect(slaTargetMs('P1DT30M')).toBe(88_200_000);
    expect(slaTargetMs('soon')).toBeNull();
    expect(breachesSla(14_400_001, 14_400_000)).toBe(true);
    expect(breachesSla(14_400_000, 14_400_000)).toBe(false);
    expect(breachesSla(1e12, null)).toBe(false);
  });

  it('given flows taken 30 and 10 times, then their shares are 0.75 and 0.25', () => {
    expect(branchShares(new Map([['a', 30], ['b', 10]]), ['a', 'b', 'c'])).toEqual(new Map([['a', 0.75], ['b', 0.25], ['c', 0]]));
  });
});

describe('deltas of a log', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 10, minute)).toISOString();
  const base = { v: 1 as const };
  it('given an element activated in an earlier batch, when it completes late, then its duration comes from the known activation and the breach is recorded', () => {
    const deltas = computeDeltas(
      { instanceId: 'i1', versionId: 'v1', processKey: 'p', events: [{ ...base, type: 'ElementCompleted', at: at(45), elementInstanceKey: 'e1', elementId: 'approve', scopeKey: 'i1' }] },
      { activations: new Map([['e1', { elementId: 'approve', at: at(0) }]]) },
      { processMs: null, elementsMs: new Map([['approve', 30 * 60_000]]) },
    );
    expect([...deltas.elementDays.values()]).toEqual([
      { versionId: 'v1', elementId: 'approve', day: '2026-01-05', activated: 0, completed: 1, terminated: 0, incidents: 0, slaBreaches: 1, durationSumMs: 45 * 60_000 },
    ]);
    expect(deltas.breaches).toEqual([{ instanceId: 'i1', processKey: 'p', versionId: 'v1', elementId: 'approve', at: at(45), durationMs: 2_700_000, targetMs: 1_800_000 }]);
  });

  it('given the state before a batch, when the batch completes elements activated earlier, then their activation times come from the state (multi-instance bodies left out)', () => {
    const element = (key: string, elementId: string, elementType: string, activatedAt?: string): [string, ElementInstance] => [
      key,
      { key, elementId, elementType, scopeKey: key === 'i1' ? null : 'i1', children: 0, flows: 0, ...(activatedAt === undefined ? {} : { activatedAt }) },
    ];
    const before: InstanceState = {
      ...EMPTY_STATE,
      instanceKey: 'i1',
      status: 'active',
      elements: new Map([element('i1', 'p', 'process', at(0)), element('e1', 'approve', 'userTask', at(5)), element('b1', 'review', 'multiInstanceBody', at(6))]),
    };
    const events: Event[] = [
      { ...base, type: 'ElementCompleted' as const, at: at(45), elementInstanceKey: 'e1', elementId: 'approve', scopeKey: 'i1' },
      { ...base, type: 'ElementCompleted' as const, at: at(46), elementInstanceKey: 'b1', elementId: 'review', scopeKey: 'i1' },
      { ...base, type: 'InstanceCompleted' as const, at: at(47), instanceKey: 'i1' },
    ];
    const needed = activationsNeeded(events);
    expect(needed).toEqual({ keys: new Set(['e1', 'b1']), elementIds: new Set(['approve', 'review']), needsStart: true });
    expect(knownFactsFromState(before, needed)).toEqual({ activations: new Map([['e1', { elementId: 'approve', at: at(5) }]]), startedAt: at(0) });

    // a snapshot written before activation times were kept: the caller must read the log
    const old = { ...before, elements: new Map([element('i1', 'p', 'process', at(0)), element('e1', 'approve', 'userTask'), element('b1', 'review', 'multiInstanceBody')]) };
    expect(knownFactsFromState(old, needed)).toBeNull();
  });

  it('given decision-record entries, then model calls count tokens and cost, tool calls their tool, unknown entries nothing', () => {
    expect(agentUsageOf({ kind: 'model', model: 'gpt-4o', usage: { inputTokens: 120, outputTokens: 30 }, costUsd: 0.0021 })).toEqual({ kind: 'model', name: 'gpt-4o', inputTokens: 120, outputTokens: 30, costUsd: 0.0021 });
    expect(agentUsageOf({ kind: 'model-call', model: 'claude', tokensIn: 900, tokensOut: 100, cost: 0.012 })).toEqual({ kind: 'model', name: 'claude', inputTokens: 900, outputTokens: 100, costUsd: 0.012 });
    expect(agentUsageOf({ kind: 'tool-call', tool: 'lookupCustomer' })).toEqual({ kind: 'tool', name: 'lookupCustomer', inputTokens: 0, outputTokens: 0, costUsd: 0 });
    expect(agentUsageOf({ kind: 'note' })).toBeNull();
  });
});
