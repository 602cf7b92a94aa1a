/**
 * Every file of the shared BPMN corpus (files written by others, see its README and CATALOG.tsv):
 * well-formed valid files import, the deliberately broken ones are refused with a clear reason,
 * and export -> re-import keeps what matters. Expected counts are exact, so any regression fails.
 *
 * The corpus lives beside the repository (`../shared/bpmn-corpus`); BPMN_CORPUS_DIR overrides.
 */
import { BpmnModdle } from 'bpmn-moddle';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bounds, BpmnModel, JsonValue, Lane, XmlElement } from '../model';
import { decodeBpmnBytes } from './decode-bpmn';
import { exportBpmn } from './export-bpmn';
import { importBpmn } from './import-bpmn';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const corpusDir = process.env.BPMN_CORPUS_DIR ?? path.resolve(repoRoot, '../shared/bpmn-corpus');
const benchFile = path.resolve(corpusDir, '../bench/bench.bpmn');

if (!fs.existsSync(path.join(corpusDir, 'CATALOG.tsv'))) {
  throw new Error(`The BPMN corpus was not found at ${corpusDir} (no CATALOG.tsv). Set BPMN_CORPUS_DIR to its folder.`);
}

/** What this importer must do with the corpus today. Change only with a reason. */
const EXPECTED = { imported: 145, roundTripped: 145, rejected: 4 };

// ---------------------------------------------------------------------------------------
// The catalog

type CatalogRow = Record<string, string> & { file: string; well_formed: string; element_types: string; notes: string };

function readCatalog(): CatalogRow[] {
  const [header, ...rows] = fs.readFileSync(path.join(corpusDir, 'CATALOG.tsv'), 'utf8').split('\n').filter(Boolean);
  const names = header.split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((v, i) => [names[i], v])) as CatalogRow);
}

function filesOnDisk(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const child = path.posix.join(rel, entry.name);
    if (entry.isDirectory()) return entry.name === 'LICENSES' || entry.name === 'png' ? [] : filesOnDisk(dir, child);
    return /\.(bpmn|xml)$/.test(entry.name) ? [child] : [];
  });
}

/** The error code a file must be refused with, from the catalog; undefined when it must import. */
function expectedRejection(row: CatalogRow): string | undefined {
  if (row.well_formed !== 'yes') return 'xml-not-well-formed';
  if (/negative test: duplicate ids/.test(row.notes)) return 'duplicate-id';
  if (/negative test: boundaryEvent without attachedToRef/.test(row.notes)) return 'boundary-not-attached';
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Normalised views of a model, for comparing an import with its re-import

const byKey = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

function flatLanes(lanes: Lane[]): Lane[] {
  return lanes.flatMap((l) => [l, ...flatLanes(l.childLanes)]);
}

/** Everything in the model that carries `extensions`/`attrs`, keyed `kind:id`. */
type Carrier = { extensions?: XmlElement[]; attrs?: Record<string, string> };

function carriers(m: BpmnModel): ReadonlyArray<readonly [string, Carrier]> {
  const lanes = m.processes.flatMap((p) => p.laneSets.flatMap((s) => flatLanes(s.lanes)));
  const c = m.collaboration;
  const g = m.globals;
  return [
    ['definitions', m.definitions],
    ...m.processes.map((p) => [`process:${p.id}`, p] as const),
    ...m.elements.map((e) => [`element:${e.id}`, e] as const),
    ...m.elements.flatMap((e) =>
      'eventDefinitions' in e ? e.eventDefinitions.map((d, i) => [`eventDefinition:${e.id}#${i}`, { extensions: d.extensions, attrs: d.attrs }] as const) : [],
    ),
    ...m.flows.map((f) => [`flow:${f.id}`, f] as const),
    ...m.artifacts.map((a) => [`artifact:${a.id}`, a] as const),
    ...lanes.map((l) => [`lane:${l.id}`, l] as const),
    ...(c ? [[`collaboration:${c.id}`, c] as const] : []),
    ...(c?.participants ?? []).map((p) => [`participant:${p.id}`, p] as const),
    ...(c?.messageFlows ?? []).map((f) => [`messageFlow:${f.id}`, f] as const),
    ...[...g.messages, ...g.errors, ...g.escalations, ...g.signals].map((x) => [`global:${x.id}`, x] as const),
    ...m.diagrams.flatMap((d, i) => [
      ...d.shapes.map((s) => [`shape:${i}:${s.id ?? s.bpmnElement}`, { attrs: { ...s.attrs, ...labelAttrs(s.label) } }] as const),
      ...d.edges.map((e) => [`edge:${i}:${e.id ?? e.bpmnElement}`, { attrs: { ...e.attrs, ...labelAttrs(e.label) } }] as const),
    ]),
  ];
}

function labelAttrs(label: { attrs?: Record<string, string> } | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(label?.attrs ?? {}).map(([k, v]) => [`label:${k}`, v]));
}

