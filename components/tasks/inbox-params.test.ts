import { describe, expect, it } from 'vitest';
import { decisionFieldOf, decisionTone, formValuesOf } from './form-values';
import { DEFAULT_PARAMS, hasFilters, parseInboxParams, toSearch } from './inbox-params';

describe('the inbox state in the URL', () => {
  it('given no query, then the default view: open tasks of my groups, newest first', () => {
    expect(parseInboxParams({})).toEqual(DEFAULT_PARAMS);
  });

  it('given every filter, then each is read back as it was written', () => {
    const params = parseInboxParams({ view: 'mine', q: ' invoice ', process: 'agent-approval', name: 'Approve', priority: 'high', dueAfter: '2026-11-01', dueBefore: '2026-12-01', overdue: '1', status: 'completed', sort: 'due', dir: 'desc', cursor: 'abc_12-3' });
    expect(params).toEqual({ view: 'mine', q: 'invoice', process: 'agent-approval', name: 'Approve', priority: 'high', dueAfter: '2026-11-01', dueBefore: '2026-12-01', overdue: true, status: 'completed', sort: 'due', dir: 'desc', cursor: 'abc_12-3' });
    expect(parseInboxParams(Object.fromEntries(new URLSearchParams(toSearch(params))))).toEqual(params);
  });

  it('given a hand-edited URL with bad values, then only those are dropped', () => {
    expect(parseInboxParams({ view: 'everything', priority: 'urgent', dueBefore: '2026-13-45', overdue: 'yes', cursor: '<script>', sort: 'priority', q: 'ok' })).toEqual({ ...DEFAULT_PARAMS, sort: 'priority', dir: 'desc', q: 'ok' });
  });

  it('given a sort, then its natural direction is the default and is left out of the URL', () => {
    expect(parseInboxParams({ sort: 'due' }).dir).toBe('asc');
    expect(toSearch({ view: 'groups', sort: 'due', dir: 'asc', status: 'open' })).toBe('view=groups&sort=due');
    expect(toSearch({ view: 'groups', sort: 'due', dir: 'desc', status: 'open' })).toBe('view=groups&sort=due&dir=desc');
  });

  it('given only view and sort, then no filter is set; a status other than open is one', () => {
    expect(hasFilters(parseInboxParams({ view: 'all', sort: 'priority' }))).toBe(false);
    expect(hasFilters(parseInboxParams({ status: 'completed' }))).toBe(true);
  });
});

describe('the raw values of a task form', () => {
  const fields = [
    { key: 'approved', type: 'boolean', required: true, options: [] },
    { key: 'amount', type: 'number', required: false, options: [] },
    { key: 'decision', type: 'select', required: true, options: [{ value: 'approve' }, { value: 'reject' }] },
  ] as const;

  it('given an unticked checkbox, then the boolean is "false" (an answer), and other fields are as typed', () => {
    const data = new FormData();
    data.set('amount', '12');
    data.set('decision', 'reject');
    data.set('smuggled', 'x');
    expect(formValuesOf(fields.map((f) => ({ ...f, options: [...f.options] })), data)).toEqual({ approved: 'false', amount: '12', decision: 'reject' });
  });

  it('given a decision select, then it becomes the decision buttons, coloured by meaning', () => {
    expect(decisionFieldOf(fields.map((f) => ({ ...f, options: [...f.options] })))?.key).toBe('decision');
    expect([decisionTone('approve'), decisionTone('Reject'), decisionTone('changes')]).toEqual(['approve', 'reject', 'neutral']);
  });
});
