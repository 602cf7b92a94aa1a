import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BpmnModelSchema } from '@/lib/bpmn/model';
import { canonicalJson, modelChecksum } from '@/lib/models/checksum';

const minimal = {
  definitions: { id: 'defs' },
  processes: [{ id: 'p', isExecutable: true }],
  elements: [{ type: 'startEvent', id: 'start', parentId: 'p' }],
  flows: [],
};

describe('canonicalJson', () => {
  it('given objects with the same entries in another order, then the text is the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('given arrays in another order, then the text differs (order is meaningful)', () => {
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it('given a key whose value is undefined, then it is dropped like JSON.stringify drops it', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('given nested objects inside arrays, then their keys are sorted too', () => {
    expect(canonicalJson([{ z: 1, y: { x: 2, w: 3 } }])).toBe('[{"y":{"w":3,"x":2},"z":1}]');
  });

  it('given any JSON value, then parsing the canonical text gives the same value back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('given a "__proto__" key, then it is kept as data', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  it('given any object, then shuffling its keys does not change the canonical text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });
});

describe('modelChecksum', () => {
  it('given the same model parsed from differently ordered JSON, then the checksum is the same', () => {
    const a = BpmnModelSchema.parse(minimal);
    const b = BpmnModelSchema.parse(JSON.parse(JSON.stringify({ flows: [], elements: minimal.elements, processes: minimal.processes, definitions: minimal.definitions })));
    expect(modelChecksum(a)).toBe(modelChecksum(b));
    expect(modelChecksum(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('given a default written out and the same default left implicit, then the checksum is the same', () => {
    const implicit = BpmnModelSchema.parse(minimal);
    const explicit = BpmnModelSchema.parse({ ...minimal, artifacts: [], diagrams: [] });
    expect(modelChecksum(explicit)).toBe(modelChecksum(implicit));
  });

  it('given a changed name, then the checksum changes', () => {
    const a = BpmnModelSchema.parse(minimal);
    const b = BpmnModelSchema.parse({ ...minimal, elements: [{ ...minimal.elements[0], name: 'Go' }] });
    expect(modelChecksum(a)).not.toBe(modelChecksum(b));
  });
});
