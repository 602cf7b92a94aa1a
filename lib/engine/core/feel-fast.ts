/**
 * A fast path for the small FEEL expressions that make up most process models
 * (`amount / 10`, `score > 50`, `"high"`, `a.b = "x" and not(c)`).
 *
 * Contract
 * - `compileFastFeel(feel)` returns an evaluator for a strict subset of FEEL, or null when the
 *   text is outside it. The evaluator returns `BAIL` whenever a value falls outside the cases
 *   whose semantics it reproduces exactly (lists, contexts in arithmetic, mixed-type
 *   comparisons, missing names that could be builtin functions, names that are not plain
 *   identifiers); the caller then evaluates the same text with feelin (lib/bpmn/expressions).
 * - Within the subset the result equals feelin's value: `feel-fast.test.ts` checks it
 *   differentially with generated expressions and contexts.
 * - Why it exists: feelin parses on every call (~40-90 µs); the engine evaluates conditions
 *   and script expressions on every token, and the bench needs ~50 µs per whole instance.
 */
import type { JsonValue } from '@/lib/bpmn/model';

export const BAIL: unique symbol = Symbol('bail');
export type FastValue = JsonValue | typeof BAIL;
export type FastFeel = (context: Readonly<Record<string, JsonValue>>) => FastValue;

type Node = (context: Readonly<Record<string, JsonValue>>) => FastValue;

type Token = ({ t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'name'; v: string } | { t: 'op'; v: string }) & {
  /** Offset of the token in the text. */
  at: number;
};

const KEYWORDS = new Set([
  'true', 'false', 'null', 'and', 'or', 'not', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every',
  'satisfies', 'instance', 'of', 'between', 'function', 'external',
]);

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      let j = i;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (j < n && text.charCodeAt(j) === 46) {
        j++;
        if (!(j < n && isDigit(text.charCodeAt(j)))) return null;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      if (j < n && isNameChar(text.charCodeAt(j))) return null;
      tokens.push({ t: 'num', v: Number(text.slice(i, j)), at: i });
      i = j;
      continue;
    }
    if (c === 34) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 34) {
        // Escapes have their own FEEL rules: leave them to feelin.
        if (text.charCodeAt(j) === 92) return null;
        j++;
      }
      if (j >= n) return null;
      tokens.push({ t: 'str', v: text.slice(i + 1, j), at: i });
      i = j + 1;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      tokens.push({ t: 'name', v: text.slice(i, j), at: i });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ t: 'op', v: two, at: i });
      i += 2;
      continue;
    }
    if (two === '//' || two === '/*' || two === '**') return null;
    const one = text[i];
    if ('+-*/<>=().'.includes(one)) {
      tokens.push({ t: 'op', v: one, at: i });
      i++;
      continue;
    }
    return null;
  }
  return tokens;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c) || c === 63 || c === 39 || c > 127;
}

/** Recursive descent over: or > and > comparison > additive > multiplicative > unary > path > primary. */
class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node | null {
    const node = this.disjunction();
    if (node === null || this.i !== this.tokens.length) return null;
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private isName(v: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && t.t === 'name' && t.v === v;
  }
  private isOp(v: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && t.t === 'op' && t.v === v;
  }

  private disjunction(): Node | null {
    let left = this.conjunction();
    while (left !== null && this.isName('or')) {
      this.i++;
      const right = this.conjunction();
      if (right === null) return null;
      left = or(left, right);
    }
    return left;
  }

  private conjunction(): Node | null {
    let left = this.comparison();
    while (left !== null && this.isName('and')) {
      this.i++;
      const right = this.comparison();
      if (right === null) return null;
      left = and(left, right);
    }
    return left;
  }

  private comparison(): Node | null {
    const left = this.additive();
    if (left === null) return null;
    const t = this.peek();
    if (t !== undefined && t.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++;
      const right = this.additive();
      if (right === null) return null;
      const next = this.peek();
      // Chained comparisons have their own FEEL reading: leave them to feelin.
      if (next !== undefined && next.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(next.v)) return null;
      return compare(t.v, left, right);
    }
    return left;
  }

  private additive(): Node | null {
    let left = this.multiplicative();
    while (left !== null && (this.isOp('+') || this.isOp('-'))) {
      const op = (this.tokens[this.i++] as { v: string }).v;
      const right = this.multiplicative();
      if (right === null) return null;
      left = arithmetic(op, left, right);
    }
    return left;
  }

  private multiplicative(): Node | null {
    let left = this.unary();
    while (left !== null && (this.isOp('*') || this.isOp('/'))) {
      const op = (this.tokens[this.i++] as { v: string }).v;
      const right = this.unary();
      if (right === null) return null;
      left = arithmetic(op, left, right);
    }
    return left;
  }

  private unary(): Node | null {
    if (this.isOp('-')) {
      const minus = this.tokens[this.i++];
      const next = this.peek();
      if (next !== undefined && next.t === 'num') {
        // feelin reads `-5` as a negative literal (so `-0` is -0), and `- 5` oddly: leave that to it.
        if (next.at !== minus.at + 1) return null;
        this.i++;
        const value = -next.v;
        return () => value;
      }
      const operand = this.unary();
      if (operand === null) return null;
      return negate(operand);
    }
    return this.path();
  }

