/**
 * BPMN 2.0 XML -> BpmnModel.
 *
 * Contract
 * - Never throws for bad input: the result is `{ ok: false, findings }` naming what is wrong and
 *   where (element id, line/column when known). Findings are the `import` level of validation:
 *   can the file be read into the model at all (well-formed XML, a definitions root, references
 *   that resolve, unique ids, attached boundary events, valid Baton extensions, size).
 * - On success every element, flow, artifact and diagram of the file is in the model; what the
 *   model does not type is kept (extensions, attrs, extras, globals.other), so exportBpmn gives
 *   back an equivalent file. Warnings (things kept as they were, or left out) come along.
 * - Input is text; decode files with decodeBpmnBytes (encoding declarations) first.
 */
import type { ModdleElement, ParseResult } from 'bpmn-moddle';
import type { z } from 'zod';
import type { Finding } from '../findings';
import { BpmnModelSchema, type BpmnModel, type BpmnModelInput, type Lane, type ProcessSchema } from '../model';
import { readDiagram } from './di';
import { elementToJson, type JsonObject } from './moddle-json';
import { createModdle, ownBoolean, ownElement, ownElements, ownString } from './moddle';
import { importFinding, rejectionFindings, warningFindings } from './parse-findings';
import {
  createReadContext,
  idOf,
  readBase,
  readExtras,
  refId,
  refIds,
  type ReadContext,
} from './read-context';
import { readArtifact, readFlowContent, type FlowContent } from './read-flow-elements';
import { isBatonElement } from './baton-extensions';
import { readAttrs, readExtensionElements } from './xml-element';
import { scanXml } from './xml-scan';

/** Files larger than this are refused before parsing. */
export const MAX_BPMN_BYTES = 5 * 1024 * 1024;

export type ImportResult = { ok: true; model: BpmnModel; warnings: Finding[] } | { ok: false; findings: Finding[] };

export async function importBpmn(xml: string): Promise<ImportResult> {
  try {
    return await importText(xml);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, findings: [importFinding('error', 'import-failed', `The file could not be read: ${reason}`)] };
  }
}

async function importText(input: string): Promise<ImportResult> {
  const bytes = byteLength(input);
  if (bytes > MAX_BPMN_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return refuse([importFinding('error', 'xml-too-large', `The file is ${mb(bytes)} MB; the limit is ${mb(MAX_BPMN_BYTES)} MB.`)]);
  }
  const xml = input.replace(/^\uFEFF/, '');
  if (!xml.trim()) return refuse([importFinding('error', 'xml-not-well-formed', 'The file is empty.')]);

  const moddle = createModdle();
  const known = Object.fromEntries(moddle.getPackages().map((p) => [p.uri, p.prefix]));
  const scan = scanXml(xml, known);
  if (scan.problem) {
    const { message, line, column } = scan.problem;
    return refuse([importFinding('error', 'xml-not-well-formed', message, { line, column })]);
  }

  let parsed: ParseResult;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    return refuse(rejectionFindings(error));
  }
  const root = parsed.rootElement;
  if (!root || root.$type !== 'bpmn:Definitions') {
    return refuse([importFinding('error', 'no-definitions', 'This is not a BPMN 2.0 document: there is no <definitions> root element.')]);
  }

  const targetNamespace = ownString(root, 'targetNamespace');
  const parse = warningFindings(parsed, { declarations: scan.declarations, targetNamespace });
  const ctx = createReadContext({
    moddle,
    aliases: scan.aliases,
    unresolvedRefs: parse.unresolved,
    usedIds: Object.keys(parsed.elementsById),
  });
  const model = readDefinitions(ctx, root, scan.declarations);
  const findings = [...parse.findings, ...ctx.findings];
  if (findings.some((f) => f.severity === 'error')) return refuse(findings);

  const checked = BpmnModelSchema.safeParse(dropUndefined(model));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return refuse([
      ...findings,
      importFinding('error', 'import-failed', `The file could not be read into Baton's model (${issue.path.join('.')}: ${issue.message}).`),
    ]);
  }
  return { ok: true, model: checked.data, warnings: findings };
}

function refuse(findings: Finding[]): ImportResult {
  const order = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return { ok: false, findings: [...findings].sort((a, b) => order(a) - order(b)) };
}

function byteLength(text: string): number {
  // Every UTF-16 unit is at least one UTF-8 byte: only encode when it can matter.
  return text.length > MAX_BPMN_BYTES ? text.length : new TextEncoder().encode(text).length;
}

// ---------------------------------------------------------------------------------------
// Definitions and root elements

type ProcessInput = z.input<typeof ProcessSchema>;
type GlobalsInput = NonNullable<BpmnModelInput['globals']>;

