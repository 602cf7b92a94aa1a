import { describe, expect, it } from 'vitest';
import { FormFieldSchema } from '@/lib/bpmn/model';
import { validateForm } from '@/lib/tasks/form-schema';

const fields = [
  { key: 'decision', label: 'Decision', type: 'select', required: true, options: [{ value: 'approve' }, { value: 'reject' }] },
  { key: 'amount', label: 'Amount', type: 'number', min: 1, max: 100 },
  { key: 'code', label: 'Code', type: 'text', pattern: '[A-Z]{3}', max: 3 },
  { key: 'urgent', label: 'Urgent', type: 'boolean', required: true },
  { key: 'when', label: 'When', type: 'date' },
].map((f) => FormFieldSchema.parse(f));

describe('form schema from a form definition', () => {
  it('given valid values as text (an HTML form), then they are parsed to their types and blanks are left out', () => {
    expect(validateForm(fields, { decision: 'approve', amount: '42', code: 'ABC', urgent: 'on', when: '', extra: 'dropped' })).toEqual({
      ok: true,
      values: { decision: 'approve', amount: 42, code: 'ABC', urgent: true },
    });
  });

  it('given a required boolean that is false, then it is an answer', () => {
    expect(validateForm(fields, { decision: 'reject', urgent: false })).toEqual({ ok: true, values: { decision: 'reject', urgent: false } });
  });

  it('given wrong values, then one message per field, naming the field', () => {
    const result = validateForm(fields, { decision: '', amount: 'lots', code: 'abcd', when: '2026-13-45' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      decision: 'Decision is required',
      amount: 'Amount must be a number',
      code: expect.stringMatching(/^Code/),
      urgent: 'Urgent is required',
      when: expect.stringMatching(/^When must be/),
    });
  });

  it('given numbers out of range and an unknown option, then the bounds and options are named', () => {
    const result = validateForm(fields, { decision: 'maybe', amount: 500, urgent: true });
    expect(result).toEqual({ ok: false, errors: { decision: 'Decision must be one of: approve, reject', amount: 'Amount must be at most 100' } });
  });
});
