/**
 * Copy and paste. `copyFragment` takes a self-contained piece of a model (the selection with its
 * contents and boundary events, and the connections between them); `preparePaste` picks fresh ids;
 * the `paste` command puts the piece into a container, shifted by a delta.
 */
import { z } from 'zod';
import { ArtifactSchema, EdgeSchema, FlowElementSchema, SequenceFlowSchema, ShapeSchema, type BpmnModel } from '../model';
import { translateBounds, translatePoints } from '../diagram/route';
import { requireContainer } from './add-element';
import { movedTogether } from './move-elements';
import { allIds, editedDiagram, newElementId, updateDiagram } from './model-edit';
import { rewrite } from './set-properties';
import { CommandError, type PasteCommand } from './types';

/** What the clipboard holds; parsed with zod when it comes back from outside (system clipboard). */
export const FragmentSchema = z.object({
  elements: z.array(FlowElementSchema),
  flows: z.array(SequenceFlowSchema),
  artifacts: z.array(ArtifactSchema),
  shapes: z.array(ShapeSchema),
  edges: z.array(EdgeSchema),
});
export type Fragment = z.infer<typeof FragmentSchema>;

export function copyFragment(model: BpmnModel, ids: readonly string[]): Fragment {
  const taken = movedTogether(model, ids.filter((id) => model.elements.some((e) => e.id === id) || model.artifacts.some((a) => a.id === id)));
  const elements = model.elements.filter((e) => taken.has(e.id));
  const flows = model.flows.filter((f) => taken.has(f.sourceRef) && taken.has(f.targetRef));
  const artifacts = model.artifacts.filter((a) => (a.type === 'association' ? taken.has(a.sourceRef) && taken.has(a.targetRef) : taken.has(a.id)));
  const inFragment = new Set([...elements, ...flows, ...artifacts].map((item) => item.id));
  const diagram = editedDiagram(model);
  return {
    elements,
    flows,
    artifacts,
    shapes: (diagram?.shapes ?? []).filter((s) => inFragment.has(s.bpmnElement)),
    edges: (diagram?.edges ?? []).filter((e) => inFragment.has(e.bpmnElement)),
  };
}

/** Fresh ids for every item of the fragment (same prefixes as the originals). */
export function preparePaste(model: BpmnModel, fragment: Fragment, random: () => number = Math.random): Record<string, string> {
  const ids: Record<string, string> = {};
  const taken = new Set<string>();
  for (const item of [...fragment.elements, ...fragment.flows, ...fragment.artifacts]) {
    const prefix = item.id.includes('_') ? item.id.slice(0, item.id.indexOf('_')) : item.id;
    const id = newElementId(model, prefix || 'Element', taken, random);
    taken.add(id);
    ids[item.id] = id;
  }
  return ids;
}

export function paste(model: BpmnModel, command: PasteCommand): BpmnModel {
  const { fragment, delta } = command;
  requireContainer(model, command.parentId);
  const used = allIds(model);
  for (const id of Object.values(command.ids)) if (used.has(id)) throw new CommandError(`The id "${id}" is already used in this model.`);
  const inFragment = new Set([...fragment.elements, ...fragment.artifacts].map((e) => e.id));
  const map = (id: string) => command.ids[id] ?? id;
  // Top-level items (whose parent is not pasted along) go into the target container.
  const reparent = <T extends { parentId: string }>(item: T): T => (inFragment.has(item.parentId) ? item : { ...item, parentId: command.parentId });

  const elements = fragment.elements.map((e) => rewrite(withoutCopiedRefs(reparent(e), command.ids), map));
  const flows = fragment.flows.map((f) => rewrite(reparent(f), map));
  const artifacts = fragment.artifacts.map((a) => rewrite(reparent(a), map));
  for (const e of elements) {
    if (e.type === 'boundaryEvent' && !elements.some((h) => h.id === e.attachedToRef)) {
      throw new CommandError('A boundary event can only be pasted together with its activity.');
    }
  }
  const shapes = fragment.shapes.map((s) => {
    const renamed = rewrite(s, map);
    const label = renamed.label?.bounds ? { ...renamed.label, bounds: translateBounds(renamed.label.bounds, delta) } : renamed.label;
    return { ...renamed, id: `${renamed.bpmnElement}_di`, bounds: translateBounds(renamed.bounds, delta), ...(label ? { label } : {}) };
  });
  const edges = fragment.edges.map((e) => {
    const renamed = rewrite(e, map);
    const label = renamed.label?.bounds ? { ...renamed.label, bounds: translateBounds(renamed.label.bounds, delta) } : renamed.label;
    return { ...renamed, id: `${renamed.bpmnElement}_di`, waypoints: translatePoints(renamed.waypoints, delta), ...(label ? { label } : {}) };
  });
  const next: BpmnModel = {
    ...model,
    elements: [...model.elements, ...elements],
    flows: [...model.flows, ...flows],
    artifacts: [...model.artifacts, ...artifacts],
  };
  return updateDiagram(next, (d) => ({ ...d, shapes: [...d.shapes, ...shapes], edges: [...d.edges, ...edges] }));
}

/**
 * The element without what must not be copied: ids of its event definitions and loop (ids are
 * unique in a document) and a `default` flow that is not pasted along.
 */
function withoutCopiedRefs<T extends BpmnModel['elements'][number]>(element: T, ids: Record<string, string>): T {
  const copy: T = { ...element };
  if ('eventDefinitions' in copy) {
    copy.eventDefinitions = copy.eventDefinitions.map((d) => {
      const rest = { ...d };
      delete rest.id;
      return rest;
    });
  }
  if ('loop' in copy && copy.loop) {
    const loop = { ...copy.loop };
    delete loop.id;
    copy.loop = loop;
  }
  if ('default' in copy && copy.default !== undefined && !(copy.default in ids)) delete copy.default;
  return copy;
}
