/**
 * BpmnModel -> BPMN 2.0 XML that bpmn.io / Camunda Modeler open.
 *
 * Contract
 * - `bpmn:` prefix for BPMN, DI for every diagram of the model, incoming/outgoing on flow nodes
 *   (derived from the flows), Baton's settings as extension elements in the Baton namespace
 *   (`baton:`), vendor extensions and attributes written back with their namespace URIs (and the
 *   source file's prefixes where free), untyped content from `extras`/`globals.other`.
 * - Importing the result gives back the same model (see corpus-roundtrip.test.ts).
 * - The model is trusted to fit BpmnModelSchema; references to ids that do not exist are
 *   written as they are.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { BATON_NS, type BpmnModel, type Lane, type XmlElement } from '../model';
import { writeDiagram } from './di';
import { applyJsonProperties, createReferenceTable, jsonToElement } from './moddle-json';
import { createModdle, isModdleElement } from './moddle';
import { createPrefixTable } from './namespaces';
import { createWithBase, refer, referMany, type WriteContext } from './write-context';
import { indexModel, writeArtifact, writeFlowContent, type ModelIndex } from './write-flow-elements';
import { writeAttrs, writeExtensionElements } from './xml-element';

export async function exportBpmn(model: BpmnModel): Promise<string> {
  const moddle = createModdle();
  const ctx: WriteContext = {
    moddle,
    prefixes: createPrefixTable(moddle, model.definitions.namespaces),
    refs: createReferenceTable(),
  };
  const definitions = writeDefinitions(ctx, model);
  ctx.refs.resolveAll();
  Object.assign(definitions.$attrs, ctx.prefixes.declarations());
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}

function writeDefinitions(ctx: WriteContext, model: BpmnModel): ModdleElement {
  const d = model.definitions;
  const defs = ctx.moddle.create('bpmn:Definitions');
  applyJsonProperties(defs, d.extras ?? {}, ctx);
  defs.set('id', d.id);
  for (const key of ['name', 'targetNamespace', 'exporter', 'exporterVersion'] as const) {
    if (d[key] !== undefined) defs.set(key, d[key]);
  }
  const ext = writeExtensionElements(d.extensions, ctx.moddle, ctx.prefixes);
  if (ext) defs.set('extensionElements', ext);
  writeAttrs(defs, d.attrs, ctx.prefixes);

  const index = indexModel(model);
  const roots = [
    ...(model.collaboration ? [writeCollaboration(ctx, model, index)] : []),
    ...model.processes.map((p) => writeProcess(ctx, p, index)),
    ...writeGlobals(ctx, model),
  ];
  for (const r of roots) r.$parent = defs;
  defs.set('rootElements', roots);
  const diagrams = model.diagrams.map((diagram) => writeDiagram(ctx, diagram));
  for (const diagram of diagrams) diagram.$parent = defs;
  if (diagrams.length > 0) defs.set('diagrams', diagrams);
  return defs;
}

function writeGlobals(ctx: WriteContext, model: BpmnModel): ModdleElement[] {
  const g = model.globals;
  return [
    ...g.messages.map((m) => createWithBase(ctx, 'bpmn:Message', m)),
    ...g.errors.map((e) => withAttr(createWithBase(ctx, 'bpmn:Error', e), 'errorCode', e.errorCode)),
    ...g.escalations.map((e) => withAttr(createWithBase(ctx, 'bpmn:Escalation', e), 'escalationCode', e.escalationCode)),
    ...g.signals.map((s) => createWithBase(ctx, 'bpmn:Signal', s)),
    ...g.other.map((o) => jsonToElement(o, ctx)).filter(isModdleElement),
  ];
}

function withAttr(el: ModdleElement, name: string, value: string | undefined): ModdleElement {
  if (value !== undefined) el.set(name, value);
  return el;
}

function writeProcess(ctx: WriteContext, p: BpmnModel['processes'][number], index: ModelIndex): ModdleElement {
  const sla: XmlElement[] = p.slaTarget === undefined ? [] : [{ ns: BATON_NS, name: 'sla', attrs: { target: p.slaTarget }, children: [] }];
  const proc = createWithBase(ctx, 'bpmn:Process', p, sla);
  proc.set('isExecutable', p.isExecutable);
  const laneSets = p.laneSets.map((ls) => writeLaneSet(ctx, ls.lanes, ls.id, ls.name));
  for (const ls of laneSets) ls.$parent = proc;
  if (laneSets.length > 0) proc.set('laneSets', laneSets);
  writeFlowContent(ctx, proc, p.id, index);
  return proc;
}

function writeLaneSet(ctx: WriteContext, lanes: Lane[], id?: string, name?: string): ModdleElement {
  const set = createWithBase(ctx, 'bpmn:LaneSet', { id, name });
  const written = lanes.map((l) => writeLane(ctx, l));
  for (const l of written) l.$parent = set;
  set.set('lanes', written);
  return set;
}

function writeLane(ctx: WriteContext, lane: Lane): ModdleElement {
  const el = createWithBase(ctx, 'bpmn:Lane', lane);
  referMany(ctx, el, 'flowNodeRef', lane.flowNodeRefs);
  if (lane.childLanes.length > 0) {
    const child = writeLaneSet(ctx, lane.childLanes);
    child.$parent = el;
    el.set('childLaneSet', child);
  }
  return el;
}

function writeCollaboration(ctx: WriteContext, model: BpmnModel, index: ModelIndex): ModdleElement {
  const c = model.collaboration;
  const collab = createWithBase(ctx, 'bpmn:Collaboration', c ?? { id: 'Collaboration_1' });
  if (!c) return collab;
  const participants = c.participants.map((p) => {
    const el = createWithBase(ctx, 'bpmn:Participant', p);
    refer(ctx, el, 'processRef', p.processRef);
    return el;
  });
  const messageFlows = c.messageFlows.map((m) => {
    const el = createWithBase(ctx, 'bpmn:MessageFlow', m);
    refer(ctx, el, 'sourceRef', m.sourceRef);
    refer(ctx, el, 'targetRef', m.targetRef);
    refer(ctx, el, 'messageRef', m.messageRef);
    return el;
  });
  const artifacts = [...existingArtifacts(collab), ...index.artifactsIn(c.id).map((a) => writeArtifact(ctx, a))];
  for (const child of [...participants, ...messageFlows, ...artifacts]) child.$parent = collab;
  if (participants.length > 0) collab.set('participants', participants);
  if (messageFlows.length > 0) collab.set('messageFlows', messageFlows);
  if (artifacts.length > 0) collab.set('artifacts', artifacts);
  return collab;
}

function existingArtifacts(el: ModdleElement): ModdleElement[] {
  const value = Object.prototype.hasOwnProperty.call(el, 'artifacts') ? el.artifacts : undefined;
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}
