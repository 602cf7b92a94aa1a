/**
 * Models for the command tests: small, drawn (with DI), and parsed through the schema so they
 * look exactly like imported ones.
 */
import { expect } from 'vitest';
import { BpmnModelSchema, type BpmnModel, type BpmnModelInput } from '../model';
import { applyCommand } from './apply-command';
import type { ModelCommand } from './types';

const shape = (bpmnElement: string, x: number, y: number, width: number, height: number, extra: Record<string, unknown> = {}) => ({
  id: `${bpmnElement}_di`,
  bpmnElement,
  bounds: { x, y, width, height },
  ...extra,
});
const edge = (bpmnElement: string, points: [number, number][]) => ({ id: `${bpmnElement}_di`, bpmnElement, waypoints: points.map(([x, y]) => ({ x, y })) });

/**
 * Process P, drawn left to right:
 *   start → review (user task, with timer boundary `remind` → `reminded` end) → decide (xor)
 *   decide → approved (end, default flow f3) and decide → sub (expanded sub-process with
 *   inner start `s1` → inner end `s2`) → done (end).
 * Lane `L1` holds start, review and decide; annotation `note` is associated with review.
 */
export function approvalModel(extra: Partial<BpmnModelInput> = {}): BpmnModel {
  return BpmnModelSchema.parse({
    definitions: { id: 'defs' },
    processes: [
      {
        id: 'P',
        isExecutable: true,
        laneSets: [{ id: 'LS', lanes: [{ id: 'L1', name: 'Team', flowNodeRefs: ['start', 'review', 'decide'], childLanes: [], extensions: [], attrs: {} }] }],
      },
    ],
    elements: [
      { type: 'startEvent', id: 'start', parentId: 'P' },
      { type: 'userTask', id: 'review', parentId: 'P', name: 'Review' },
      { type: 'boundaryEvent', id: 'remind', parentId: 'P', attachedToRef: 'review', eventDefinitions: [{ kind: 'timer', timeDuration: { body: 'PT1H' } }] },
      { type: 'endEvent', id: 'reminded', parentId: 'P' },
      { type: 'exclusiveGateway', id: 'decide', parentId: 'P', default: 'f3' },
      { type: 'endEvent', id: 'approved', parentId: 'P' },
      { type: 'subProcess', id: 'sub', parentId: 'P' },
      { type: 'startEvent', id: 's1', parentId: 'sub' },
      { type: 'endEvent', id: 's2', parentId: 'sub' },
      { type: 'endEvent', id: 'done', parentId: 'P' },
    ],
    flows: [
      { id: 'f1', parentId: 'P', sourceRef: 'start', targetRef: 'review' },
      { id: 'f2', parentId: 'P', sourceRef: 'review', targetRef: 'decide' },
      { id: 'f3', parentId: 'P', sourceRef: 'decide', targetRef: 'approved' },
      { id: 'f4', parentId: 'P', sourceRef: 'decide', targetRef: 'sub', condition: { body: '=amount > 100' } },
      { id: 'f5', parentId: 'P', sourceRef: 'sub', targetRef: 'done' },
      { id: 'f6', parentId: 'P', sourceRef: 'remind', targetRef: 'reminded' },
      { id: 'fs', parentId: 'sub', sourceRef: 's1', targetRef: 's2' },
    ],
    artifacts: [
      { type: 'textAnnotation', id: 'note', parentId: 'P', text: 'Four eyes' },
      { type: 'association', id: 'a1', parentId: 'P', sourceRef: 'note', targetRef: 'review' },
    ],
    diagrams: [
      {
        id: 'D',
        plane: { id: 'PL', bpmnElement: 'P' },
        shapes: [
          shape('L1', 0, 0, 900, 300, { isHorizontal: true }),
          shape('start', 50, 100, 36, 36, { label: { bounds: { x: 40, y: 140, width: 56, height: 14 } } }),
          shape('review', 150, 78, 100, 80),
          shape('remind', 200, 140, 36, 36),
          shape('reminded', 300, 220, 36, 36),
          shape('decide', 320, 93, 50, 50, { isMarkerVisible: true }),
          shape('approved', 450, 20, 36, 36),
          shape('sub', 450, 100, 300, 150, { isExpanded: true }),
          shape('s1', 480, 150, 36, 36),
          shape('s2', 680, 150, 36, 36),
          shape('done', 820, 157, 36, 36),
          shape('note', 150, 0, 100, 30),
        ],
        edges: [
          edge('f1', [[86, 118], [150, 118]]),
          edge('f2', [[250, 118], [320, 118]]),
          edge('f3', [[345, 93], [345, 38], [450, 38]]),
          edge('f4', [[370, 118], [450, 118]]),
          edge('f5', [[750, 175], [820, 175]]),
          edge('f6', [[218, 176], [218, 238], [300, 238]]),
          edge('fs', [[516, 168], [680, 168]]),
          edge('a1', [[200, 30], [200, 78]]),
        ],
      },
    ],
    ...extra,
  });
}

/**
 * Applies the command, checks that its inverse gives back exactly the model (deep-equal, order
 * included) and that applying the command again to that gives the same result (redo); returns
 * the model after the command.
 */
export function applyAndCheckInverse(model: BpmnModel, command: ModelCommand): BpmnModel {
  const before = structuredClone(model);
  const { model: next, inverse } = applyCommand(model, command);
  expect(model).toEqual(before);
  const { model: restored } = applyCommand(next, inverse);
  expect(restored).toEqual(before);
  expect(applyCommand(restored, command).model).toEqual(next);
  return next;
}

export function shapeBounds(model: BpmnModel, id: string) {
  return model.diagrams[0]?.shapes.find((s) => s.bpmnElement === id)?.bounds;
}

export function waypoints(model: BpmnModel, id: string) {
  return model.diagrams[0]?.edges.find((e) => e.bpmnElement === id)?.waypoints;
}
