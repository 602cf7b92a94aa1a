/**
 * Model keys: the stable, URL-safe name of a process model ("order-fulfilment").
 *
 * Contract
 * - A key is lower-case ASCII letters and digits in groups joined by single hyphens, at most
 *   64 characters (`ModelKeySchema`).
 * - `deriveModelKey` slugs the id of the model's executable process (the first process with
 *   isExecutable, else the first process, else the definitions id). camelCase, underscores,
 *   dots and spaces become hyphens; accents are stripped; anything else is dropped.
 * - Keys are unique. On a collision, creating a model answers 409 `model.key-taken` rather
 *   than inventing a numbered suffix: instances and call activities address processes by key,
 *   so a key must be chosen, not guessed. A client that wants another key passes `key`.
 */
import { z } from 'zod';
import type { BpmnModel, Process } from '@/lib/bpmn/model';

export const MODEL_KEY_MAX_LENGTH = 64;

export const ModelKeySchema = z
  .string()
  .max(MODEL_KEY_MAX_LENGTH)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a key is lower-case letters and digits joined by single hyphens, e.g. order-fulfilment');

/** The process that instances of this model run: the first executable one, else the first. */
export function mainProcess(model: BpmnModel): Process | undefined {
  return model.processes.find((p) => p.isExecutable) ?? model.processes[0];
}

export function slugifyKey(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.slice(0, MODEL_KEY_MAX_LENGTH).replace(/-+$/, '');
  return cut || 'process';
}

export function deriveModelKey(model: BpmnModel): string {
  return slugifyKey(mainProcess(model)?.id ?? model.definitions.id);
}

/** The display name of a new model: the main process's name, else the definitions name, else its id. */
export function deriveModelName(model: BpmnModel): string {
  const process = mainProcess(model);
  return process?.name?.trim() || model.definitions.name?.trim() || process?.id || model.definitions.id;
}
