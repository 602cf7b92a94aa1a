import { describe, expect, it } from 'vitest';
import { checkMapping, previewMigration, proposeMapping, type MappingElement } from './migration-mapping';

const v1: MappingElement[] = [
  { id: 'start', type: 'startEvent' },
  { id: 'review', type: 'userTask', name: 'Review order' },
  { id: 'ship', type: 'serviceTask', name: 'Ship' },
  { id: 'notify', type: 'sendTask', name: 'Notify' },
  { id: 'end', type: 'endEvent' },
];
const v2: MappingElement[] = [
  { id: 'start', type: 'startEvent' },
  { id: 'reviewOrder', type: 'userTask', name: 'Review order' },
  { id: 'ship', type: 'userTask', name: 'Ship by hand' },
  { id: 'notify', type: 'serviceTask', name: 'Notify' },
  { id: 'end', type: 'endEvent' },
];

describe('proposeMapping', () => {
  it('given two versions, when proposing, then elements map by id and type, else by a unique name of the same type', () => {
    expect(proposeMapping(v1, v2)).toEqual({ start: 'start', review: 'reviewOrder', end: 'end' });
  });

  it('given two targets with the same name and type, when proposing, then nothing is guessed', () => {
    const target = [
      { id: 'a', type: 'userTask', name: 'Review order' },
      { id: 'b', type: 'userTask', name: 'Review order' },
    ];
    expect(proposeMapping([{ id: 'review', type: 'userTask', name: 'Review order' }], target)).toEqual({});
  });
});

describe('checkMapping', () => {
  it('given an active element without a target, when checked, then it is an error naming the element', () => {
    const check = checkMapping({ source: v1, target: v2, mapping: { start: 'start' }, openElementIds: ['review'] });
    expect(check.ok).toBe(false);
    expect(check.errors).toEqual([{ elementId: 'review', message: expect.stringMatching(/review is active and has no target/) }]);
  });

  it('given an active element mapped to another type, then an error; an idle one, then a warning', () => {
    const check = checkMapping({ source: v1, target: v2, mapping: { ship: 'ship', notify: 'notify' }, openElementIds: ['ship'] });
    expect(check.errors.map((e) => e.elementId)).toEqual(['ship']);
    expect(check.warnings).toEqual([{ elementId: 'notify', message: 'notify changes type: sendTask → serviceTask' }]);
  });

  it('given a target the version does not have, then an error', () => {
    const check = checkMapping({ source: v1, target: v2, mapping: { review: 'gone' }, openElementIds: ['review'] });
    expect(check.errors[0].message).toMatch(/gone, which the target version does not have/);
  });

  it('given the proposed mapping of a waiting review, then it is valid', () => {
    expect(checkMapping({ source: v1, target: v2, mapping: proposeMapping(v1, v2), openElementIds: ['review'] })).toEqual({ ok: true, errors: [], warnings: [] });
  });
});

describe('previewMigration', () => {
  it('given instances with tokens, when previewed, then it lists the moves and what blocks each instance', () => {
    const rows = previewMigration(
      [
        { instanceId: 'i1', businessKey: 'o-1', tokens: [{ elementId: 'review', count: 1 }] },
        { instanceId: 'i2', businessKey: null, tokens: [{ elementId: 'ship', count: 2 }] },
      ],
      { review: 'reviewOrder' },
    );
    expect(rows).toEqual([
      { instanceId: 'i1', businessKey: 'o-1', moves: [{ from: 'review', to: 'reviewOrder', count: 1 }], blocked: [] },
      { instanceId: 'i2', businessKey: null, moves: [], blocked: ['ship'] },
    ]);
  });
});
