import { describe, expect, it } from 'vitest';
import { evaluate } from 'feelin';
import { translateJuel } from './juel';

function feelOf(juel: string): string {
  const result = translateJuel(juel);
  if (!result.ok) throw new Error(result.reason);
  return result.feel;
}

describe('translateJuel', () => {
  it.each([
    ['${amount > 1000}', 'amount > 1000'],
    ['${amount >= 1000}', 'amount >= 1000'],
    ['${amount < 10.5}', 'amount < 10.5'],
    ['${amount <= -3}', 'amount <= -3'],
    ['${approved == true}', 'approved = true'],
    ['${status != "open"}', 'status != "open"'],
    ["${status == 'open'}", 'status = "open"'],
    ['${a eq 1}', 'a = 1'],
    ['${a ne 1}', 'a != 1'],
    ['${a lt 1}', 'a < 1'],
    ['${a gt 1}', 'a > 1'],
    ['${a le 1}', 'a <= 1'],
    ['${a ge 1}', 'a >= 1'],
    ['#{order.customer.tier == "gold"}', 'order.customer.tier = "gold"'],
    ['${approved}', 'approved'],
    ['${!approved}', 'not(approved)'],
    ['${not approved}', 'not(approved)'],
    ['${a && b}', 'a and b'],
    ['${a and b or c}', 'a and b or c'],
    ['${a || b && c}', 'a or b and c'],
    ['${(a || b) && c}', '(a or b) and c'],
    ['${a > 1 && (b < 2 || c == null)}', 'a > 1 and (b < 2 or c = null)'],
    ['${x == false}', 'x = false'],
    ["${name == 'it\\'s'}", 'name = "it\'s"'],
    ['${  spaced  }', 'spaced'],
    ['${nrOfCompletedInstances/nrOfInstances >= 0.5}', 'nrOfCompletedInstances / nrOfInstances >= 0.5'],
    ['${a + b * c > 10}', 'a + b * c > 10'],
    ['${(a + b) * c}', '(a + b) * c'],
    ['${a - (b - c)}', 'a - (b - c)'],
    ['${a div 2}', 'a / 2'],
    ['${-a < -(b + 1)}', '-a < -(b + 1)'],
    ['${(a > 1) == true}', '(a > 1) = true'],
  ])('given the JUEL %s, when translated, then the FEEL is %s', (juel, feel) => {
    expect(feelOf(juel)).toBe(feel);
  });

  it('given ${empty list}, when translated and evaluated, then it is true for null, "", [] and {} and false otherwise', () => {
    const feel = feelOf('${empty items}');
    const truth = (items: unknown) => evaluate(feel, { items }).value;
    expect([truth(null), truth(''), truth([]), truth({})]).toEqual([true, true, true, true]);
    expect([truth('x'), truth([1]), truth({ a: 1 }), truth(5)]).toEqual([false, false, false, false]);
    expect(evaluate(feelOf('${not empty items}'), { items: [1] }).value).toBe(true);
  });

  it('given translated arithmetic, when evaluated by feelin, then it keeps JUEL precedence', () => {
    expect(evaluate(feelOf('${a - b - c}'), { a: 10, b: 3, c: 2 }).value).toBe(5);
    expect(evaluate(feelOf('${a - (b - c)}'), { a: 10, b: 3, c: 2 }).value).toBe(9);
    expect(evaluate(feelOf('${a / b * c}'), { a: 8, b: 4, c: 3 }).value).toBe(6);
    expect(evaluate(feelOf('${nrOfCompletedInstances / nrOfInstances >= 0.5}'), { nrOfCompletedInstances: 2, nrOfInstances: 3 }).value).toBe(true);
  });

  it('given a translated condition, when evaluated by feelin, then it gives the JUEL result', () => {
    const feel = feelOf('${amount gt 100 && customer.vip == true || override}');
    expect(evaluate(feel, { amount: 150, customer: { vip: true }, override: false }).value).toBe(true);
    expect(evaluate(feel, { amount: 50, customer: { vip: true }, override: false }).value).toBe(false);
    expect(evaluate(feel, { amount: 50, customer: { vip: false }, override: true }).value).toBe(true);
  });

  it.each([
    ['${execution.getVariable("a") > 1}', 'method calls cannot be translated to FEEL'],
    ['${myBean.method()}', 'method calls cannot be translated to FEEL'],
    ['${a ? 1 : 2}', 'ternary'],
    ['${a % 2 == 0}', 'modulo cannot be translated'],
    ['${a mod 2 == 0}', 'modulo cannot be translated'],
    ['${a instanceof b}', 'instanceof'],
    ['${items[0] == 1}', 'indexing'],
    ['${execution.processBusinessKey == "x"}', 'engine object'],
    ['Total: ${amount}', 'text mixed with expressions'],
    ['${a} and ${b}', 'text mixed with expressions'],
    ['${a >}', 'ends too early'],
    ['${(a > 1}', 'missing ")"'],
    ['${"open}', 'not closed'],
    ['${a # b}', 'unexpected character "#"'],
    ['${a b}', 'unexpected text'],
  ])('given the JUEL %s, when translated, then it fails naming the expression and saying %s', (juel, why) => {
    const result = translateJuel(juel);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain(`JUEL expression "${juel}" is not supported`);
    expect(result.reason).toContain(why);
  });
});
