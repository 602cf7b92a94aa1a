/**
 * Expressions as written in BPMN files, turned into FEEL.
 *
 * Contract
 * - `toFeel(text)` classifies an expression and returns the FEEL to evaluate:
 *   - `=a > 1`            -> dialect 'feel', the `=` stripped (Camunda 8 style);
 *   - `${a > 1}`, `#{..}` -> dialect 'juel', translated where it is simple (see ./juel.ts);
 *   - anything else       -> by `bare`: 'feel' (the default, e.g. a condition body `a > 1`) or
 *                            'literal' (text taken as is, e.g. an input mapping `demo`; the FEEL
 *                            is then a string literal).
 * - It does not check FEEL syntax; `checkFeel` does, so callers can report the two apart.
 * - Nothing here throws.
 */
import type { Expression } from '../model';
import { feelStringLiteral } from './feel';
import { looksLikeJuel, translateJuel } from './juel';

export { checkFeel, evaluateFeel, checkFeelTemplate, renderFeelTemplate, isFeelTemplate, feelStringLiteral } from './feel';
export type { FeelCheck, FeelContext, FeelEvaluation, FeelPosition, TemplateResult } from './feel';
export { translateJuel, looksLikeJuel } from './juel';

export type FeelDialect = 'feel' | 'juel' | 'literal';

export type ToFeelResult = { ok: true; feel: string; dialect: FeelDialect } | { ok: false; reason: string };

export type ToFeelOptions = {
  /** How to read text that has neither a leading `=` nor `${`: FEEL (default) or literal text. */
  bare?: 'feel' | 'literal';
};

export function toFeel(text: string, options: ToFeelOptions = {}): ToFeelResult {
  const trimmed = text.trim();
  if (trimmed.startsWith('=')) {
    return { ok: true, feel: trimmed.slice(1).trim(), dialect: 'feel' };
  }
  if (looksLikeJuel(trimmed)) {
    const translation = translateJuel(trimmed);
    if (!translation.ok) return translation;
    return { ok: true, feel: translation.feel, dialect: 'juel' };
  }
  if (options.bare === 'literal') {
    return { ok: true, feel: feelStringLiteral(text), dialect: 'literal' };
  }
  return { ok: true, feel: trimmed, dialect: 'feel' };
}

/**
 * Like `toFeel`, for a formal expression that may name its `language`. A language mentioning
 * FEEL is read as FEEL; JUEL (or none) is classified by its text; any other language
 * (JavaScript, Groovy, ...) is not supported.
 */
export function expressionToFeel(expression: Expression, options: ToFeelOptions = {}): ToFeelResult {
  const language = expression.language?.trim() ?? '';
  if (language === '' || /juel/i.test(language)) return toFeel(expression.body, options);
  if (/feel/i.test(language)) {
    const trimmed = expression.body.trim();
    return { ok: true, feel: trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed, dialect: 'feel' };
  }
  return {
    ok: false,
    reason: `expression language "${language}" is not supported: Baton evaluates FEEL (and translates simple JUEL)`,
  };
}
