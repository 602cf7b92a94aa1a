import { describe, expect, it } from 'vitest';
import { wantsXml } from '@/lib/api/negotiate';

describe('wantsXml', () => {
  it.each([
    [undefined, null, false],
    [undefined, '*/*', false],
    [undefined, 'application/json', false],
    [undefined, 'application/xml', true],
    [undefined, 'text/xml', true],
    [undefined, 'application/xml, application/json', false],
    [undefined, 'application/json;q=0.5, application/xml', true],
    [undefined, 'application/xml;q=0.4, application/json;q=0.9', false],
    [undefined, 'application/xml;q=0', false],
    ['bpmn', 'application/json', true],
    ['json', 'application/xml', false],
  ] as const)('format %s, Accept %s → xml %s', (format, accept, expected) => {
    expect(wantsXml(format, accept)).toBe(expected);
  });
});
