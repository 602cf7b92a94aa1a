/**
 * Camunda 7 JUEL (`${...}` / `#{...}`) to FEEL, for the small part of JUEL that has an exact
 * FEEL equivalent.
 *
 * Contract
 * - `translateJuel(text)` takes an expression as written in a BPMN file. It succeeds only when the
 *   whole text is one `${...}` or `#{...}` whose body uses: comparisons (== != < <= > >= and
 *   eq ne lt le gt ge), boolean logic (&& || ! and or not), `empty`, numeric arithmetic
 *   (+ - * / div, unary minus), parentheses, literals (numbers, 'strings', "strings", true,
 *   false, null) and variable paths (a.b.c).
 * - Everything else (method calls, indexing, ternaries, modulo, text around the `${}`) fails
 *   with a reason that quotes the expression and says what could not be translated. It never
 *   throws.
 * - Known difference: JUEL coerces null and numeric strings to numbers in arithmetic and
 *   comparisons; FEEL gives null instead (a null condition counts as false).
 * - The translation is a tokenizer and a recursive-descent parser producing a small syntax tree,
 *   which is printed as FEEL with the parentheses that FEEL's precedence needs.
 */

import { feelStringLiteral } from './feel';

export type JuelTranslation = { ok: true; feel: string } | { ok: false; reason: string };

/** True when the text contains a JUEL expression (`${` or `#{`), i.e. it is not FEEL. */
export function looksLikeJuel(text: string): boolean {
  return text.includes('${') || text.includes('#{');
}

export function translateJuel(text: string): JuelTranslation {
  const trimmed = text.trim();
  const body = unwrap(trimmed);
  if (body === null) {
    return unsupported(trimmed, 'only a single ${...} covering the whole value can be translated, not text mixed with expressions');
  }
  const tokens = tokenize(body);
  if (!tokens.ok) return unsupported(trimmed, tokens.reason);
  const parsed = parse(tokens.tokens);
  if (!parsed.ok) return unsupported(trimmed, parsed.reason);
  return { ok: true, feel: print(parsed.node) };
}

function unsupported(expression: string, why: string): { ok: false; reason: string } {
  return { ok: false, reason: `JUEL expression "${expression}" is not supported: ${why}` };
}

/** The body of `${body}` / `#{body}`, or null when the text is not exactly one such expression. */
function unwrap(text: string): string | null {
  if (!(text.startsWith('${') || text.startsWith('#{')) || !text.endsWith('}')) return null;
  const body = text.slice(2, -1);
  // A second `${` / `#{` inside means several expressions (or nesting, which JUEL forbids).
  if (body.includes('${') || body.includes('#{')) return null;
  // A `}` outside a string literal would close the expression early: `${a} and ${b}` was
  // rejected above, `${a}x}` is caught by the tokenizer as an unexpected `}`.
  return body;
}

// ---------------------------------------------------------------------------------------
// Tokens

type Token =
  | { kind: 'number'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'identifier'; name: string; at: number }
  | { kind: 'keyword'; word: Keyword; at: number }
  | { kind: 'operator'; op: string; at: number }
  | { kind: 'end'; at: number };

const KEYWORDS = ['and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'true', 'false', 'null', 'empty', 'div', 'mod', 'instanceof'] as const;
type Keyword = (typeof KEYWORDS)[number];

function isKeyword(word: string): word is Keyword {
  return (KEYWORDS as readonly string[]).includes(word);
}

// Longest first, so that `<=` is not read as `<` then `=`.
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '.', '[', ']', ',', '?', ':', '+', '-', '*', '/', '%', '='];

type Tokens = { ok: true; tokens: Token[] } | { ok: false; reason: string };

function tokenize(body: string): Tokens {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(body.slice(i));
      const text = match ? match[0] : ch;
      tokens.push({ kind: 'number', text, at: i });
      i += text.length;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const read = readString(body, i);
      if (!read.ok) return read;
      tokens.push({ kind: 'string', value: read.value, at: i });
      i = read.end;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(body.slice(i));
      const word = match ? match[0] : ch;
      if (isKeyword(word)) tokens.push({ kind: 'keyword', word, at: i });
      else tokens.push({ kind: 'identifier', name: word, at: i });
      i += word.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => body.startsWith(candidate, i));
    if (op === undefined) return { ok: false, reason: `unexpected character "${ch}" at position ${i + 1}` };
    tokens.push({ kind: 'operator', op, at: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', at: body.length });
  return { ok: true, tokens };
}

/** Reads a JUEL string literal starting at `start` (a quote); JUEL escapes are \\, \' and \". */
function readString(body: string, start: number): { ok: true; value: string; end: number } | { ok: false; reason: string } {
  const quote = body[start];
  let value = '';
  let i = start + 1;
  while (i < body.length) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length && ['\\', "'", '"'].includes(body[i + 1])) {
      value += body[i + 1];
      i += 2;
      continue;
    }
    if (ch === quote) return { ok: true, value, end: i + 1 };
    value += ch;
    i += 1;
  }
  return { ok: false, reason: `the string starting at position ${start + 1} is not closed` };
}