function readDefinitions(ctx: ReadContext, defs: ModdleElement, namespaces: Record<string, string>): BpmnModelInput {
  const roots = ownElements(defs, 'rootElements');
  const globals = readGlobals(ctx, roots);
  const content: FlowContent = { elements: [], flows: [], artifacts: [] };
  const processes = roots.filter((r) => r.$type === 'bpmn:Process').map((p) => readProcess(ctx, p, content));
  const collaborations = roots.filter((r) => r.$type === 'bpmn:Collaboration');
  const collaboration = collaborations[0] ? readCollaboration(ctx, collaborations[0], content) : undefined;
  globals.other?.push(...collaborations.slice(1).map((c) => elementToJson(c, ctx)));
  const extras = readExtras(ctx, defs, ['targetNamespace', 'exporter', 'exporterVersion', 'rootElements', 'diagrams']);
  return {
    definitions: {
      id: idOf(ctx, defs, 'Definitions_1'),
      name: ownString(defs, 'name'),
      targetNamespace: ownString(defs, 'targetNamespace'),
      exporter: ownString(defs, 'exporter'),
      exporterVersion: ownString(defs, 'exporterVersion'),
      namespaces,
      attrs: readAttrs(defs, ctx.aliases),
      extensions: readExtensionElements(defs, ctx.aliases).filter((x) => !isBatonElement(x)),
      ...(Object.keys(extras).length > 0 ? { extras } : {}),
    },
    processes,
    ...(collaboration ? { collaboration } : {}),
    elements: content.elements,
    flows: content.flows,
    artifacts: content.artifacts,
    globals,
    diagrams: ownElements(defs, 'diagrams').map((d) => readDiagram(ctx, d)),
  };
}

/** Messages, errors, escalations, signals; other non-process root elements as JSON. */
function readGlobals(ctx: ReadContext, roots: ModdleElement[]): GlobalsInput {
  const g: Required<GlobalsInput> = { messages: [], errors: [], escalations: [], signals: [], other: [] };
  for (const r of roots) {
    const id = () => idOf(ctx, r);
    switch (r.$type) {
      case 'bpmn:Process':
      case 'bpmn:Collaboration':
        break;
      case 'bpmn:Message': {
        const message = readBase(ctx, r, [], id());
        ctx.messageExtensions.set(message.id, message.extensions);
        g.messages.push(message);
        break;
      }
      case 'bpmn:Error':
        g.errors.push({ ...readBase(ctx, r, ['errorCode'], id()), errorCode: ownString(r, 'errorCode') });
        break;
      case 'bpmn:Escalation':
        g.escalations.push({ ...readBase(ctx, r, ['escalationCode'], id()), escalationCode: ownString(r, 'escalationCode') });
        break;
      case 'bpmn:Signal':
        g.signals.push(readBase(ctx, r, [], id()));
        break;
      default:
        g.other.push(elementToJson(r, ctx));
    }
  }
  return g;
}

function readProcess(ctx: ReadContext, p: ModdleElement, content: FlowContent): ProcessInput {
  const id = idOf(ctx, p);
  const untyped = readFlowContent(ctx, p, id, content);
  const sla = readExtensionElements(p, ctx.aliases).find((x) => isBatonElement(x) && x.name === 'sla');
  return {
    ...readBase(ctx, p, ['isExecutable', 'laneSets', 'flowElements', 'artifacts'], id, untyped),
    isExecutable: ownBoolean(p, 'isExecutable') ?? false,
    ...(sla?.attrs.target !== undefined ? { slaTarget: sla.attrs.target } : {}),
    laneSets: ownElements(p, 'laneSets').map((ls) => ({
      id: ownString(ls, 'id'),
      name: ownString(ls, 'name'),
      lanes: ownElements(ls, 'lanes').map((l) => readLane(ctx, l)),
    })),
  };
}

function readLane(ctx: ReadContext, lane: ModdleElement): Lane {
  const child = ownElement(lane, 'childLaneSet');
  const name = ownString(lane, 'name');
  return {
    id: idOf(ctx, lane),
    ...(name !== undefined ? { name } : {}),
    flowNodeRefs: refIds(ctx, lane, 'flowNodeRef'),
    childLanes: child ? ownElements(child, 'lanes').map((l) => readLane(ctx, l)) : [],
    extensions: readExtensionElements(lane, ctx.aliases).filter((x) => !isBatonElement(x)),
    attrs: readAttrs(lane, ctx.aliases),
  };
}

function readCollaboration(ctx: ReadContext, c: ModdleElement, content: FlowContent): NonNullable<BpmnModelInput['collaboration']> {
  const id = idOf(ctx, c);
  const untypedArtifacts: JsonObject[] = [];
  for (const a of ownElements(c, 'artifacts')) {
    if (['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group'].includes(a.$type)) content.artifacts.push(readArtifact(ctx, a, id));
    else untypedArtifacts.push(elementToJson(a, ctx));
  }
  const untyped: JsonObject = untypedArtifacts.length > 0 ? { artifacts: untypedArtifacts } : {};
  return {
    ...readBase(ctx, c, ['participants', 'messageFlows', 'artifacts'], id, untyped),
    participants: ownElements(c, 'participants').map((p) => ({
      ...readBase(ctx, p, ['processRef'], idOf(ctx, p)),
      processRef: refId(ctx, p, 'processRef'),
    })),
    messageFlows: ownElements(c, 'messageFlows').map((m) => ({
      ...readBase(ctx, m, ['sourceRef', 'targetRef', 'messageRef'], idOf(ctx, m)),
      sourceRef: refId(ctx, m, 'sourceRef') ?? '',
      targetRef: refId(ctx, m, 'targetRef') ?? '',
      messageRef: refId(ctx, m, 'messageRef'),
    })),
  };
}

/** A copy without `undefined` members, so the model is plain JSON. */
function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropUndefined) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
  return out as T;
}
