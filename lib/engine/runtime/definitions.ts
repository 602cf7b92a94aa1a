/**
 * Compiled definitions per published version, compiled once per process and cached.
 *
 * Contract
 * - `DefinitionCache.get(versionId)` reads the version row once per runtime context; the
 *   compiled `Definition` is shared by every context of the process (API routes, the runtime's
 *   loops, tests' contexts) through a process-wide cache keyed by version id AND checksum, so a
 *   command never compiles, and content that is not the cached content (a database recreated
 *   with reused ids in tests) is never served a stale definition.
 * - Versions are immutable (their content and checksum never change), so entries never go stale.
 *
 * Decision: `ProcessVersion.compiled` stays null. A `Definition` holds compiled expressions
 * (closures), which do not survive JSON, and compiling a version takes about a millisecond:
 * caching the closures in memory is what saves the work; a JSON copy would still need compiling.
 */
import { BpmnModelSchema } from '@/lib/bpmn/model';
import type { Db } from '@/lib/db/client';
import { compile, type Definition } from '@/lib/engine/core';

export type VersionDefinition = {
  versionId: string;
  versionNumber: number;
  /** The model's key (what instances are listed and started by). */
  modelKey: string;
  modelId: string;
  /** The BPMN process id of the version. */
  processId: string;
  definition: Definition;
};

export class VersionNotRunnableError extends Error {
  constructor(
    readonly versionId: string,
    message: string,
  ) {
    super(message);
    this.name = 'VersionNotRunnableError';
  }
}

/** Process-wide: `${versionId}\u0000${checksum}` → the compiled definition (or why it does not compile). */
const compiledByContent = new Map<string, { ok: true; definition: Definition } | { ok: false; message: string }>();

let compileCount = 0;

/** How many times this process compiled a version (tests and diagnostics). */
export function compiledVersionCount(): number {
  return compileCount;
}

function compiledOf(row: { id: string; checksum: string; number: number; processKey: string; modelJson: string; model: { key: string } }) {
  const key = `${row.id}\u0000${row.checksum}`;
  let entry = compiledByContent.get(key);
  if (entry === undefined) {
    compileCount++;
    const compiled = compile(BpmnModelSchema.parse(JSON.parse(row.modelJson)), { processId: row.processKey });
    entry = compiled.ok
      ? { ok: true, definition: compiled.definition }
      : {
          ok: false,
          message: `version ${row.number} of ${row.model.key} does not compile: ${compiled.findings
            .filter((f) => f.severity === 'error')
            .map((f) => f.message)
            .join('; ')}`,
        };
    compiledByContent.set(key, entry);
  }
  return entry;
}

export class DefinitionCache {
  private readonly byVersion = new Map<string, Promise<VersionDefinition>>();

  constructor(private readonly db: Db) {}

  /** The compiled definition of version `versionId`; throws `VersionNotRunnableError` if it does not exist or does not compile. */
  get(versionId: string): Promise<VersionDefinition> {
    let entry = this.byVersion.get(versionId);
    if (entry === undefined) {
      entry = this.load(versionId);
      this.byVersion.set(versionId, entry);
      entry.catch(() => this.byVersion.delete(versionId));
    }
    return entry;
  }

  private async load(versionId: string): Promise<VersionDefinition> {
    const row = await this.db.processVersion.findUnique({
      where: { id: versionId },
      select: { id: true, number: true, processKey: true, modelJson: true, checksum: true, model: { select: { id: true, key: true } } },
    });
    if (row === null) throw new VersionNotRunnableError(versionId, `process version ${versionId} does not exist`);
    const compiled = compiledOf(row);
    if (!compiled.ok) throw new VersionNotRunnableError(versionId, compiled.message);
    return {
      versionId: row.id,
      versionNumber: row.number,
      modelKey: row.model.key,
      modelId: row.model.id,
      processId: row.processKey,
      definition: compiled.definition,
    };
  }
}