// ---------------------------------------------------------------------------------------
// Syntax tree and parser
//
//   or         := and (('||' | 'or') and)*
//   and        := equality (('&&' | 'and') equality)*
//   equality   := relational (('==' | '!=' | 'eq' | 'ne') relational)*
//   relational := additive (('<' | '<=' | '>' | '>=' | 'lt' | 'le' | 'gt' | 'ge') additive)*
//   additive   := multiplicative (('+' | '-') multiplicative)*
//   multiplicative := unary (('*' | '/' | 'div') unary)*
//   unary      := ('!' | 'not') unary | 'empty' unary | '-' unary | primary
//   primary    := number | string | true | false | null | path | '(' or ')'
//   path       := identifier ('.' identifier)*

type Node =
  | { kind: 'literal'; feel: string }
  | { kind: 'path'; names: string[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'empty'; operand: Node }
  | { kind: 'negate'; operand: Node }
  | { kind: 'arithmetic'; op: '+' | '-' | '*' | '/'; left: Node; right: Node }
  | { kind: 'logic'; op: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'compare'; op: FeelComparison; left: Node; right: Node };

type FeelComparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

const EQUALITY_OPERATORS: Record<string, FeelComparison> = { '==': '=', '!=': '!=', eq: '=', ne: '!=' };
const RELATIONAL_OPERATORS: Record<string, FeelComparison> = {
  '<': '<', '<=': '<=', '>': '>', '>=': '>=', lt: '<', le: '<=', gt: '>', ge: '>=',
};
const ADDITIVE_OPERATORS: Record<string, '+' | '-'> = { '+': '+', '-': '-' };
const MULTIPLICATIVE_OPERATORS: Record<string, '*' | '/'> = { '*': '*', '/': '/', div: '/' };

/** Names that refer to Camunda 7 engine objects rather than process variables. */
const ENGINE_OBJECTS = ['execution', 'task', 'externalTask', 'authenticatedUserId'];

type Parsed = { ok: true; node: Node } | { ok: false; reason: string };

class ParseFailure extends Error {}

function parse(tokens: Token[]): Parsed {
  let position = 0;

  const peek = (): Token => tokens[position];
  const advance = (): Token => {
    const token = tokens[position];
    position += 1;
    return token;
  };
  const fail = (why: string): never => {
    throw new ParseFailure(why);
  };
  /** The operator or keyword text of the next token, or null. */
  const peekWord = (): string | null => {
    const token = peek();
    if (token.kind === 'operator') return token.op;
    if (token.kind === 'keyword') return token.word;
    return null;
  };

  const parseOr = (): Node => {
    let left = parseAnd();
    while (peekWord() === '||' || peekWord() === 'or') {
      advance();
      left = { kind: 'logic', op: 'or', left, right: parseAnd() };
    }
    return left;
  };

  const parseAnd = (): Node => {
    let left = parseEquality();
    while (peekWord() === '&&' || peekWord() === 'and') {
      advance();
      left = { kind: 'logic', op: 'and', left, right: parseEquality() };
    }
    return left;
  };

  const parseEquality = (): Node => {
    let left = parseRelational();
    for (let word = peekWord(); word !== null && word in EQUALITY_OPERATORS; word = peekWord()) {
      advance();
      left = { kind: 'compare', op: EQUALITY_OPERATORS[word], left, right: parseRelational() };
    }
    return left;
  };

  const parseRelational = (): Node => {
    let left = parseAdditive();
    for (let word = peekWord(); word !== null && word in RELATIONAL_OPERATORS; word = peekWord()) {
      advance();
      left = { kind: 'compare', op: RELATIONAL_OPERATORS[word], left, right: parseAdditive() };
    }
    return left;
  };

  const parseAdditive = (): Node => {
    let left = parseMultiplicative();
    for (let word = peekWord(); word !== null && word in ADDITIVE_OPERATORS; word = peekWord()) {
      advance();
      left = { kind: 'arithmetic', op: ADDITIVE_OPERATORS[word], left, right: parseMultiplicative() };
    }
    return left;
  };

  const parseMultiplicative = (): Node => {
    let left = parseUnary();
    for (let word = peekWord(); word !== null && word in MULTIPLICATIVE_OPERATORS; word = peekWord()) {
      advance();
      left = { kind: 'arithmetic', op: MULTIPLICATIVE_OPERATORS[word], left, right: parseUnary() };
    }
    return left;
  };

  const parseUnary = (): Node => {
    const word = peekWord();
    if (word === '!' || word === 'not') {
      advance();
      return { kind: 'not', operand: parseUnary() };
    }
    if (word === 'empty') {
      advance();
      return { kind: 'empty', operand: parseUnary() };
    }
    if (word === '-') {
      advance();
      return { kind: 'negate', operand: parseUnary() };
    }
    return parsePrimary();
  };

  const parsePrimary = (): Node => {
    const token = advance();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', feel: token.text };
      case 'string':
        return { kind: 'literal', feel: feelStringLiteral(token.value) };
      case 'identifier':
        return parsePath(token.name);
      case 'keyword':
        if (token.word === 'true' || token.word === 'false' || token.word === 'null') return { kind: 'literal', feel: token.word };
        return fail(`unexpected "${token.word}" at position ${token.at + 1}`);
      case 'operator':
        if (token.op === '(') {
          const inner = parseOr();
          const close = advance();
          if (close.kind !== 'operator' || close.op !== ')') return fail(`missing ")" at position ${close.at + 1}`);
          return inner;
        }
        return fail(`unexpected "${token.op}" at position ${token.at + 1}`);
      case 'end':
        return fail('the expression ends too early');
    }
  };

  const parsePath = (first: string): Node => {
    const names = [first];
    while (peekWord() === '.') {
      advance();
      const next = advance();
      if (next.kind !== 'identifier') return fail(`expected a property name after "." at position ${next.at + 1}`);
      names.push(next.name);
    }
    if (peekWord() === '(') return fail('method calls cannot be translated to FEEL');
    if (peekWord() === '[') return fail('indexing with [...] cannot be translated to FEEL');
    if (ENGINE_OBJECTS.includes(first)) return fail(`"${first}" is a Camunda 7 engine object, not a process variable`);
    if (names.some((name) => name.includes('$'))) return fail(`"${names.join('.')}" is not a FEEL variable name`);
    return { kind: 'path', names };
  };

  try {
    const node = parseOr();
    const rest = peek();
    if (rest.kind !== 'end') return { ok: false, reason: describeLeftover(rest) };
    return { ok: true, node };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Explains the first token the grammar could not use. */
function describeLeftover(token: Token): string {
  if (token.kind === 'operator') {
    if (token.op === '?' || token.op === ':') return 'conditional (ternary) expressions cannot be translated to FEEL';
    if (token.op === '%') return 'modulo cannot be translated to FEEL (FEEL\'s modulo differs for negative numbers)';
    if (token.op === '=') return 'assignment is not a condition';
    return `unexpected "${token.op}" at position ${token.at + 1}`;
  }
  if (token.kind === 'keyword') {
    if (token.word === 'mod') return 'modulo cannot be translated to FEEL (FEEL\'s modulo differs for negative numbers)';
    if (token.word === 'instanceof') return 'instanceof cannot be translated to FEEL';
    return `unexpected "${token.word}" at position ${token.at + 1}`;
  }
  if (token.kind === 'end') return 'the expression ends too early';
  return `unexpected text at position ${token.at + 1}`;
}

// ---------------------------------------------------------------------------------------
// Printing FEEL

/** FEEL binding strength: a child binding weaker than its parent needs parentheses. */
function precedence(node: Node): number {
  switch (node.kind) {
    case 'logic':
      return node.op === 'or' ? 1 : 2;
    case 'compare':
      return 3;
    case 'arithmetic':
      return node.op === '+' || node.op === '-' ? 4 : 5;
    case 'negate':
      return 6;
    case 'literal':
    case 'path':
    case 'not':
    case 'empty':
      return 7;
  }
}

function print(node: Node): string {
  switch (node.kind) {
    case 'literal':
      return node.feel;
    case 'path':
      return node.names.join('.');
    case 'not':
      return `not(${print(node.operand)})`;
    case 'negate':
      return `-${printOperand(node.operand, 7)}`;
    case 'empty': {
      // JUEL `empty x`: x is null, an empty string, an empty list or an empty map. The type tests
      // keep the result false (not null) for values of other types, e.g. numbers.
      const x = printOperand(node.operand, 7);
      return `(${x} = null or (${x} instance of string and ${x} = "") or (${x} instance of list and count(${x}) = 0) or (${x} instance of context and count(get entries(${x})) = 0))`;
    }
    case 'logic':
    case 'arithmetic':
      // Left-associative: the left operand needs parentheses only when it binds weaker, the
      // right one also when it binds equally (a - (b - c)).
      return `${printOperand(node.left, precedence(node))} ${node.op} ${printOperand(node.right, precedence(node) + 1)}`;
    case 'compare':
      // Comparisons do not chain in FEEL: a comparison operand of a comparison gets parentheses.
      return `${printOperand(node.left, 4)} ${node.op} ${printOperand(node.right, 4)}`;
  }
}

function printOperand(node: Node, minimumPrecedence: number): string {
  const text = print(node);
  return precedence(node) < minimumPrecedence ? `(${text})` : text;
}
