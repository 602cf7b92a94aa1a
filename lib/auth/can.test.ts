import { describe, expect, it } from 'vitest';
import { ACTIONS, can, resourceOf, type CoarseAction } from '@/lib/auth/can';
import type { Role } from '@/lib/auth/roles';
import type { Subject } from '@/lib/auth/subject';
import type { TaskFacts } from '@/lib/auth/task-rules';

const person = (id: string, roles: Role[], groups: string[] = []): Subject => ({ type: 'user', id, label: `${id}@baton.local`, email: `${id}@baton.local`, roles, groups });

const SUBJECTS = {
  nobody: null,
  admin: person('admin', ['admin']),
  modeler: person('modeler', ['modeler']),
  operator: person('operator', ['operator'], ['operations']),
  auditor: person('auditor', ['auditor']),
  member: person('finance', [], ['finance']),
  token: { type: 'token', id: 'tok1', label: 'worker', roles: ['operator'], groups: [] } satisfies Subject,
} as const;
type Who = keyof typeof SUBJECTS;

// Given each subject, when it asks for each coarse action, then exactly the marked ones are allowed.
// Columns: nobody admin modeler operator auditor member(no role) token(operator)
const TABLE: [CoarseAction, string][] = [
  ['model:read',       '. A M O U . T'],
  ['model:validate',   '. A M O U . T'],
  ['model:create',     '. . M . . . .'],
  ['model:update',     '. . M . . . .'],
  ['model:publish',    '. . M . . . .'],
  ['model:retention',  '. A M . . . .'],
  ['instance:read',    '. A . O U . T'],
  ['instance:start',   '. . . O . . T'],
  ['instance:cancel',  '. . . O . . T'],
  ['instance:retry',   '. . . O . . T'],
  ['instance:modify',  '. . . O . . T'],
  ['instance:migrate', '. . . O . . T'],
  ['dashboard:read',   '. A . O U . T'],
  ['metrics:read',     '. A . . U . .'],
  ['audit-log:read',   '. A . . U . .'],
  ['user:manage',      '. A . . . . .'],
  ['group:manage',     '. A . . . . .'],
  ['api-token:manage', '. A . . . . .'],
  ['tool:manage',      '. A . . . . .'],
  ['settings:manage',  '. A . . . . .'],
  ['inbox:read',       '. A M O U F T'],
  ['self:read',        '. A M O U F T'],
];
const COLUMNS: Who[] = ['nobody', 'admin', 'modeler', 'operator', 'auditor', 'member', 'token'];

describe('can(subject, action, resource): the role table', () => {
  it('covers every coarse action exactly once', () => {
    const coarse = ACTIONS.filter((a) => !a.startsWith('task:'));
    expect(TABLE.map(([action]) => action).sort()).toEqual([...coarse].sort());
  });

  for (const [action, row] of TABLE) {
    const marks = row.split(' ');
    COLUMNS.forEach((who, i) => {
      const expected = marks[i] !== '.';
      it(`given ${who}, when ${action}, then ${expected ? 'allowed' : 'denied'}`, () => {
        expect(can(SUBJECTS[who], action, resourceOf(action))).toBe(expected);
      });
    });
  }

  it('given several roles, then what any of them allows', () => {
    const both = person('both', ['modeler', 'auditor']);
    expect(can(both, 'model:publish', { type: 'model' })).toBe(true);
    expect(can(both, 'audit-log:read', { type: 'audit-log' })).toBe(true);
    expect(can(both, 'user:manage', { type: 'user' })).toBe(false);
  });

  it('given a resource of another type than the action names, then denied at runtime too', () => {
    const mismatched = { type: 'user' } as unknown as { type: 'model' };
    expect(can(SUBJECTS.modeler, 'model:read', mismatched)).toBe(false);
  });
});

const task = (over: Partial<TaskFacts> = {}): TaskFacts => ({
  status: 'created',
  assignee: null,
  candidateUsers: [],
  candidateGroups: ['finance'],
  completedById: null,
  excludedUsers: [],
  ...over,
});

describe('can(): human tasks', () => {
  const fiona = person('fiona', [], ['finance']);
  const cem = person('cem', [], ['compliance']);
  const ops = person('olga', ['operator', 'auditor', 'admin'], ['operations']);

  it.each([
    // [who, task, read, claim, complete]
    ['a finance member, unassigned finance task', fiona, task(), true, true, true],
    ['a compliance member, unassigned finance task (guessing its id)', cem, task(), false, false, false],
    ['an admin+operator+auditor outside the groups', ops, task(), false, false, false],
    ['nobody', null, task(), false, false, false],
    ['a candidate user named by id', cem, task({ candidateGroups: [], candidateUsers: ['cem'] }), true, true, true],
    ['a candidate user named by e-mail, any case', cem, task({ candidateGroups: [], candidateUsers: ['CEM@Baton.local'] }), true, true, true],
    ['the assignee', fiona, task({ assignee: 'fiona' }), true, true, true],
    ['a group member when someone else is assigned', fiona, task({ assignee: 'cem' }), false, false, false],
    ['the assignee of a completed task', fiona, task({ assignee: 'fiona', status: 'completed', completedById: 'fiona' }), true, false, false],
    ['a candidate of a cancelled task', fiona, task({ status: 'cancelled' }), true, false, false],
    ['a candidate excluded by four-eyes', fiona, task({ excludedUsers: ['fiona'] }), true, true, false],
    ['a token in the candidate group', { type: 'token', id: 'fiona', label: 'bot', roles: [], groups: ['finance'] } satisfies Subject, task({ candidateGroups: ['finance'] }), true, true, true],
    ['a token whose id happens to be the assignee', { type: 'token', id: 'fiona', label: 'bot', roles: [], groups: [] } satisfies Subject, task({ assignee: 'fiona' }), false, false, false],
  ] as const)('given %s', (_name, who, facts, read, claim, complete) => {
    expect([can(who, 'task:read', { type: 'task', task: facts }), can(who, 'task:claim', { type: 'task', task: facts }), can(who, 'task:complete', { type: 'task', task: facts })]).toEqual([
      read,
      claim,
      complete,
    ]);
  });
});
