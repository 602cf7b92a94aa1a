/**
 * Compiled definitions per published version, compiled on first use and cached for the life of
 * the process.
 *
 * Decision: the runtime compiles; `ProcessVersion.compiled` stays null. A `Definition` holds
 * compiled expressions (closures), which do not survive JSON, and compiling a version takes
 * about a millisecond, once per process. Versions are immutable, so the cache never goes stale.
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
  retentionDays: number | null;
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
      select: { id: true, number: true, processKey: true, modelJson: true, retentionDays: true, model: { select: { id: true, key: true } } },
    });
    if (row === null) throw new VersionNotRunnableError(versionId, `process version ${versionId} does not exist`);
    const model = BpmnModelSchema.parse(JSON.parse(row.modelJson));
    const compiled = compile(model, { processId: row.processKey });
    if (!compiled.ok) {
      const reasons = compiled.findings.filter((f) => f.severity === 'error').map((f) => f.message);
      throw new VersionNotRunnableError(versionId, `version ${row.number} of ${row.model.key} does not compile: ${reasons.join('; ')}`);
    }
    return {
      versionId: row.id,
      versionNumber: row.number,
      modelKey: row.model.key,
      modelId: row.model.id,
      processId: row.processKey,
      retentionDays: row.retentionDays,
      definition: compiled.definition,
    };
  }
}
