'use client';
/**
 * Autosave of the draft through the optimistic lock.
 *
 * Contract
 * - After every change (`revision`), once edits pause for `delayMs`, the model is saved with the
 *   lock of the last successful save; one save is in flight at a time, and a change made during
 *   a save is saved after it.
 * - A 409 (someone saved in between) stops autosaving and reports a `conflict`: nothing is
 *   overwritten until the person chooses (`overwrite` saves on the current lock; reloading
 *   replaces the local model).
 * - `flush()` saves now and resolves when the draft on the server is this model (or rejects with
 *   the reason), for publishing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BpmnModel } from '@/lib/bpmn/model';
import type { SaveDraftResult } from './action-results';

export type SaveStatus =
  | { kind: 'saved'; at?: string }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'conflict'; currentLock: number; message: string }
  | { kind: 'error'; message: string };

export function useAutosave(input: {
  model: BpmnModel;
  revision: number;
  initialLock: number;
  save: (lock: number, model: BpmnModel) => Promise<SaveDraftResult>;
  delayMs?: number;
}) {
  const { model, revision, save } = input;
  const delay = input.delayMs ?? 800;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' });
  const lock = useRef(input.initialLock);
  const savedRevision = useRef(revision);
  const latest = useRef({ model, revision });
  const inFlight = useRef<Promise<void> | null>(null);
  const blocked = useRef(false);

  useEffect(() => {
    latest.current = { model, revision };
  }, [model, revision]);

  const saveNow = useCallback(async (): Promise<void> => {
    if (inFlight.current) await inFlight.current;
    const { model: toSave, revision: at } = latest.current;
    if (blocked.current || at === savedRevision.current) return;
    setStatus({ kind: 'saving' });
    const run = (async () => {
      const result = await save(lock.current, toSave);
      if (result.status === 'saved') {
        lock.current = result.lock;
        savedRevision.current = at;
        setStatus(latest.current.revision === at ? { kind: 'saved', at: result.savedAt } : { kind: 'unsaved' });
      } else if (result.status === 'conflict') {
        blocked.current = true;
        setStatus({ kind: 'conflict', currentLock: result.currentLock, message: result.message });
      } else {
        setStatus({ kind: 'error', message: result.message });
      }
    })();
    inFlight.current = run;
    try {
      await run;
    } finally {
      inFlight.current = null;
    }
  }, [save]);

  useEffect(() => {
    if (revision === savedRevision.current || blocked.current) return;
    setStatus((s) => (s.kind === 'saving' ? s : { kind: 'unsaved' }));
    const timer = setTimeout(() => void saveNow(), delay);
    return () => clearTimeout(timer);
  }, [revision, delay, saveNow]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current.revision !== savedRevision.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  /** Saves now; resolves true when the server has this model as its draft. */
  const flush = useCallback(async (): Promise<boolean> => {
    await saveNow();
    if (inFlight.current) await inFlight.current;
    return !blocked.current && latest.current.revision === savedRevision.current;
  }, [saveNow]);

  /** After a conflict: save this model over the other save (the person chose to). */
  const overwrite = useCallback(
    async (currentLock: number) => {
      lock.current = currentLock;
      blocked.current = false;
      savedRevision.current = -1;
      await saveNow();
    },
    [saveNow],
  );

  /** After loading the server's draft: it is saved as it is, at `newLock`. */
  const adopt = useCallback((newLock: number, atRevision: number) => {
    lock.current = newLock;
    blocked.current = false;
    savedRevision.current = atRevision;
    setStatus({ kind: 'saved' });
  }, []);

  return { status, flush, overwrite, adopt };
}
