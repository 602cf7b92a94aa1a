'use client';
/**
 * The modeler's state: the model (the truth, edited only through commands), the undo/redo
 * history, the selection and a notice for edits that were refused. Callbacks are stable; they
 * read the latest state through a ref, so handlers passed to React Flow never change.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { BpmnModel } from '@/lib/bpmn/model';
import { CommandError, EMPTY_HISTORY, execute, redo, undo, type History, type ModelCommand } from '@/lib/bpmn/commands';

export type ModelerState = {
  model: BpmnModel;
  history: History;
  selection: ReadonlySet<string>;
  /** Counts every change of the model (edits, undo, redo), for autosave. */
  revision: number;
  notice?: string;
};

export type RunOptions = { label: string; coalesceKey?: string; select?: string[] };

export type ModelerActions = {
  /** Applies a command; a refused one leaves the model as it is and shows why. Returns whether it was applied. */
  run: (command: ModelCommand, options: RunOptions) => boolean;
  undo: () => void;
  redo: () => void;
  select: (ids: Iterable<string>) => void;
  /** Replaces the model and forgets the history (after loading someone else's save). */
  reset: (model: BpmnModel) => void;
  notify: (notice: string | undefined) => void;
  /** The latest state, for event handlers. */
  current: () => ModelerState;
};

export function useModelerState(initial: BpmnModel): [ModelerState, ModelerActions] {
  const [state, setState] = useState<ModelerState>({ model: initial, history: EMPTY_HISTORY, selection: new Set(), revision: 0 });
  // Every change goes through `update`, which keeps the ref and the state in step.
  const ref = useRef(state);

  const update = useCallback((next: ModelerState) => {
    ref.current = next;
    setState(next);
  }, []);

  const run = useCallback(
    (command: ModelCommand, options: RunOptions) => {
      const s = ref.current;
      try {
        const result = execute(s.model, s.history, command, options);
        if (result.model === s.model) return false;
        update({
          ...s,
          model: result.model,
          history: result.history,
          revision: s.revision + 1,
          selection: options.select ? new Set(options.select) : pruneSelection(s.selection, result.model),
          notice: undefined,
        });
        return true;
      } catch (error) {
        if (error instanceof CommandError) {
          update({ ...s, notice: error.message });
          return false;
        }
        throw error;
      }
    },
    [update],
  );

  const actions = useMemo<ModelerActions>(
    () => ({
      run,
      undo: () => {
        const s = ref.current;
        const result = undo(s.model, s.history);
        if (result) update({ ...s, ...result, revision: s.revision + 1, selection: pruneSelection(s.selection, result.model), notice: undefined });
      },
      redo: () => {
        const s = ref.current;
        const result = redo(s.model, s.history);
        if (result) update({ ...s, ...result, revision: s.revision + 1, selection: pruneSelection(s.selection, result.model), notice: undefined });
      },
      select: (ids) => {
        const s = ref.current;
        const next = new Set(ids);
        if (next.size === s.selection.size && [...next].every((id) => s.selection.has(id))) return;
        update({ ...s, selection: next });
      },
      reset: (model) => update({ model, history: EMPTY_HISTORY, selection: new Set(), revision: ref.current.revision, notice: undefined }),
      notify: (notice) => update({ ...ref.current, notice }),
      current: () => ref.current,
    }),
    [run, update],
  );
  return [state, actions];
}

/** The selection without ids the model no longer has. */
function pruneSelection(selection: ReadonlySet<string>, model: BpmnModel): ReadonlySet<string> {
  if (selection.size === 0) return selection;
  const ids = new Set<string>([
    ...model.elements.map((e) => e.id),
    ...model.flows.map((f) => f.id),
    ...model.artifacts.map((a) => a.id),
    ...model.processes.flatMap((p) => p.laneSets.flatMap((s) => s.lanes.map((l) => l.id))),
    ...(model.collaboration?.participants.map((p) => p.id) ?? []),
    ...(model.collaboration?.messageFlows.map((m) => m.id) ?? []),
  ]);
  const kept = [...selection].filter((id) => ids.has(id));
  return kept.length === selection.size ? selection : new Set(kept);
}
