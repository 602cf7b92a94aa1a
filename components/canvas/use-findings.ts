'use client';
/**
 * The validation findings of the model being edited.
 *
 * Contract
 * - For the model the page opened with, the findings the server computed for the saved draft are
 *   used as they are: opening a model validates nothing in the browser, and its markers are in
 *   the canvas's first render (no second pass over every node once validation is done).
 * - After an edit the model is validated again when the browser is idle (within `LATEST_MS` of
 *   the last edit), as a transition: typing and dragging never wait for validation, and a burst
 *   of edits is validated once. The validator is loaded with the first edit.
 */
import { startTransition, useEffect, useState } from 'react';
import type { BpmnModel } from '@/lib/bpmn/model';
import type { Finding } from '@/lib/bpmn/findings';
import { whenIdle } from './when-idle';

const LATEST_MS = 300;

export function useFindings(model: BpmnModel, initial: { model: BpmnModel; findings: Finding[] }): Finding[] {
  const [validated, setValidated] = useState(initial);
  useEffect(() => {
    if (validated.model === model) return;
    let cancelled = false;
    const cancelIdle = whenIdle(() => {
      // The validator (with the FEEL parser) is loaded on the first edit, not with the modeler.
      void import('@/lib/bpmn/validate').then(({ validateForExecution }) => {
        if (!cancelled) startTransition(() => setValidated({ model, findings: validateForExecution(model) }));
      });
    }, LATEST_MS);
    return () => {
      cancelled = true;
      cancelIdle();
    };
  }, [model, validated.model]);
  return validated.findings;
}