/** The structure the brief names: elements, flows, lanes, extensions and unknown attributes. */
function semantics(m: BpmnModel) {
  return {
    elements: byKey(m.elements, (e) => e.id).map((e) => ({ id: e.id, type: e.type, name: e.name })),
    flows: byKey(m.flows, (f) => f.id).map((f) => ({ id: f.id, sourceRef: f.sourceRef, targetRef: f.targetRef, condition: f.condition?.body })),
    lanes: byKey(
      m.processes.flatMap((p) => p.laneSets.flatMap((s) => flatLanes(s.lanes))),
      (l) => l.id,
    ).map((l) => ({ id: l.id, name: l.name, flowNodeRefs: [...l.flowNodeRefs].sort() })),
    extensions: Object.fromEntries(carriers(m).map(([key, c]) => [key, c.extensions ?? []])),
    attrs: Object.fromEntries(carriers(m).map(([key, c]) => [key, c.attrs ?? {}])),
  };
}

/** Diagram geometry differences beyond half a pixel, as readable lines. */
function geometryDifferences(a: BpmnModel, b: BpmnModel): string[] {
  const out: string[] = [];
  const close = (x: number, y: number) => Math.abs(x - y) <= 0.5;
  const sameBounds = (where: string, p?: Bounds, q?: Bounds) => {
    if (!p && !q) return;
    if (!p || !q || !close(p.x, q.x) || !close(p.y, q.y) || !close(p.width, q.width) || !close(p.height, q.height)) {
      out.push(`${where}: ${JSON.stringify(p)} vs ${JSON.stringify(q)}`);
    }
  };
  if (a.diagrams.length !== b.diagrams.length) out.push(`diagrams: ${a.diagrams.length} vs ${b.diagrams.length}`);
  a.diagrams.forEach((d, i) => {
    const other = b.diagrams[i];
    if (!other) return;
    if (d.shapes.length !== other.shapes.length || d.edges.length !== other.edges.length) out.push(`diagram ${i}: shape/edge count`);
    d.shapes.forEach((s, k) => {
      const t = other.shapes[k];
      if (t?.bpmnElement !== s.bpmnElement) return void out.push(`diagram ${i} shape ${k}: ${s.bpmnElement} vs ${t?.bpmnElement}`);
      sameBounds(`shape ${s.bpmnElement}`, s.bounds, t.bounds);
      sameBounds(`label of ${s.bpmnElement}`, s.label?.bounds, t.label?.bounds);
    });
    d.edges.forEach((e, k) => {
      const t = other.edges[k];
      if (t?.bpmnElement !== e.bpmnElement || t.waypoints.length !== e.waypoints.length) {
        return void out.push(`diagram ${i} edge ${k} (${e.bpmnElement}): waypoints differ`);
      }
      e.waypoints.forEach((p, w) => {
        if (!close(p.x, t.waypoints[w].x) || !close(p.y, t.waypoints[w].y)) out.push(`edge ${e.bpmnElement} waypoint ${w}`);
      });
      sameBounds(`label of ${e.bpmnElement}`, e.label?.bounds, t.label?.bounds);
    });
  });
  return out;
}

