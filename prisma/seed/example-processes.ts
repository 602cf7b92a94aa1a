/**
 * The example processes of a fresh Baton: every prisma/seed/processes/*.bpmn file, imported and
 * published as version 1 through lib/models, by the system actor.
 *
 * Contract
 * - Idempotent: a file whose key exists already is left alone — unless that model has no
 *   version yet and its draft is still exactly the file's content (an earlier seed stopped
 *   between import and publish), in which case it is published. A model someone edited is never
 *   published by the seed.
 * - A file that cannot be imported or published fails the seed, naming the file and why (the
 *   examples are part of the product); the other files are still seeded first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '@/lib/api/errors';
import { decodeBpmnBytes } from '@/lib/bpmn/xml/decode-bpmn';
import type { Db } from '@/lib/db/client';
import { SYSTEM_ACTOR } from '@/lib/models/actor';
import { modelChecksum } from '@/lib/models/checksum';
import { createModel } from '@/lib/models/create-model';
import { parseDraft } from '@/lib/models/draft-findings';
import { deriveModelKey } from '@/lib/models/model-key';
import { publishModel } from '@/lib/models/publish-model';
import { readModelSource } from '@/lib/models/read-model-source';

export const PROCESSES_DIR = path.join(import.meta.dirname, 'processes');

export type ProcessOutcome = { file: string; key: string; action: 'created' | 'published' | 'present' };

export async function ensureExampleProcesses(db: Db, dir: string = PROCESSES_DIR): Promise<ProcessOutcome[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort();
  const outcomes: ProcessOutcome[] = [];
  const failures: string[] = [];
  for (const file of files) {
    try {
      outcomes.push(await ensureProcess(db, file, decodeBpmnBytes(readFileSync(path.join(dir, file)))));
    } catch (error) {
      failures.push(`${file}: ${error instanceof AppError ? `${error.message}${findingLines(error)}` : String(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`seed: ${failures.length} example process(es) could not be seeded:\n${failures.join('\n')}`);
  return outcomes;
}

async function ensureProcess(db: Db, file: string, xml: string): Promise<ProcessOutcome> {
  const { model } = await readModelSource({ xml });
  const key = deriveModelKey(model);
  const existing = await db.processModel.findUnique({ where: { key } });

  if (!existing) {
    await createModel({ db, actor: SYSTEM_ACTOR, source: { xml } });
    await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: key, message: 'Example process (seed)' });
    return { file, key, action: 'created' };
  }
  const draft = parseDraft(existing.draft).model;
  if (existing.latestVersion === 0 && draft && modelChecksum(draft) === modelChecksum(model)) {
    await publishModel({ db, actor: SYSTEM_ACTOR, idOrKey: key, message: 'Example process (seed)' });
    return { file, key, action: 'published' };
  }
  return { file, key, action: 'present' };
}

function findingLines(error: AppError): string {
  const findings = error.details.findings;
  if (!Array.isArray(findings) || findings.length < 2) return '';
  return findings
    .slice(0, 5)
    .map((f) => (f && typeof f === 'object' && !Array.isArray(f) ? `\n  - ${String(f.severity)} ${String(f.code)}${f.elementId ? ` (${String(f.elementId)})` : ''}: ${String(f.message)}` : ''))
    .join('');
}
