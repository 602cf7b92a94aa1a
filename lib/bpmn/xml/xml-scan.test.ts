import { describe, expect, it } from 'vitest';
import { scanXml } from './xml-scan';

const KNOWN = { 'http://www.omg.org/spec/BPMN/20100524/MODEL': 'bpmn', 'http://www.omg.org/spec/DD/20100524/DI': 'di' };

describe('scanXml', () => {
  it('given declarations, when scanned, then the first declaration of each prefix is recorded', () => {
    const scan = scanXml('<a:x xmlns:a="urn:a" xmlns="urn:d"><b:y xmlns:b="urn:b" xmlns:a="urn:other"/></a:x>', KNOWN);
    expect(scan.problem).toBeUndefined();
    expect(scan.declarations).toEqual({ a: 'urn:a', '': 'urn:d', b: 'urn:b' });
  });

  it('given prefixes that clash with known ones or a default namespace, when scanned, then aliases follow the parser (ns0, ns1...)', () => {
    const scan = scanXml('<r xmlns="urn:default" xmlns:di="urn:not-di" xmlns:v="urn:v" xmlns:bpmn2="http://www.omg.org/spec/BPMN/20100524/MODEL"/>', KNOWN);
    expect(scan.aliases.get('ns0')).toBe('urn:default');
    expect(scan.aliases.get('ns1')).toBe('urn:not-di');
    expect(scan.aliases.get('v')).toBe('urn:v');
    expect(scan.aliases.get('bpmn')).toBe('http://www.omg.org/spec/BPMN/20100524/MODEL');
    expect(scan.aliases.has('bpmn2')).toBe(false);
  });

  it('given an undeclared prefix on an element or attribute, when scanned, then the problem has a 1-based position', () => {
    expect(scanXml('<r xmlns:a="urn:a">\n  <a:x/>\n  <b:y/>\n</r>', KNOWN).problem).toMatchObject({ line: 3, column: 3 });
    expect(scanXml('<r>\n<x q:attr="1"/></r>', KNOWN).problem?.message).toContain('attribute q:attr');
  });

  it('given comments, CDATA, processing instructions and a DOCTYPE, when scanned, then their content is not taken for tags', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><r><!-- <p:x/> --><![CDATA[<q:y/>]]><?pi <z:z/>?></r>';
    expect(scanXml(xml, KNOWN).problem).toBeUndefined();
  });

  it('given the xml prefix, when scanned, then it needs no declaration', () => {
    expect(scanXml('<r xml:lang="en"/>', KNOWN).problem).toBeUndefined();
  });
});
