/**
 * A finding about a BPMN document: something wrong or doubtful, in plain words, with where it is.
 *
 * `level` says which check produced it: `import` (can the file be read into the model at all,
 * lib/bpmn/xml) or `execution` (can the engine run it). `line`/`column` are 1-based positions in
 * the XML text when known.
 */
import { z } from 'zod';

export const FindingSchema = z.object({
  level: z.enum(['import', 'execution']),
  severity: z.enum(['error', 'warning']),
  /** Stable machine code, e.g. `duplicate-id`; the message is for people. */
  code: z.string().min(1),
  message: z.string().min(1),
  elementId: z.string().optional(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