  private path(): Node | null {
    let node = this.primary();
    while (node !== null && this.isOp('.')) {
      this.i++;
      const t = this.peek();
      if (t === undefined || t.t !== 'name' || KEYWORDS.has(t.v)) return null;
      this.i++;
      node = member(node, t.v);
    }
    return node;
  }

  private primary(): Node | null {
    const t = this.peek();
    if (t === undefined) return null;
    this.i++;
    switch (t.t) {
      case 'num': {
        const value = t.v;
        return () => value;
      }
      case 'str': {
        const value = t.v;
        return () => value;
      }
      case 'op': {
        if (t.v !== '(') return null;
        const inner = this.disjunction();
        if (inner === null || !this.isOp(')')) return null;
        this.i++;
        return inner;
      }
      case 'name': {
        if (t.v === 'true') return () => true;
        if (t.v === 'false') return () => false;
        if (t.v === 'null') return () => null;
        if (t.v === 'not') {
          if (!this.isOp('(')) return null;
          this.i++;
          const inner = this.disjunction();
          if (inner === null || !this.isOp(')')) return null;
          this.i++;
          return not(inner);
        }
        if (KEYWORDS.has(t.v) || this.isOp('(')) return null;
        return variable(t.v);
      }
    }
  }
}

function variable(name: string): Node {
  return (context) => {
    const value = context[name];
    // A missing name may be a builtin function in feelin (`count`, `date`): let it decide.
    return value === undefined ? BAIL : value;
  };
}

function member(base: Node, key: string): Node {
  return (context) => {
    const value = base(context);
    if (value === BAIL) return BAIL;
    if (value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) return BAIL;
    const entry = value[key];
    return entry === undefined ? null : entry;
  };
}

function not(inner: Node): Node {
  return (context) => {
    const value = inner(context);
    if (value === BAIL) return BAIL;
    return typeof value === 'boolean' ? !value : BAIL;
  };
}

function negate(inner: Node): Node {
  return (context) => {
    const value = inner(context);
    if (value === BAIL) return BAIL;
    // feelin negates as 0 - x: the negation of 0 is 0, not -0.
    return typeof value === 'number' ? 0 - value : BAIL;
  };
}

function isPrimitive(value: JsonValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function arithmetic(op: string, leftNode: Node, rightNode: Node): Node {
  return (context) => {
    const left = leftNode(context);
    if (left === BAIL) return BAIL;
    const right = rightNode(context);
    if (right === BAIL) return BAIL;
    if (!isPrimitive(left) || !isPrimitive(right)) return BAIL;
    if (typeof left === 'number' && typeof right === 'number') {
      switch (op) {
        case '+':
          return finite(left + right);
        case '-':
          return finite(left - right);
        case '*':
          return finite(left * right);
        default:
          return right === 0 ? null : finite(left / right);
      }
    }
    if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
    return null;
  };
}

function finite(value: number): FastValue {
  return Number.isFinite(value) ? value : BAIL;
}

function compare(op: string, leftNode: Node, rightNode: Node): Node {
  return (context) => {
    const left = leftNode(context);
    if (left === BAIL) return BAIL;
    const right = rightNode(context);
    if (right === BAIL) return BAIL;
    if (!isPrimitive(left) || !isPrimitive(right)) return BAIL;
    if (op === '=' || op === '!=') {
      let equal: boolean | null;
      if (left === null || right === null) equal = left === right;
      else if (typeof left !== typeof right) equal = null;
      else equal = left === right;
      if (equal === null) return null;
      return op === '=' ? equal : !equal;
    }
    const bothNumbers = typeof left === 'number' && typeof right === 'number';
    const bothStrings = typeof left === 'string' && typeof right === 'string';
    if (!bothNumbers && !bothStrings) {
      const other = left === null ? right : right === null ? left : undefined;
      return typeof other === 'number' || typeof other === 'string' ? null : BAIL;
    }
    switch (op) {
      case '<':
        return left < right;
      case '<=':
        return left <= right;
      case '>':
        return left > right;
      default:
        return left >= right;
    }
  };
}

function and(leftNode: Node, rightNode: Node): Node {
  return (context) => {
    const left = leftNode(context);
    if (left === BAIL) return BAIL;
    const right = rightNode(context);
    if (right === BAIL) return BAIL;
    const a = typeof left === 'boolean' ? left : null;
    const b = typeof right === 'boolean' ? right : null;
    if (a === false || b === false) return false;
    if (a === true && b === true) return true;
    return null;
  };
}

function or(leftNode: Node, rightNode: Node): Node {
  return (context) => {
    const left = leftNode(context);
    if (left === BAIL) return BAIL;
    const right = rightNode(context);
    if (right === BAIL) return BAIL;
    const a = typeof left === 'boolean' ? left : null;
    const b = typeof right === 'boolean' ? right : null;
    if (a === true || b === true) return true;
    if (a === false && b === false) return false;
    return null;
  };
}

/** An evaluator for `feel` (without the leading `=`), or null when it is outside the fast subset. */
export function compileFastFeel(feel: string): FastFeel | null {
  const tokens = tokenize(feel);
  if (tokens === null || tokens.length === 0) return null;
  const node = new Parser(tokens).parse();
  if (node === null) return null;
  return (context) => {
    // lezer-feel reads names with spaces or operators (`order id`, `a-b`) from the context:
    // with such a name in scope, the text may parse differently, so feelin decides.
    for (const name in context) {
      if (!PLAIN_NAME.test(name)) return BAIL;
    }
    return node(context);
  };
}
