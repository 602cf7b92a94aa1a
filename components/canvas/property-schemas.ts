/**
 * The zod schemas the properties panel checks as you type: each takes the text of a field and
 * gives the value to store, or a message saying what is wrong. FEEL is checked with the same
 * parser the engine uses (lib/bpmn/expressions), timers and durations with lib/bpmn/timers.
 */
import { z } from 'zod';
import { BPMN_ID } from '@/lib/bpmn/commands';
import { checkFeel, checkFeelTemplate, toFeel } from '@/lib/bpmn/expressions';
import { parseIsoDuration, parseTimer } from '@/lib/bpmn/timers';

/** Empty text means "not set" (undefined). */
export const optionalText = z.string().transform((v) => (v.trim() === '' ? undefined : v));

export const requiredText = (what: string) => z.string().trim().min(1, `${what} is required`);

export const bpmnIdText = z
  .string()
  .trim()
  .regex(BPMN_ID, 'An id starts with a letter or _, then letters, digits, _, - or .');

/** A FEEL expression as BPMN files write it (`=amount > 100`, a bare expression, or simple JUEL). */
export function feelText(options: { optional?: boolean } = {}) {
  return z.string().superRefine((text, ctx) => {
    if (text.trim() === '') {
      if (!options.optional) ctx.addIssue({ code: 'custom', message: 'Write a FEEL expression, e.g. =amount > 100' });
      return;
    }
    const feel = toFeel(text);
    if (!feel.ok) {
      ctx.addIssue({ code: 'custom', message: feel.reason });
      return;
    }
    const check = checkFeel(feel.feel, 'expression');
    if (!check.ok) ctx.addIssue({ code: 'custom', message: `FEEL: ${check.message} (at ${check.position.from + 1})` });
  });
}

/** Text that may be a FEEL template (`="https://x/" + id`) or literal text. */
export const feelTemplateText = z.string().superRefine((text, ctx) => {
  const check = checkFeelTemplate(text);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: `FEEL: ${check.message}` });
});

export const durationText = z.string().superRefine((text, ctx) => {
  if (text.trim() === '') return;
  const parsed = parseIsoDuration(text.trim());
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

export function timerText(field: 'timeDate' | 'timeDuration' | 'timeCycle') {
  return z.string().superRefine((text, ctx) => {
    if (text.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'A timer needs a value' });
      return;
    }
    if (text.trim().startsWith('=')) {
      const feel = feelText().safeParse(text);
      if (!feel.success) ctx.addIssue({ code: 'custom', message: messageOf(feel.error) });
      return;
    }
    const parsed = parseTimer(field, text.trim());
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  });
}

/** "a, b, c" → ["a", "b", "c"] (empty items dropped). */
export const csvList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);

export const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || /^-?\d+$/.test(v), 'A whole number')
    .transform((v) => (v === '' ? undefined : Number(v)))
    .refine((v) => v === undefined || (v >= min && v <= max), `Between ${min} and ${max}`);

export const optionalNumber = z
  .string()
  .trim()
  .refine((v) => v === '' || Number.isFinite(Number(v)), 'A number')
  .transform((v) => (v === '' ? undefined : Number(v)));

export const variableName = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A variable name: letters, digits and _');

export const regexText = z.string().superRefine((text, ctx) => {
  if (text === '') return;
  try {
    new RegExp(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `Not a regular expression: ${error instanceof Error ? error.message : 'invalid'}` });
  }
});

/** Non-empty lines of a text. */
const lines = z.string().transform((v) =>
  v
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== ''),
);

/** "Name: value" per line → HTTP headers. */
export const headersText = lines
  .refine((ls) => ls.every((l) => /^[\w-]+\s*:/.test(l)), 'Write one header per line as Name: value')
  .transform((ls) => ls.map((l) => ({ name: l.slice(0, l.indexOf(':')).trim(), value: l.slice(l.indexOf(':') + 1).trim() })));

/** "target = FEEL" per line → variable mappings (the FEEL of each line is checked). */
export const mappingLines = lines.superRefine((ls, ctx) => {
  for (const l of ls) {
    const at = l.indexOf('=');
    const target = at > 0 ? l.slice(0, at).trim() : '';
    if (!variableName.safeParse(target).success) {
      ctx.addIssue({ code: 'custom', message: `"${l}": start with a variable name, then = and a FEEL expression` });
      return;
    }
    const feel = feelText().safeParse(l.slice(at + 1).trim());
    if (!feel.success) {
      ctx.addIssue({ code: 'custom', message: `${target}: ${messageOf(feel.error)}` });
      return;
    }
  }
}).transform((ls) => ls.map((l) => ({ target: l.slice(0, l.indexOf('=')).trim(), source: l.slice(l.indexOf('=') + 1).trim() })));

/** JSON text (or empty). */
export const jsonText = z
  .string()
  .superRefine((text, ctx) => {
    if (text.trim() === '') return;
    try {
      JSON.parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `Not JSON: ${error instanceof Error ? error.message : 'invalid'}` });
    }
  })
  .transform((v) => (v.trim() === '' ? undefined : v));

/** The first message of a failed parse. */
export function messageOf(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Invalid';
}
