/**
 * Diagram interchange (BPMNDiagram / BPMNPlane / BPMNShape / BPMNEdge) <-> the model's diagrams.
 * Every diagram of the file is kept, including drill-down planes of collapsed sub-processes.
 *
 * Attributes the model does not type go to `attrs`: those of the BPMN DI meta-model itself
 * (isMessageVisible, sourceElement...) under their plain name, those of other namespaces
 * (bioc:stroke, color:background-color, vendor ones) under `{uri}localName`. Export writes them
 * back verbatim; references among them (sourceElement, labelStyle) are written as the ids they
 * were. Diagram content beyond shapes and edges (label styles, resolution, documentation) is in
 * the diagram's `extras`; the plane's own leftovers are under `extras.plane`.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { z } from 'zod';
import type { Bounds, Diagram, DiagramSchema, Edge, EdgeSchema, Point, Shape, ShapeSchema } from '../model';
import { applyJsonProperties, applyOverlay, isDefault, isJsonObject, propertiesToJson, type JsonObject, type JsonWriteContext } from './moddle-json';
import { ownBoolean, ownElement, ownElements, ownNumber, ownValue } from './moddle';
import { clarkKey } from './namespaces';
import { refId, type ReadContext } from './read-context';
import { readAttrs, writeAttrs } from './xml-element';

type DiagramInput = z.input<typeof DiagramSchema>;
type ShapeInput = z.input<typeof ShapeSchema>;
type EdgeInput = z.input<typeof EdgeSchema>;

/** Prefixes of the DI meta-model itself: their attributes are keyed by plain name. */
const DI_PREFIXES = new Set(['bpmndi', 'di', 'dc']);

// ---------------------------------------------------------------------------------------
// Reading

export function readDiagram(ctx: ReadContext, d: ModdleElement): DiagramInput {
  const plane = ownElement(d, 'plane');
  const planeElements = plane ? ownElements(plane, 'planeElement') : [];
  const extras: JsonObject = propertiesToJson(d, new Set(['id', 'name', 'plane']), ctx);
  if (plane) {
    const planeRest = propertiesToJson(plane, new Set(['id', 'bpmnElement', 'planeElement']), ctx);
    const planeAttrs = readAttrs(plane, ctx.aliases);
    if (Object.keys(planeAttrs).length > 0) planeRest.$attrs = planeAttrs;
    if (Object.keys(planeRest).length > 0) extras.plane = planeRest;
  }
  return {
    id: stringOf(d, 'id'),
    name: stringOf(d, 'name'),
    plane: { id: plane ? stringOf(plane, 'id') : undefined, bpmnElement: plane ? refId(ctx, plane, 'bpmnElement') : undefined },
    shapes: planeElements.filter((e) => e.$type === 'bpmndi:BPMNShape').flatMap((s) => readShape(ctx, s) ?? []),
    edges: planeElements.filter((e) => e.$type === 'bpmndi:BPMNEdge').map((e) => readEdge(ctx, e)),
    ...(Object.keys(extras).length > 0 ? { extras } : {}),
  };
}

function readShape(ctx: ReadContext, s: ModdleElement): ShapeInput | undefined {
  const bounds = readBounds(ownElement(s, 'bounds'));
  const bpmnElement = refId(ctx, s, 'bpmnElement');
  if (!bounds || bpmnElement === undefined) {
    ctx.findings.push({
      level: 'import',
      severity: 'warning',
      code: 'diagram-shape-incomplete',
      message: `Diagram shape "${stringOf(s, 'id') ?? '?'}" has no ${bounds ? 'bpmnElement' : 'bounds'}; it was left out.`,
    });
    return undefined;
  }
  return {
    id: stringOf(s, 'id'),
    bpmnElement,
    bounds,
    isExpanded: ownBoolean(s, 'isExpanded'),
    isHorizontal: ownBoolean(s, 'isHorizontal'),
    isMarkerVisible: ownBoolean(s, 'isMarkerVisible'),
    label: readLabel(ctx, ownElement(s, 'label')),
    attrs: readDiAttrs(ctx, s, ['id', 'bpmnElement', 'bounds', 'label', 'isExpanded', 'isHorizontal', 'isMarkerVisible']),
  };
}

function readEdge(ctx: ReadContext, e: ModdleElement): EdgeInput {
  return {
    id: stringOf(e, 'id'),
    bpmnElement: refId(ctx, e, 'bpmnElement') ?? '',
    waypoints: ownElements(e, 'waypoint').map(readPoint),
    label: readLabel(ctx, ownElement(e, 'label')),
    attrs: readDiAttrs(ctx, e, ['id', 'bpmnElement', 'waypoint', 'label']),
  };
}

function readLabel(ctx: ReadContext, label: ModdleElement | undefined): Shape['label'] {
  if (!label) return undefined;
  const bounds = readBounds(ownElement(label, 'bounds'));
  const attrs = readDiAttrs(ctx, label, ['bounds']);
  return { ...(bounds ? { bounds } : {}), ...(Object.keys(attrs).length > 0 ? { attrs } : {}) };
}

