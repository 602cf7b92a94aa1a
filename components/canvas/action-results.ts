/**
 * What the modeler's server actions (app/models/[id]/edit/actions.ts) answer. The page binds the
 * actions to its model and hands them to the modeler, which never reaches the database itself.
 */
import type { Finding } from '@/lib/bpmn/findings';
import type { BpmnModel } from '@/lib/bpmn/model';

export type SaveDraftResult =
  | { status: 'saved'; lock: number; savedAt: string }
  /** Someone saved in between: nothing was written. */
  | { status: 'conflict'; currentLock: number; message: string }
  | { status: 'error'; message: string };

export type PublishDraftResult =
  | { status: 'published'; version: number }
  | { status: 'unchanged'; version: number }
  | { status: 'error'; message: string; findings: Finding[] };

export type LoadModelResult = { status: 'ok'; model: BpmnModel; lock: number } | { status: 'error'; message: string };

export type StartInstanceResult = { status: 'started'; instanceId: string; version: number; instanceStatus: string } | { status: 'error'; message: string };

export type CreateModelState = { status: 'idle' } | { status: 'error'; message: string };

export type ModelerServerActions = {
  saveDraft: (lock: number, model: BpmnModel) => Promise<SaveDraftResult>;
  publish: (message: string) => Promise<PublishDraftResult>;
  /** The saved draft and its lock, as someone else left it. */
  loadDraft: () => Promise<LoadModelResult>;
  /** A published version's model (its lock is the draft's current one). */
  loadVersion: (number: number) => Promise<LoadModelResult>;
  /** Starts an instance of a published version with the given variables (a JSON object's text). */
  startInstance: (version: number, variablesJson: string) => Promise<StartInstanceResult>;
};
