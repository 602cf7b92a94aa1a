/**
 * FEEL through feelin: syntax checks with positions, evaluation to JSON values, and templates.
 *
 * Contract
 * - The functions here take FEEL text without the leading `=` (see `toFeel` in ./index.ts for
 *   the text as written in a BPMN file).
 * - None of them throws: every failure is a value with a reason in plain words.
 * - `evaluateFeel` follows feelin's FEEL semantics: a missing variable is `null` plus a
 *   warning, not a failure. Warnings are returned for the caller to record.
 */
import {
  evaluate,
  FeelDate,
  FeelDateTime,
  FeelDuration,
  FeelTime,
  parseExpression,
  parseUnaryTests,
} from 'feelin';
import type { JsonValue } from '../model';

/** Where in the FEEL text a problem is: character offsets, `to` exclusive. */
export type FeelPosition = { from: number; to: number };

export type FeelCheck = { ok: true } | { ok: false; message: string; position: FeelPosition };

/**
 * Checks that `feel` parses as a FEEL expression (or, with 'unaryTests', as unary tests such as
 * `> 3, < 1`). Reports the first syntax error with its position.
 */
export function checkFeel(feel: string, kind: 'expression' | 'unaryTests'): FeelCheck {
  if (feel.trim() === '') {
    return { ok: false, message: 'the FEEL expression is empty', position: { from: 0, to: 0 } };
  }
  const tree = kind === 'expression' ? parseExpression(feel, {}, undefined) : parseUnaryTests(feel, {}, undefined);
  let problem: FeelCheck = { ok: true };
  tree.iterate({
    enter(node) {
      if (!problem.ok) return false;
      if (node.type.isError) {
        problem = describeSyntaxError(feel, node.from, node.to);
        return false;
      }
      // lezer-feel accepts `a == 1` as a comparison with a unary test on its right (`a = (= 1)`),
      // which evaluates to null. Two comparison operators in a row is never what was meant.
      if (node.name === 'SimplePositiveUnaryTest' && node.node.parent?.name === 'Comparison') {
        const operator = node.node.firstChild;
        const from = operator ? operator.from : node.from;
        const to = operator ? operator.to : node.to;
        const doubled = feel.slice(from - 1, to) === '==' ? ' ("==" is not FEEL: write "=")' : '';
        problem = {
          ok: false,
          message: `FEEL syntax error at position ${from + 1}: two comparison operators in a row${doubled}`,
          position: { from, to },
        };
        return false;
      }
      return undefined;
    },
  });
  return problem;
}

function describeSyntaxError(feel: string, from: number, to: number): FeelCheck {
  if (to > from) {
    return {
      ok: false,
      message: `FEEL syntax error at position ${from + 1}: unexpected "${feel.slice(from, to)}"`,
      position: { from, to },
    };
  }
  const rest = feel.slice(from).trim();
  if (rest === '') {
    return {
      ok: false,
      message: `FEEL syntax error at position ${from + 1}: the expression ends too early`,
      position: { from, to },
    };
  }
  const next = rest.split(/\s+/)[0];
  return {
    ok: false,
    message: `FEEL syntax error at position ${from + 1}: unexpected "${next}"`,
    position: { from, to: from + next.length },
  };
}

/** Variables for evaluation: JSON values by name. */
export type FeelContext = Record<string, JsonValue>;

export type FeelEvaluation =
  | { ok: true; value: JsonValue; warnings: string[] }
  | { ok: false; reason: string };

/**
 * Evaluates a FEEL expression against JSON variables and returns a JSON value. Dates, times and
 * durations come back as their ISO 8601 text; a function or range result is a failure, as is a
 * syntax error.
 */
export function evaluateFeel(feel: string, context: FeelContext): FeelEvaluation {
  const check = checkFeel(feel, 'expression');
  if (!check.ok) return { ok: false, reason: check.message };
  try {
    const result = evaluate(feel, context);
    const value = toJson(result.value);
    if (!value.ok) return { ok: false, reason: `the FEEL expression "${feel}" ${value.reason}` };
    return { ok: true, value: value.json, warnings: result.warnings.map((warning) => warning.message) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `the FEEL expression "${feel}" failed: ${message}` };
  }
}

type JsonConversion = { ok: true; json: JsonValue } | { ok: false; reason: string };

function toJson(value: unknown): JsonConversion {
  if (value === null || value === undefined) return { ok: true, json: null };
  if (typeof value === 'string' || typeof value === 'boolean') return { ok: true, json: value };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { ok: true, json: value } : { ok: false, reason: 'returned a number that is not finite' };
  }
  if (value instanceof FeelDate || value instanceof FeelDateTime || value instanceof FeelTime || value instanceof FeelDuration) {
    return { ok: true, json: value.toString() };
  }
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const converted = toJson(item);
      if (!converted.ok) return converted;
      items.push(converted.json);
    }
    return { ok: true, json: items };
  }
  if (isPlainObject(value)) {
    const entries: { [key: string]: JsonValue } = {};
    for (const [key, entry] of Object.entries(value)) {
      const converted = toJson(entry);
      if (!converted.ok) return converted;
      entries[key] = converted.json;
    }
    return { ok: true, json: entries };
  }
  return { ok: false, reason: 'returned a value that is not JSON (a function or a range)' };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// ---------------------------------------------------------------------------------------
// Templates: a text field that is either literal text or, with a leading `=`, FEEL.

export type TemplateResult = { ok: true; text: string } | { ok: false; reason: string };

/** True when a template is FEEL (`="Hello " + name`) rather than literal text. */
export function isFeelTemplate(template: string): boolean {
  return template.trimStart().startsWith('=');
}

/** Checks a template's syntax: literal text is always fine; FEEL must parse. */
export function checkFeelTemplate(template: string): FeelCheck {
  if (!isFeelTemplate(template)) return { ok: true };
  return checkFeel(stripEquals(template), 'expression');
}

/**
 * Renders a template to text. Literal text is returned as is. FEEL must evaluate to a string,
 * number or boolean (numbers and booleans are written as FEEL's `string()` would); null or a
 * list/context is a failure, because a URL or header built from it would be wrong.
 */
export function renderFeelTemplate(template: string, context: FeelContext): TemplateResult {
  if (!isFeelTemplate(template)) return { ok: true, text: template };
  const evaluation = evaluateFeel(stripEquals(template), context);
  if (!evaluation.ok) return evaluation;
  const value = evaluation.value;
  if (typeof value === 'string') return { ok: true, text: value };
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, text: String(value) };
  const what = value === null ? 'null' : Array.isArray(value) ? 'a list' : 'a context';
  const hint = evaluation.warnings.length > 0 ? ` (${evaluation.warnings.join('; ')})` : '';
  return { ok: false, reason: `the template "${template.trim()}" evaluated to ${what}, not text${hint}` };
}

/** A FEEL string literal for `value`: double quotes, with backslash, quote and control characters escaped. */
export function feelStringLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function stripEquals(text: string): string {
  return text.trimStart().slice(1).trim();
}
