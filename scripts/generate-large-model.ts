/**
 * A generated, drawn model of `count` flow elements for the modeler's performance measurement
 * (e2e/modeler-perf.spec.ts): one start event, tasks of every kind with an exclusive gateway every
 * tenth element, one end event, chained by sequence flows and laid out in rows of 25.
 */
import { BpmnModelSchema, type BpmnModel, type FlowElementType } from '@/lib/bpmn/model';
import { routeOrthogonal } from '@/lib/bpmn/diagram/route';
import { defaultSize } from '@/lib/bpmn/commands/element-factory';

const TASKS: FlowElementType[] = ['userTask', 'serviceTask', 'scriptTask', 'sendTask', 'receiveTask', 'manualTask', 'businessRuleTask', 'task'];
const PER_ROW = 25;

export function generateLargeModel(count = 500): BpmnModel {
  const elements: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const bounds = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (let i = 0; i < count; i++) {
    const id = `E${i}`;
    const type: FlowElementType = i === 0 ? 'startEvent' : i === count - 1 ? 'endEvent' : i % 10 === 5 ? 'exclusiveGateway' : TASKS[i % TASKS.length];
    const row = Math.floor(i / PER_ROW);
    const col = row % 2 === 0 ? i % PER_ROW : PER_ROW - 1 - (i % PER_ROW);
    const size = defaultSize(type);
    const b = { x: 60 + col * 170 + (100 - size.width) / 2, y: 60 + row * 160 + (80 - size.height) / 2, ...size };
    bounds.set(id, b);
    elements.push({ id, type, name: type.endsWith('Event') ? undefined : `Step ${i}`, parentId: 'Process_large' });
    shapes.push({ id: `${id}_di`, bpmnElement: id, bounds: b, ...(type === 'exclusiveGateway' ? { isMarkerVisible: true } : {}) });
  }
  const flows = [];
  const edges = [];
  for (let i = 1; i < count; i++) {
    const id = `F${i}`;
    flows.push({ id, parentId: 'Process_large', sourceRef: `E${i - 1}`, targetRef: `E${i}` });
    const s = bounds.get(`E${i - 1}`);
    const t = bounds.get(`E${i}`);
    if (s && t) edges.push({ id: `${id}_di`, bpmnElement: id, waypoints: routeOrthogonal(s, t) });
  }
  // A gateway needs a default: its single outgoing flow.
  for (const e of elements) if (e.type === 'exclusiveGateway') e.default = flows.find((f) => f.sourceRef === e.id)?.id;
  return BpmnModelSchema.parse({
    definitions: { id: 'Definitions_large' },
    processes: [{ id: 'Process_large', name: `Large model (${count} elements)`, isExecutable: true }],
    elements,
    flows,
    diagrams: [{ id: 'BPMNDiagram_1', plane: { id: 'BPMNPlane_1', bpmnElement: 'Process_large' }, shapes, edges }],
  });
}