function readBounds(b: ModdleElement | undefined): Bounds | undefined {
  if (!b) return undefined;
  return { x: ownNumber(b, 'x') ?? 0, y: ownNumber(b, 'y') ?? 0, width: ownNumber(b, 'width') ?? 0, height: ownNumber(b, 'height') ?? 0 };
}

function readPoint(p: ModdleElement): Point {
  return { x: ownNumber(p, 'x') ?? 0, y: ownNumber(p, 'y') ?? 0 };
}

/** Attribute properties not in `consumed`, plus unknown attributes, as one Clark-keyed map. */
function readDiAttrs(ctx: ReadContext, el: ModdleElement, consumed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of el.$descriptor.properties ?? []) {
    if (!p.isAttr || consumed.includes(p.name)) continue;
    const value = p.isReference ? refId(ctx, el, p.name) : ownValue(el, p.name);
    if (value === undefined || value === null || typeof value === 'object' || isDefault(p, value)) continue;
    const uri = DI_PREFIXES.has(p.ns.prefix) ? undefined : ctx.moddleUri(p.ns.prefix);
    out[clarkKey(uri, p.name)] = String(value);
  }
  return { ...out, ...readAttrs(el, ctx.aliases) };
}

function stringOf(el: ModdleElement, name: string): string | undefined {
  const v = ownValue(el, name);
  return typeof v === 'string' ? v : undefined;
}

// ---------------------------------------------------------------------------------------
// Writing

export function writeDiagram(ctx: JsonWriteContext, d: Diagram): ModdleElement {
  const { moddle, refs } = ctx;
  const diagram = moddle.create('bpmndi:BPMNDiagram');
  const plane = moddle.create('bpmndi:BPMNPlane');
  const { plane: planeExtras, ...diagramExtras } = d.extras ?? {};
  applyJsonProperties(diagram, diagramExtras, ctx);
  if (isJsonObject(planeExtras)) applyOverlay(plane, planeExtras, ctx);
  setIfDefined(diagram, 'id', d.id);
  setIfDefined(diagram, 'name', d.name);
  setIfDefined(plane, 'id', d.plane.id);
  if (d.plane.bpmnElement) refs.defer(plane, 'bpmnElement', [d.plane.bpmnElement], false);
  const elements = [...d.shapes.map((s) => writeShape(ctx, s)), ...d.edges.map((e) => writeEdge(ctx, e))];
  for (const e of elements) e.$parent = plane;
  plane.set('planeElement', elements);
  plane.$parent = diagram;
  diagram.set('plane', plane);
  refs.register(diagram);
  refs.register(plane);
  return diagram;
}

function writeShape(ctx: JsonWriteContext, s: Shape): ModdleElement {
  const shape = ctx.moddle.create('bpmndi:BPMNShape');
  setIfDefined(shape, 'id', s.id);
  ctx.refs.defer(shape, 'bpmnElement', [s.bpmnElement], false);
  shape.set('bounds', writeBounds(ctx, s.bounds));
  setIfDefined(shape, 'isExpanded', s.isExpanded);
  setIfDefined(shape, 'isHorizontal', s.isHorizontal);
  setIfDefined(shape, 'isMarkerVisible', s.isMarkerVisible);
  if (s.label) shape.set('label', writeLabel(ctx, s.label));
  writeAttrs(shape, s.attrs, ctx.prefixes);
  ctx.refs.register(shape);
  return shape;
}

function writeEdge(ctx: JsonWriteContext, e: Edge): ModdleElement {
  const edge = ctx.moddle.create('bpmndi:BPMNEdge');
  setIfDefined(edge, 'id', e.id);
  if (e.bpmnElement) ctx.refs.defer(edge, 'bpmnElement', [e.bpmnElement], false);
  edge.set(
    'waypoint',
    e.waypoints.map((p) => ctx.moddle.create('dc:Point', { x: p.x, y: p.y })),
  );
  if (e.label) edge.set('label', writeLabel(ctx, e.label));
  writeAttrs(edge, e.attrs, ctx.prefixes);
  ctx.refs.register(edge);
  return edge;
}

function writeLabel(ctx: JsonWriteContext, label: NonNullable<Shape['label']>): ModdleElement {
  const el = ctx.moddle.create('bpmndi:BPMNLabel');
  if (label.bounds) el.set('bounds', writeBounds(ctx, label.bounds));
  writeAttrs(el, label.attrs ?? {}, ctx.prefixes);
  return el;
}

function writeBounds(ctx: JsonWriteContext, b: Bounds): ModdleElement {
  return ctx.moddle.create('dc:Bounds', { x: b.x, y: b.y, width: b.width, height: b.height });
}

function setIfDefined(el: ModdleElement, name: string, value: string | number | boolean | undefined): void {
  if (value !== undefined) el.set(name, value);
}

