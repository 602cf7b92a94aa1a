/**
 * Fixtures for tests of lib/models and the v1 API: corpus files, small models, row counts.
 * Test-only; nothing in the app imports it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildModel, chain } from '@/lib/bpmn/test-support/model-builder';
import type { BpmnModel } from '@/lib/bpmn/model';
import type { Db } from '@/lib/models/db';
import { SYSTEM_ACTOR, type Actor } from '@/lib/models/actor';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The shared BPMN corpus (../shared/bpmn-corpus beside the checkout, or BPMN_CORPUS_DIR). */
export const CORPUS_DIR = process.env.BPMN_CORPUS_DIR ?? path.resolve(repoRoot, '../shared/bpmn-corpus');

export function corpusBytes(file: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(path.join(CORPUS_DIR, file)));
}
export function corpusText(file: string): string {
  return readFileSync(path.join(CORPUS_DIR, file), 'utf8');
}

/** Importable, publishable, executable process id `exclusiveGwDefaultSequenceFlow`. */
export const PUBLISHABLE_FILE = 'camunda7/ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml';
export const PUBLISHABLE_KEY = 'exclusive-gw-default-sequence-flow';
/** Not well-formed XML (an undeclared prefix); the import finding names line 131. */
export const MALFORMED_FILE = 'bpmn-js/draw_events.bpmn';
export const MALFORMED_LINE = 131;

export const TEST_ACTOR: Actor = { type: 'user', id: 'user-1', label: 'modeler@baton.local', ip: '127.0.0.1' };
export { SYSTEM_ACTOR };

/** start → end in process `Process_1`: no findings at all. */
export function validModel(name = 'Simple'): BpmnModel {
  return buildModel({
    processes: [{ id: 'Process_1', name, isExecutable: true }],
    elements: [{ type: 'startEvent', id: 'start' }, { type: 'endEvent', id: 'end' }],
    flows: chain('start', 'end'),
  });
}

/** A service task without implementation: an execution error (`task.no-implementation`). */
export function unpublishableModel(): BpmnModel {
  return buildModel({
    elements: [{ type: 'startEvent', id: 'start' }, { type: 'serviceTask', id: 'work' }, { type: 'endEvent', id: 'end' }],
    flows: chain('start', 'work', 'end'),
  });
}

export type RowCounts = { models: number; versions: number; audits: number };

export async function countRows(db: Db): Promise<RowCounts> {
  const [models, versions, audits] = await Promise.all([db.processModel.count(), db.processVersion.count(), db.auditLog.count()]);
  return { models, versions, audits };
}
