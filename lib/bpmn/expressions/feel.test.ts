import { describe, expect, it } from 'vitest';
import { checkFeel, checkFeelTemplate, evaluateFeel, feelStringLiteral, renderFeelTemplate } from './feel';

describe('checkFeel', () => {
  it.each(['a > 1', 'order.total >= 100 and not(flag)', '"Hello " + name', 'if a then 1 else 2', '{a: 1, b: [1, 2]}', 'date("2026-01-01")'])(
    'given the valid FEEL %s, when checked, then it is ok',
    (feel) => {
      expect(checkFeel(feel, 'expression')).toEqual({ ok: true });
    },
  );

  it('given an expression that ends too early, when checked, then it reports where', () => {
    expect(checkFeel('a >', 'expression')).toEqual({
      ok: false,
      message: 'FEEL syntax error at position 4: the expression ends too early',
      position: { from: 3, to: 3 },
    });
  });

  it('given JUEL-style operators in FEEL, when checked, then it reports the first one', () => {
    const check = checkFeel('a && b', 'expression');
    expect(check).toMatchObject({ ok: false, position: { from: 2, to: 4 } });
    if (!check.ok) expect(check.message).toContain('unexpected "&&"');
  });

  it('given "==" in FEEL, when checked, then it says FEEL uses "="', () => {
    const check = checkFeel('status == "open"', 'expression');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain('"==" is not FEEL: write "="');
  });

  it('given an empty expression, when checked, then it says it is empty', () => {
    expect(checkFeel('  ', 'expression')).toMatchObject({ ok: false, message: 'the FEEL expression is empty' });
  });

  it('given unary tests, when checked as unary tests, then valid ones pass and broken ones fail', () => {
    expect(checkFeel('> 3, < 1', 'unaryTests')).toEqual({ ok: true });
    expect(checkFeel('>>', 'unaryTests').ok).toBe(false);
  });
});

describe('evaluateFeel', () => {
  it('given a comparison and its variables, when evaluated, then the value is the boolean', () => {
    expect(evaluateFeel('amount > 100', { amount: 150 })).toEqual({ ok: true, value: true, warnings: [] });
  });

  it('given a missing variable, when evaluated, then the value is null with a warning, not a failure', () => {
    const result = evaluateFeel('missing', {});
    expect(result).toMatchObject({ ok: true, value: null });
    if (result.ok) expect(result.warnings[0]).toContain("Variable 'missing' not found");
  });

  it('given temporal results, when evaluated, then they come back as ISO 8601 text', () => {
    expect(evaluateFeel('date("2026-01-31")', {})).toMatchObject({ value: '2026-01-31' });
    expect(evaluateFeel('duration("PT1H")', {})).toMatchObject({ value: 'PT1H' });
  });

  it('given lists and contexts, when evaluated, then they come back as JSON', () => {
    expect(evaluateFeel('{total: sum(items), first: items[1]}', { items: [1, 2, 3] })).toMatchObject({
      ok: true,
      value: { total: 6, first: 1 },
    });
  });

  it('given a syntax error, when evaluated, then it fails with the syntax error and does not throw', () => {
    expect(evaluateFeel('a >', { a: 1 })).toEqual({
      ok: false,
      reason: 'FEEL syntax error at position 4: the expression ends too early',
    });
  });

  it('given a function result, when evaluated, then it fails because a function is not JSON', () => {
    const result = evaluateFeel('function(x) x', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('not JSON');
  });
});

describe('FEEL templates', () => {
  it('given literal text, when rendered, then it is returned as is', () => {
    expect(renderFeelTemplate('https://api.example.com/orders', {})).toEqual({ ok: true, text: 'https://api.example.com/orders' });
  });

  it('given a FEEL template, when rendered, then it is evaluated', () => {
    expect(renderFeelTemplate('="Hello " + name', { name: 'Ada' })).toEqual({ ok: true, text: 'Hello Ada' });
    expect(renderFeelTemplate('=count', { count: 3 })).toEqual({ ok: true, text: '3' });
  });

  it('given a FEEL template over a missing variable, when rendered, then it fails saying it was null', () => {
    const result = renderFeelTemplate('="Hello " + name', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('evaluated to null, not text');
  });

  it('given templates, when checked, then only FEEL templates are parsed', () => {
    expect(checkFeelTemplate('a && b is fine as text')).toEqual({ ok: true });
    expect(checkFeelTemplate('="Hello " +').ok).toBe(false);
  });

  it('given text with quotes and backslashes, when made a FEEL string literal, then it evaluates back to the same text', () => {
    const text = 'say "hi" \\ then\nleave';
    expect(evaluateFeel(feelStringLiteral(text), {})).toMatchObject({ ok: true, value: text });
  });
});