/** The whole model with list order and namespace prefixes (which export may change) taken out. */
function everything(m: BpmnModel) {
  return {
    ...m,
    definitions: { ...m.definitions, namespaces: {} },
    elements: byKey(m.elements, (e) => e.id),
    flows: byKey(m.flows, (f) => f.id),
    artifacts: byKey(m.artifacts, (a) => a.id),
  };
}

/** The catalog's element names this test counts in a model (all that the model types). */
const COUNTED = new Set([
  ...['startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent'],
  ...['task', 'manualTask', 'userTask', 'scriptTask', 'serviceTask', 'sendTask', 'businessRuleTask', 'receiveTask', 'callActivity'],
  ...['subProcess', 'transaction', 'adHocSubProcess'],
  ...['exclusiveGateway', 'inclusiveGateway', 'complexGateway', 'parallelGateway', 'eventBasedGateway'],
  ...['message', 'timer', 'signal', 'error', 'escalation', 'compensate', 'conditional', 'link', 'terminate', 'cancel'].map((k) => `${k}EventDefinition`),
  ...['textAnnotation', 'association', 'group', 'dataObject', 'dataObjectReference', 'dataStoreReference'],
  ...['sequenceFlow', 'process', 'lane', 'collaboration', 'participant', 'messageFlow', 'message', 'error', 'escalation', 'signal'],
]);

/** Element counts per catalog name (`task`, `sequenceFlow`, `timerEventDefinition`...). */
function counts(m: BpmnModel): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (key: string, n = 1) => (out[key] = (out[key] ?? 0) + n);
  for (const e of m.elements) {
    add(e.type);
    if ('eventDefinitions' in e) for (const d of e.eventDefinitions) add(`${d.kind}EventDefinition`);
  }
  for (const a of m.artifacts) add(a.type);
  add('sequenceFlow', m.flows.length);
  add('process', m.processes.length);
  add('lane', m.processes.flatMap((p) => p.laneSets.flatMap((s) => flatLanes(s.lanes))).length);
  add('collaboration', m.collaboration ? 1 : 0);
  add('participant', m.collaboration?.participants.length ?? 0);
  add('messageFlow', m.collaboration?.messageFlows.length ?? 0);
  add('message', m.globals.messages.length);
  add('error', m.globals.errors.length);
  add('escalation', m.globals.escalations.length);
  add('signal', m.globals.signals.length);
  // Root elements kept as JSON (a second collaboration, a global event definition) count too.
  const visit = (v: JsonValue): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    if (typeof v.$type === 'string' && v.$type.startsWith('bpmn:')) add(v.$type.charAt(5).toLowerCase() + v.$type.slice(6));
    Object.values(v).forEach(visit);
  };
  m.globals.other.forEach(visit);
  return Object.fromEntries(Object.entries(out).filter(([k]) => COUNTED.has(k)));
}

function catalogCounts(row: CatalogRow): Record<string, number> {
  const listed = Object.fromEntries(
    row.element_types
      .split(' ')
      .filter(Boolean)
      .map((kv) => [kv.split(':')[0], Number(kv.split(':')[1])]),
  );
  return Object.fromEntries([...COUNTED].filter((k) => listed[k] !== undefined).map((k) => [k, listed[k]]));
}

// ---------------------------------------------------------------------------------------

const tally = { imported: 0, roundTripped: 0, rejected: 0 };
const catalog = readCatalog();

