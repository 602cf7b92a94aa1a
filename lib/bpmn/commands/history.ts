/**
 * The undo/redo stack of the modeler. Pure: the canvas keeps a `History` in state and asks these
 * functions for the next model.
 *
 * Contract
 * - `execute` applies a command and records it; it clears what could be redone.
 * - `undo` applies the inverse of the last command; `redo` applies the command again (commands
 *   carry their ids, so redo gives the same model as the first time).
 * - Edits that carry the same `coalesceKey` one after the other (typing into one field) are one
 *   undo step: the first inverse is kept, the last command replaces the command. Callers coalesce
 *   only commands for which the last one alone gives the final state (setting one property).
 * - At most `limit` steps are kept (default 200).
 */
import type { BpmnModel } from '../model';
import { applyCommand } from './apply-command';
import type { ModelCommand, PatchCommand } from './types';

export type HistoryEntry = { command: ModelCommand; inverse: PatchCommand; label: string; coalesceKey?: string };
export type History = { past: HistoryEntry[]; future: HistoryEntry[] };

export const EMPTY_HISTORY: History = { past: [], future: [] };

export function execute(
  model: BpmnModel,
  history: History,
  command: ModelCommand,
  options: { label: string; coalesceKey?: string; limit?: number },
): { model: BpmnModel; history: History } {
  const { model: next, inverse } = applyCommand(model, command);
  if (next === model) return { model, history };
  const last = history.past[history.past.length - 1];
  if (options.coalesceKey !== undefined && last?.coalesceKey === options.coalesceKey && history.future.length === 0) {
    const merged: HistoryEntry = { ...last, command };
    return { model: next, history: { past: [...history.past.slice(0, -1), merged], future: [] } };
  }
  const entry: HistoryEntry = { command, inverse, label: options.label, ...(options.coalesceKey ? { coalesceKey: options.coalesceKey } : {}) };
  const past = [...history.past, entry].slice(-(options.limit ?? 200));
  return { model: next, history: { past, future: [] } };
}

export function undo(model: BpmnModel, history: History): { model: BpmnModel; history: History } | undefined {
  const entry = history.past[history.past.length - 1];
  if (!entry) return undefined;
  const { model: previous } = applyCommand(model, entry.inverse);
  return { model: previous, history: { past: history.past.slice(0, -1), future: [entry, ...history.future] } };
}

export function redo(model: BpmnModel, history: History): { model: BpmnModel; history: History } | undefined {
  const entry = history.future[0];
  if (!entry) return undefined;
  const { model: next, inverse } = applyCommand(model, entry.command);
  const redone: HistoryEntry = { ...entry, inverse, coalesceKey: undefined };
  return { model: next, history: { past: [...history.past, redone], future: history.future.slice(1) } };
}
