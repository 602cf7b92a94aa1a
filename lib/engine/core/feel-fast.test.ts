import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFeel } from '@/lib/bpmn/expressions';
import type { JsonValue } from '@/lib/bpmn/model';
import { BAIL, compileFastFeel } from './feel-fast';

const names = ['a', 'b', 'score', 'amount', 'x_1'];
const value: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.integer({ min: -100, max: 100 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', 'a', 'b', 'high', 'low', '10'),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ b: 1, c: 'x' }),
  fc.constant([1, 2]),
) as fc.Arbitrary<JsonValue>;

const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(...names),
    fc.integer({ min: 0, max: 1000 }).map(String),
    fc.constantFrom('0.5', '.25', '10.75'),
    fc.constantFrom('"high"', '"a"', '""', 'true', 'false', 'null'),
    fc.constantFrom('a.b', 'a.c', 'b.b'),
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/'), tie('node')).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(tie('leaf'), fc.constantFrom('=', '!=', '<', '<=', '>', '>='), tie('leaf')).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    tie('node').map((inner) => `not(${inner})`),
    tie('node').map((inner) => `(${inner})`),
    tie('leaf').map((inner) => `-${inner}`),
  ),
})).node as fc.Arbitrary<string>;

describe('fast FEEL', () => {
  it('given generated expressions and variables, when evaluated on the fast path, then the value equals feelin', () => {
    let compared = 0;
    fc.assert(
      fc.property(expression, fc.dictionary(fc.constantFrom(...names), value), (feel, context) => {
        const fast = compileFastFeel(feel);
        if (fast === null) return;
        const result = fast(context);
        if (result === BAIL) return;
        compared++;
        const reference = evaluateFeel(feel, context);
        expect(reference.ok, `${feel} with ${JSON.stringify(context)}`).toBe(true);
        if (reference.ok) expect(result, `${feel} with ${JSON.stringify(context)}`).toEqual(reference.value);
      }),
      { numRuns: 10000 },
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it.each([
    ['amount / 10', { amount: 730 }, 73],
    ['score > 50', { score: 73 }, true],
    ['"high"', {}, 'high'],
    ['a.b = 1 and not(c)', { a: { b: 1 }, c: false }, true],
    ['x > 5', { x: null }, null],
    ['1 / 0', {}, null],
    ['-0', {}, -0],
    ['-a', { a: 0 }, 0],
  ])('given %s, when evaluated, then the fast path answers %j', (feel, context, expected) => {
    const fast = compileFastFeel(feel);
    expect(fast).not.toBeNull();
    expect(fast!(context as Record<string, JsonValue>)).toEqual(expected);
  });

  it.each(['count(a)', 'if a then 1 else 2', 'a between 1 and 2', '"\\n"', 'x ** 2', '1 < 2 < 3', 'order id', 'a[1]'])(
    'given %s (outside the subset), when compiled, then the fast path declines',
    (feel) => {
      expect(compileFastFeel(feel)).toBeNull();
    },
  );

  it('given a name that is missing or a variable name with a space, when evaluated, then it bails to feelin', () => {
    expect(compileFastFeel('count')!({})).toBe(BAIL);
    expect(compileFastFeel('a')!({ a: 1, 'order id': 2 })).toBe(BAIL);
  });
});
