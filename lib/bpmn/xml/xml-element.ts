/**
 * Vendor content <-> the model's generic `XmlElement` tree and Clark-keyed attribute maps.
 *
 * Reading: bpmn-moddle hands unknown elements over as generic elements (attributes as own
 * string fields, `$children`, `$body`) and unknown attributes in `$attrs`, with prefixes renamed
 * to its parser's aliases; `aliases` (from xml-scan) turns those back into namespace URIs.
 * Writing: the same trees are rebuilt with `moddle.createAny`, prefixes from the PrefixTable.
 */
import type { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type { XmlElement } from '../model';
import { isGenericElement, isModdleElement, XSI_NS } from './moddle';
import { clarkKey, type PrefixTable } from './namespaces';

/** Parser alias -> namespace URI. */
export type Aliases = ReadonlyMap<string, string>;

const INTERNAL_KEYS = new Set(['$type', '$children', '$body', '$parent', '$attrs']);

function isDeclaration(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:');
}

/** `alias:local` or `local` -> Clark key; `elementUri` resolves the element's own alias. */
export function attributeKey(name: string, aliases: Aliases, elementAlias?: { alias: string; uri: string }): string {
  const c = name.indexOf(':');
  if (c < 0) return name;
  const alias = name.slice(0, c);
  const uri = elementAlias && elementAlias.alias === alias ? elementAlias.uri : aliases.get(alias);
  return clarkKey(uri ?? alias, name.slice(c + 1));
}

const XSI_TYPE = `{${XSI_NS}}type`;

/**
 * The unknown attributes of a typed element (`$attrs`), Clark-keyed. Left out: xmlns
 * declarations, and xsi:type (bpmn-moddle has already typed the element by it).
 */
export function readAttrs(el: ModdleElement, aliases: Aliases): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(el.$attrs ?? {})) {
    if (isDeclaration(name)) continue;
    const key = attributeKey(name, aliases);
    if (key !== XSI_TYPE) out[key] = String(value);
  }
  return out;
}

/**
 * A generic moddle element as an XmlElement. Text next to child elements is trimmed.
 *
 * An attribute in the element's own namespace (`<t:a t:b="1"/>`) is keyed by its plain name:
 * bpmn-moddle's writer always writes such attributes without prefix, so this is the form that
 * survives a round-trip. When the plain attribute exists too, the plain one is kept.
 */
export function readXmlElement(el: ModdleElement, aliases: Aliases): XmlElement {
  const ns = el.$descriptor.ns;
  const self = ns.prefix && ns.uri ? { alias: ns.prefix, uri: ns.uri } : undefined;
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(el)) {
    if (INTERNAL_KEYS.has(name) || isDeclaration(name) || value === undefined || typeof value === 'object') continue;
    const key = attributeKey(name, aliases, self);
    const local = ns.uri && key.startsWith(`{${ns.uri}}`) ? key.slice(ns.uri.length + 2) : undefined;
    if (local === undefined) attrs[key] = String(value);
    else if (!(local in attrs) && !(local in el)) attrs[local] = String(value);
  }
  const children = (el.$children ?? []).filter(isModdleElement).map((c) => readXmlElement(c, aliases));
  const raw = typeof el.$body === 'string' ? el.$body : undefined;
  const text = children.length > 0 ? raw?.trim() || undefined : raw;
  return { ns: ns.uri ?? '', name: ns.localName, attrs, children, ...(text !== undefined ? { text } : {}) };
}

/**
 * The extension elements of a typed element, as XmlElements. bpmn-moddle may type an extension
 * element that happens to be in a namespace it knows; such an element is skipped here (it is not
 * vendor content and comes back through the typed model).
 */
export function readExtensionElements(el: ModdleElement, aliases: Aliases): XmlElement[] {
  const ext = el.extensionElements;
  if (!isModdleElement(ext)) return [];
  const values = ext.values;
  if (!Array.isArray(values)) return [];
  return values.filter(isModdleElement).filter(isGenericElement).map((v) => readXmlElement(v, aliases));
}

/** Clark-keyed attributes -> `$attrs` of a typed element (prefixed names). */
export function writeAttrs(target: ModdleElement, attrs: Record<string, string>, prefixes: PrefixTable): void {
  for (const [key, value] of Object.entries(attrs)) target.$attrs[prefixes.qualify(key)] = value;
}

export function writeXmlElement(x: XmlElement, moddle: BpmnModdle, prefixes: PrefixTable): ModdleElement {
  const prefix = prefixes.prefixFor(x.ns);
  const props: Record<string, string> = {};
  for (const [key, value] of Object.entries(x.attrs)) props[prefixes.qualify(key)] = value;
  const el = moddle.createAny(prefix ? `${prefix}:${x.name}` : x.name, x.ns || undefined, props);
  if (x.children.length > 0) {
    el.$children = x.children.map((c) => {
      const child = writeXmlElement(c, moddle, prefixes);
      child.$parent = el;
      return child;
    });
  }
  if (x.text !== undefined) el.$body = x.text;
  return el;
}

/** An `bpmn:ExtensionElements` holding the given trees, or undefined when there are none. */
export function writeExtensionElements(
  items: XmlElement[],
  moddle: BpmnModdle,
  prefixes: PrefixTable,
): ModdleElement | undefined {
  if (items.length === 0) return undefined;
  return moddle.create('bpmn:ExtensionElements', { values: items.map((x) => writeXmlElement(x, moddle, prefixes)) });
}
