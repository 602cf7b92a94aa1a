/**
 * A tiny builder of minimal process models for tests.
 *
 * `buildModel({ elements, flows })` puts everything in one executable process `Process_1`
 * unless told otherwise, and fills every default through `BpmnModelSchema.parse`, so tests
 * write only what they are about.
 */
import type { z } from 'zod';
import {
  BpmnModelSchema,
  type ArtifactSchema,
  type BpmnModel,
  type BpmnModelInput,
  type FlowElementSchema,
  type SequenceFlowSchema,
} from '../model';

export const PROCESS_ID = 'Process_1';

type WithOptionalParent<T> = T extends unknown ? Omit<T, 'parentId'> & { parentId?: string } : never;

export type ElementInput = WithOptionalParent<z.input<typeof FlowElementSchema>>;
export type FlowInput = WithOptionalParent<z.input<typeof SequenceFlowSchema>>;
export type ArtifactInput = WithOptionalParent<z.input<typeof ArtifactSchema>>;

export type ModelInput = {
  elements?: ElementInput[];
  flows?: FlowInput[];
  artifacts?: ArtifactInput[];
  /** Defaults to one executable process `Process_1`. */
  processes?: BpmnModelInput['processes'];
  globals?: BpmnModelInput['globals'];
};

export function buildModel(input: ModelInput): BpmnModel {
  return BpmnModelSchema.parse({
    definitions: { id: 'Definitions_1' },
    processes: input.processes ?? [{ id: PROCESS_ID, isExecutable: true }],
    elements: (input.elements ?? []).map((element) => ({ parentId: PROCESS_ID, ...element })),
    flows: (input.flows ?? []).map((flow) => ({ parentId: PROCESS_ID, ...flow })),
    artifacts: (input.artifacts ?? []).map((artifact) => ({ parentId: PROCESS_ID, ...artifact })),
    globals: input.globals,
  });
}

/** A sequence flow `id` from `sourceRef` to `targetRef`, with an optional condition body. */
export function flow(id: string, sourceRef: string, targetRef: string, condition?: string): FlowInput {
  return condition === undefined ? { id, sourceRef, targetRef } : { id, sourceRef, targetRef, condition: { body: condition } };
}

/** Flows along a chain of element ids: `chain('a', 'b', 'c')` gives a→b and b→c (ids `a-b`, `b-c`). */
export function chain(...ids: string[]): FlowInput[] {
  return ids.slice(1).map((target, index) => flow(`${ids[index]}-${target}`, ids[index], target));
}
