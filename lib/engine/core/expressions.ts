/**
 * Expressions as the engine runs them: compiled once (in `compile`), evaluated many times.
 *
 * Contract
 * - `compileExpression(text)` classifies the text with `toFeel` (FEEL `=...`, translated JUEL
 *   `${...}`, or bare text read as FEEL or as a literal), checks the FEEL syntax, and returns an
 *   evaluator; a syntax or translation problem is a value (the compile finding), never a throw.
 * - `evaluate(variables)` returns `{ ok, value }` or `{ ok: false, reason }` and never throws.
 *   Small expressions run on the fast path (./feel-fast.ts), everything else through
 *   `evaluateFeel` (feelin); both give the same value.
 */
import { checkFeel, evaluateFeel, expressionToFeel, toFeel } from '@/lib/bpmn/expressions';
import type { Expression, JsonValue } from '@/lib/bpmn/model';
import { BAIL, compileFastFeel } from './feel-fast';

export type Evaluation = { ok: true; value: JsonValue } | { ok: false; reason: string };

export type CompiledExpression = {
  /** The text as written in the model. */
  readonly source: string;
  /** The FEEL that is evaluated. */
  readonly feel: string;
  /** A literal (bare text read as text): its value does not depend on variables. */
  readonly literal: boolean;
  evaluate(variables: Readonly<Record<string, JsonValue>>): Evaluation;
};

export type ExpressionCompilation = { ok: true; expression: CompiledExpression } | { ok: false; reason: string };

export type CompileExpressionOptions = {
  /** How to read text without `=` or `${`: FEEL (conditions) or literal text (names, mappings). */
  bare?: 'feel' | 'literal';
  language?: string;
};

export function compileExpression(text: string, options: CompileExpressionOptions = {}): ExpressionCompilation {
  const classified =
    options.language !== undefined
      ? expressionToFeel({ body: text, language: options.language } satisfies Expression, { bare: options.bare })
      : toFeel(text, { bare: options.bare });
  if (!classified.ok) return { ok: false, reason: classified.reason };
  const feel = classified.feel;
  const check = checkFeel(feel, 'expression');
  if (!check.ok) return { ok: false, reason: check.message };
  const fast = compileFastFeel(feel);
  const literal = classified.dialect === 'literal';
  const expression: CompiledExpression = {
    source: text,
    feel,
    literal,
    evaluate(variables) {
      if (fast !== null) {
        const value = fast(variables);
        if (value !== BAIL) return { ok: true, value };
      }
      const result = evaluateFeel(feel, variables as Record<string, JsonValue>);
      return result.ok ? { ok: true, value: result.value } : { ok: false, reason: result.reason };
    },
  };
  return { ok: true, expression };
}

/** A condition holds only when it evaluates to `true` (null and non-booleans do not). */
export function isTrue(evaluation: Evaluation): boolean {
  return evaluation.ok && evaluation.value === true;
}
