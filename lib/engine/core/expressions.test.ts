import { describe, expect, it } from 'vitest';
import { compileExpression } from './expressions';

describe('compiled expressions', () => {
  it.each([
    ['=a + 1', { a: 1 }, 2],
    ['${a == 1}', { a: 1 }, true],
    ['=count(items)', { items: [1, 2, 3] }, 3],
    ['=if a > 1 then "big" else "small"', { a: 5 }, 'big'],
  ])('given %s, when evaluated, then it gives %j (FEEL, JUEL translated, feelin for what the fast path does not do)', (text, variables, expected) => {
    const compiled = compileExpression(text, { bare: 'feel' });
    if (!compiled.ok) throw new Error(compiled.reason);
    expect(compiled.expression.evaluate(variables)).toEqual({ ok: true, value: expected });
  });

  it('given bare text read as a literal, when evaluated, then it is that text', () => {
    const compiled = compileExpression('gold class', { bare: 'literal' });
    expect(compiled.ok && compiled.expression.evaluate({})).toEqual({ ok: true, value: 'gold class' });
  });

  it('given a syntax error, when compiled, then it is a reason, not an exception', () => {
    expect(compileExpression('=a +', { bare: 'feel' })).toMatchObject({ ok: false });
  });

  it('given an expression in another language, when compiled, then it is refused', () => {
    expect(compileExpression('a > 1', { language: 'javascript' })).toMatchObject({ ok: false, reason: expect.stringMatching(/not supported/) });
  });

  it('given a result that is not JSON, when evaluated, then it fails with a reason', () => {
    const compiled = compileExpression('=[1..3]', { bare: 'feel' });
    expect(compiled.ok && compiled.expression.evaluate({})).toMatchObject({ ok: false });
  });
});
