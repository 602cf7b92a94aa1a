import { describe, expect, it } from 'vitest';
import type { Subject } from '@/lib/auth/subject';
import type { FourEyes } from '@/lib/bpmn/model';
import { decideTaskAccess, fourEyesExcludedUsers, visibleTaskVariables, type TaskFacts } from '@/lib/auth/task-rules';

const fiona: Subject = { type: 'user', id: 'u-fiona', label: 'finance@baton.local', email: 'finance@baton.local', roles: [], groups: ['finance'] };
const open: TaskFacts = { status: 'created', assignee: null, candidateUsers: [], candidateGroups: ['finance'], completedById: null, excludedUsers: [] };

describe('decideTaskAccess: why a task action is refused', () => {
  it.each<[string, TaskFacts, 'task:read' | 'task:claim' | 'task:complete', string]>([
    ['not a candidate', { ...open, candidateGroups: ['compliance'] }, 'task:read', 'not-candidate'],
    ['assigned to someone else', { ...open, assignee: 'u-cem' }, 'task:claim', 'assigned-to-someone-else'],
    ['no longer open', { ...open, status: 'completed', completedById: 'u-cem' }, 'task:complete', 'not-open'],
    ['excluded by four-eyes', { ...open, excludedUsers: ['u-fiona'] }, 'task:complete', 'four-eyes'],
  ])('given a task %s, then the reason says so', (_name, facts, action, reason) => {
    expect(decideTaskAccess(fiona, action, facts)).toEqual({ allowed: false, reason });
  });
});

describe('fourEyesExcludedUsers', () => {
  const completed = [
    { elementId: 'prepare', completedById: 'u-anna' },
    { elementId: 'prepare', completedById: 'u-ben' },
    { elementId: 'review', completedById: 'u-carl' },
    { elementId: 'prepare', completedById: null },
  ];

  it.each<[string, FourEyes | undefined, string | null, string[]]>([
    ['no rule', undefined, 'u-start', []],
    ['not the starter', { notStarter: true, notCompleterOf: [] }, 'u-start', ['u-start']],
    ['not the starter, started by a machine', { notStarter: true, notCompleterOf: [] }, null, []],
    ['not who prepared', { notStarter: false, notCompleterOf: ['prepare'] }, 'u-start', ['u-anna', 'u-ben']],
    ['both', { notStarter: true, notCompleterOf: ['prepare', 'review'] }, 'u-start', ['u-anna', 'u-ben', 'u-carl', 'u-start']],
    ['a named task that never completed', { notStarter: false, notCompleterOf: ['approve'] }, 'u-start', []],
  ])('given %s, then those users are excluded', (_name, rule, starterId, expected) => {
    expect(fourEyesExcludedUsers({ rule, starterId, completed })).toEqual(expected);
  });
});

describe('visibleTaskVariables: field-level scope', () => {
  const variables = { amount: 1200, iban: 'DE00 1234', customer: 'ACME', approved: null };

  it('given visible variables and form fields, then exactly those', () => {
    expect(visibleTaskVariables({ visibleVariables: ['amount', 'customer'], formFields: ['approved'] }, variables)).toEqual({ amount: 1200, customer: 'ACME', approved: null });
  });

  it('given no visible variables, then the form fields only', () => {
    expect(visibleTaskVariables({ formFields: ['approved'] }, variables)).toEqual({ approved: null });
  });

  it('given names that do not exist, then nothing is invented', () => {
    expect(visibleTaskVariables({ visibleVariables: ['secret'] }, variables)).toEqual({});
  });
});
