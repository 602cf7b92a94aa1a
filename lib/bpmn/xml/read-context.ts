/**
 * What the import readers share: the parsed document's aliases and unresolved references, the
 * findings so far, and the id bookkeeping. Plus the readers of what every element has (id,
 * name, documentation, extensions, attributes, extras).
 */
import type { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type { Finding } from '../findings';
import type { JsonValue, XmlElement } from '../model';
import { isBatonElement, readBatonExtensions } from './baton-extensions';
import type { ElementSettings } from './element-settings';
import { propertiesToJson, elementToJson, type JsonObject, type JsonReadContext } from './moddle-json';
import { isModdleElement, localName, ownElements, ownString, ownValue } from './moddle';
import { readAttrs, readExtensionElements, type Aliases } from './xml-element';

export type ReadContext = JsonReadContext & {
  findings: Finding[];
  /** Every id in the document, so that generated ids never collide. */
  usedIds: Set<string>;
  /** The zeebe/camunda extensions of global messages, by message id. */
  messageExtensions: Map<string, XmlElement[]>;
  /** URI of a namespace bpmn-moddle knows, by its prefix (bioc, color...). */
  moddleUri(prefix: string): string | undefined;
};

export type UnresolvedRefs = WeakMap<ModdleElement, Map<string, string[]>>;

export function createReadContext(opts: {
  moddle: BpmnModdle;
  aliases: Aliases;
  unresolvedRefs: UnresolvedRefs;
  usedIds: Iterable<string>;
}): ReadContext {
  return {
    moddleUri: (prefix) => opts.moddle.getPackage(prefix)?.uri,
    aliases: opts.aliases,
    unresolved: (el, property) => opts.unresolvedRefs.get(el)?.get(property) ?? [],
    findings: [],
    usedIds: new Set(opts.usedIds),
    messageExtensions: new Map(),
  };
}

/** The id of a single reference as the file wrote it (resolved or not). */
export function refId(ctx: ReadContext, el: ModdleElement, property: string): string | undefined {
  const v = ownValue(el, property);
  if (isModdleElement(v) && typeof v.id === 'string') return v.id;
  return ctx.unresolved(el, property)[0];
}

export function refIds(ctx: ReadContext, el: ModdleElement, property: string): string[] {
  const v = ownValue(el, property);
  const ids = Array.isArray(v) ? v.filter(isModdleElement).map((x) => x.id).filter((id): id is string => typeof id === 'string') : [];
  return [...ids, ...ctx.unresolved(el, property)];
}

/**
 * The element's id, or a new deterministic one when the file gave none: `hint` if free, else
 * `<hint or Type>_<n>` with the first free n. Readers walk the document in order, so the same
 * file always yields the same ids (and an exported file carries them from then on).
 */
export function idOf(ctx: ReadContext, el: ModdleElement, hint?: string): string {
  if (typeof el.id === 'string' && el.id) return el.id;
  let id = hint && !ctx.usedIds.has(hint) ? hint : undefined;
  for (let n = 1; id === undefined; n++) {
    const candidate = `${hint ?? localName(el.$type)}_${n}`;
    if (!ctx.usedIds.has(candidate)) id = candidate;
  }
  ctx.usedIds.add(id);
  return id;
}

/** Properties every model element reads itself (never in `extras`). */
export const BASE_CONSUMED = ['id', 'name', 'documentation', 'extensionElements'] as const;

export type BaseFields = {
  id: string;
  name?: string;
  documentation?: string;
  extensions: XmlElement[];
  attrs: Record<string, string>;
  extras?: Record<string, JsonValue>;
};

/**
 * id, name, documentation, extensions (Baton's own taken out), attrs and extras of an element.
 * `consumed` names the meta-model properties the caller reads into typed fields; `moreExtras`
 * is what the caller keeps in extras itself (untyped children, a loop's leftovers).
 */
export function readBase(
  ctx: ReadContext,
  el: ModdleElement,
  consumed: readonly string[],
  id: string,
  moreExtras: JsonObject = {},
): BaseFields {
  const extras = { ...readExtras(ctx, el, consumed), ...moreExtras };
  const doc = readDocumentation(ctx, el);
  if (doc.extras !== undefined) extras.documentation = doc.extras;
  return {
    id,
    ...(ownString(el, 'name') !== undefined ? { name: ownString(el, 'name') } : {}),
    ...(doc.text !== undefined ? { documentation: doc.text } : {}),
    extensions: readExtensionElements(el, ctx.aliases).filter((x) => !isBatonElement(x)),
    attrs: readAttrs(el, ctx.aliases),
    ...(Object.keys(extras).length > 0 ? { extras } : {}),
  };
}

/** The meta-model properties of `el` not in `consumed` (nor in BASE_CONSUMED), as JSON. */
export function readExtras(ctx: ReadContext, el: ModdleElement, consumed: readonly string[]): JsonObject {
  return propertiesToJson(el, new Set([...BASE_CONSUMED, ...consumed]), ctx);
}

/**
 * The model keeps documentation as one string. A single plain `<documentation>` is exactly that;
 * anything richer (several, a textFormat, an id) is also kept whole in `extras.documentation`,
 * and the string is the first text (export puts the string back into the first entry).
 */
function readDocumentation(ctx: ReadContext, el: ModdleElement): { text?: string; extras?: JsonValue } {
  const docs = ownElements(el, 'documentation');
  if (docs.length === 0) return {};
  const text = ownString(docs[0], 'text') ?? '';
  const plain = docs.length === 1 && ownValue(docs[0], 'textFormat') === undefined && ownValue(docs[0], 'id') === undefined;
  return plain ? { text } : { text, extras: docs.map((d) => elementToJson(d, ctx)) };
}

/** Baton's own settings of an element, with their findings added to the context. */
export function readBatonSettings(ctx: ReadContext, el: ModdleElement, elementId: string): ElementSettings {
  const all = readExtensionElements(el, ctx.aliases);
  const { settings, findings, unknown } = readBatonExtensions(all, elementId);
  ctx.findings.push(...findings);
  for (const x of unknown) {
    ctx.findings.push({
      level: 'import',
      severity: 'warning',
      code: 'baton-extension-unknown',
      message: `<baton:${x.name}> on "${elementId}" is not a Baton setting this version knows; it was left out.`,
      elementId,
    });
  }
  return settings;
}