describe('BPMN corpus', () => {
  it('given the corpus folder, when listed, then the catalog names every file and nothing else', () => {
    expect(filesOnDisk(corpusDir).sort()).toEqual(catalog.map((r) => r.file).sort());
  });

  describe.each(catalog.map((row) => [row.file, row] as const))('%s', (file, row) => {
    const rejection = expectedRejection(row);

    if (rejection) {
      it(`given a deliberately invalid file, when imported, then it is refused (${rejection}) with a reason`, async () => {
        const result = await importBpmn(decodeBpmnBytes(fs.readFileSync(path.join(corpusDir, file))));
        expect(result.ok).toBe(false);
        const error = result.ok ? undefined : result.findings.find((f) => f.severity === 'error');
        expect(error?.code).toBe(rejection);
        expect(error?.message.length).toBeGreaterThan(20);
        tally.rejected++;
      });
      return;
    }

    it('given the file, when imported, exported and re-imported, then nothing that matters changed', async () => {
      const xml = decodeBpmnBytes(fs.readFileSync(path.join(corpusDir, file)));
      const first = await importBpmn(xml);
      if (!first.ok) expect.fail(first.findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
      tally.imported++;
      const found = Object.fromEntries(Object.entries(counts(first.model)).filter(([, n]) => n > 0));
      expect(found, 'element counts against CATALOG.tsv').toEqual(catalogCounts(row));
      const shapes = first.model.diagrams.reduce((n, d) => n + d.shapes.length, 0);
      const edges = first.model.diagrams.reduce((n, d) => n + d.edges.length, 0);
      expect(`${shapes}/${edges}/${first.model.diagrams.length}`, 'DI shapes/edges/diagrams').toBe(`${row.di_shapes}/${row.di_edges}/${row.di_diagrams}`);

      const exported = await exportBpmn(first.model);
      const second = await importBpmn(exported);
      if (!second.ok) expect.fail(second.findings.map((f) => `${f.code}: ${f.message}`).join('\n'));

      expect(semantics(second.model)).toEqual(semantics(first.model));
      expect(geometryDifferences(first.model, second.model)).toEqual([]);
      expect(everything(second.model)).toEqual(everything(first.model));

      const before = await new BpmnModdle().fromXML(xml);
      const after = await new BpmnModdle().fromXML(exported);
      const meaningful = (ws: { message: string }[]) => ws.filter((w) => !w.message.startsWith('unsupported document encoding'));
      if (meaningful(before.warnings).length === 0) expect(after.warnings.map((w) => w.message)).toEqual([]);
      tally.roundTripped++;
    });
  });

  afterAll(() => {
    console.log(`corpus: ${tally.imported} imported, ${tally.roundTripped} round-tripped, ${tally.rejected} rejected with reason`);
  });

  it('given the whole corpus, when every file has been run, then the counts are exactly the expected ones', () => {
    expect(tally).toEqual(EXPECTED);
  });
});

describe('the standard bench process', () => {
  it('given bench.bpmn (zeebe extensions), when round-tripped, then zeebe script and job type are typed fields and survive', async () => {
    const xml = decodeBpmnBytes(fs.readFileSync(benchFile));
    const first = await importBpmn(xml);
    if (!first.ok) expect.fail(JSON.stringify(first.findings));
    const second = await importBpmn(await exportBpmn(first.model));
    if (!second.ok) expect.fail(JSON.stringify(second.findings));
    for (const { model } of [first, second]) {
      const byId = Object.fromEntries(model.elements.map((e) => [e.id, e]));
      expect(byId.score).toMatchObject({ type: 'scriptTask', expression: '=amount / 10', resultVariable: 'score' });
      expect(byId.high).toMatchObject({ type: 'scriptTask', expression: '="high"', resultVariable: 'band' });
      for (const id of ['t1', 't2', 't3']) expect(byId[id]).toMatchObject({ type: 'serviceTask', job: { type: 'noop' } });
      expect(byId.route).toMatchObject({ type: 'exclusiveGateway', default: 'fLow' });
      expect(model.flows.find((f) => f.id === 'fHigh')?.condition?.body).toBe('=score > 50');
    }
    expect(everything(second.model)).toEqual(everything(first.model));
  });
});
