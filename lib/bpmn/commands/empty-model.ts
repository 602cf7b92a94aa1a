/**
 * A new, empty model: one executable process and an empty diagram on it — what the modeler
 * starts from when someone creates a model from scratch.
 */
import { BpmnModelSchema, type BpmnModel } from '../model';

/** `Process_order_fulfilment` for the key `order-fulfilment` (a valid BPMN id). */
export function processIdForKey(key: string): string {
  return `Process_${key.replace(/[^A-Za-z0-9]+/g, '_')}`;
}

export function emptyModel(input: { key: string; name: string }): BpmnModel {
  const processId = processIdForKey(input.key);
  return BpmnModelSchema.parse({
    definitions: { id: `Definitions_${processId.slice('Process_'.length)}`, exporter: 'Baton' },
    processes: [{ id: processId, name: input.name, isExecutable: true }],
    elements: [],
    flows: [],
    diagrams: [{ id: 'BPMNDiagram_1', plane: { id: 'BPMNPlane_1', bpmnElement: processId }, shapes: [], edges: [] }],
  });
}
