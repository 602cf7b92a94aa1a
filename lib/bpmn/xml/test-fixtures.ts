/**
 * Inline BPMN documents for the xml tests: `definitions(body)` wraps process content in a
 * definitions element that declares the usual namespaces (BPMN under `bpmn:`).
 */
import { expect } from 'vitest';
import type { Finding } from '../findings';
import type { BpmnModel, FlowElement } from '../model';
import { importBpmn, type ImportResult } from './import-bpmn';

export const NS = {
  bpmn: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  zeebe: 'http://camunda.org/schema/zeebe/1.0',
  camunda: 'http://camunda.org/schema/1.0/bpmn',
  baton: 'https://baton.dev/schema/bpmn/1.0',
  bioc: 'http://bpmn.io/schema/bpmn/biocolor/1.0',
  color: 'http://www.omg.org/spec/BPMN/non-normative/color/1.0',
} as const;

const DECLARATIONS = Object.entries(NS)
  .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
  .join(' ');

/** A definitions document around `body` (root elements and diagrams, `bpmn:` prefixed). */
export function definitions(body: string, extraAttributes = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${DECLARATIONS} id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" ${extraAttributes}>
${body}
</bpmn:definitions>`;
}

/** A definitions document with one executable process `Process_1` holding `content`. */
export function processXml(content: string, extra = ''): string {
  return definitions(`<bpmn:process id="Process_1" isExecutable="true">\n${content}\n</bpmn:process>\n${extra}`);
}

export async function importOk(xml: string): Promise<{ model: BpmnModel; warnings: Finding[] }> {
  const result = await importBpmn(xml);
  if (!result.ok) throw new Error(`expected the import to succeed:\n${result.findings.map((f) => `${f.code}: ${f.message}`).join('\n')}`);
  return result;
}

export function expectRejected(result: ImportResult, code: string): Finding {
  expect(result.ok).toBe(false);
  const findings = result.ok ? [] : result.findings;
  const finding = findings.find((f) => f.code === code && f.severity === 'error');
  expect(finding, `expected an error "${code}" among ${JSON.stringify(findings)}`).toBeDefined();
  return finding as Finding;
}

export function element<T extends FlowElement['type']>(model: BpmnModel, id: string, type: T): Extract<FlowElement, { type: T }> {
  const found = model.elements.find((e) => e.id === id);
  expect(found, `element ${id}`).toBeDefined();
  expect(found?.type).toBe(type);
  return found as Extract<FlowElement, { type: T }>;
}
