import { describe, expect, it } from 'vitest';
import { expressionToFeel, toFeel } from './index';

describe('toFeel', () => {
  it('given a Camunda 8 FEEL expression, when classified, then the leading "=" is stripped', () => {
    expect(toFeel('=a > 1')).toEqual({ ok: true, feel: 'a > 1', dialect: 'feel' });
    expect(toFeel('  = a > 1 ')).toEqual({ ok: true, feel: 'a > 1', dialect: 'feel' });
  });

  it('given a condition body without "=" or "${", when classified, then it is FEEL as written', () => {
    expect(toFeel('amount > 100')).toEqual({ ok: true, feel: 'amount > 100', dialect: 'feel' });
  });

  it('given a simple JUEL expression, when classified, then it is translated to FEEL', () => {
    expect(toFeel('${amount > 100 && approved}')).toEqual({ ok: true, feel: 'amount > 100 and approved', dialect: 'juel' });
  });

  it('given a JUEL method call, when classified, then it fails naming the expression', () => {
    expect(toFeel('${execution.getVariable("x")}')).toEqual({
      ok: false,
      reason: 'JUEL expression "${execution.getVariable("x")}" is not supported: method calls cannot be translated to FEEL',
    });
  });

  it('given bare text read as a literal, when classified, then it becomes a FEEL string', () => {
    expect(toFeel('demo "user"', { bare: 'literal' })).toEqual({ ok: true, feel: '"demo \\"user\\""', dialect: 'literal' });
    expect(toFeel('=assignee', { bare: 'literal' })).toEqual({ ok: true, feel: 'assignee', dialect: 'feel' });
  });
});

describe('expressionToFeel', () => {
  it('given a FEEL language, when classified, then the body is FEEL with or without "="', () => {
    expect(expressionToFeel({ body: 'a > 1', language: 'FEEL' })).toEqual({ ok: true, feel: 'a > 1', dialect: 'feel' });
    expect(expressionToFeel({ body: '=a > 1', language: 'https://www.omg.org/spec/DMN/20191111/FEEL/' })).toMatchObject({ feel: 'a > 1' });
  });

  it('given a JavaScript condition, when classified, then the language is not supported', () => {
    expect(expressionToFeel({ body: 'a > 1', language: 'javascript' })).toEqual({
      ok: false,
      reason: 'expression language "javascript" is not supported: Baton evaluates FEEL (and translates simple JUEL)',
    });
  });

  it('given JUEL as the language, when classified, then the body is translated', () => {
    expect(expressionToFeel({ body: '${a == 1}', language: 'juel' })).toEqual({ ok: true, feel: 'a = 1', dialect: 'juel' });
  });
});
