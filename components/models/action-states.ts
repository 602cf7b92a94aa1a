/** What the models pages' server actions answer, for the forms that show it. */
import type { Finding } from '@/lib/bpmn/findings';

export type ImportState =
  | { status: 'idle' }
  | {
      status: 'error';
      message: string;
      /** The file the error is about. */
      fileName?: string;
      /** Why the file could not be read, with lines and element ids. */
      findings: Finding[];
      /** Set when the key is taken: the existing model, so the user can open it or pick another key. */
      keyTaken?: { key: string; modelId: string | null };
    };

export type PublishState =
  | { status: 'idle' }
  | { status: 'published'; version: number }
  | { status: 'unchanged'; version: number }
  | { status: 'error'; message: string; findings: Finding[] };
