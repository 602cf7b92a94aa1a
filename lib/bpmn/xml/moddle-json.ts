/**
 * Generic moddle <-> JSON, for the BPMN content the model does not type (`extras`,
 * `globals.other`). Driven by `$type` and the bpmn-moddle descriptors, so it knows nothing about
 * particular BPMN elements.
 *
 * JSON form
 * - a typed element: `{ "$type": "bpmn:DataInput", "id": "...", ...properties }`, property names
 *   as in the meta-model; `$attrs` holds its unknown attributes (Clark keys);
 * - a vendor (generic) element: `{ "$xml": XmlElement }`;
 * - a reference: the id (a list of ids for a many-reference). On the way back references are
 *   resolved by id against every element of the exported document (ReferenceTable).
 */
import type { BpmnModdle, ModdleElement, ModdlePropertyDescriptor } from 'bpmn-moddle';
import { XmlElementSchema, type JsonValue } from '../model';
import { isGenericElement, isModdleElement, ownValue } from './moddle';
import { writeAttrs, readAttrs, readXmlElement, writeXmlElement, type Aliases } from './xml-element';
import type { PrefixTable } from './namespaces';

export type JsonObject = { [key: string]: JsonValue };

// ---------------------------------------------------------------------------------------
// Reading

export type JsonReadContext = {
  aliases: Aliases;
  /** Ids a reference of `el` named in the file but that did not resolve (kept as written). */
  unresolved(el: ModdleElement, property: string): string[];
};

/** A moddle element (typed or generic) as JSON. */
export function elementToJson(el: ModdleElement, ctx: JsonReadContext): JsonObject {
  if (isGenericElement(el)) return { $xml: readXmlElement(el, ctx.aliases) };
  const out: JsonObject = { $type: el.$type };
  Object.assign(out, propertiesToJson(el, new Set(), ctx));
  const attrs = readAttrs(el, ctx.aliases);
  if (Object.keys(attrs).length > 0) out.$attrs = attrs;
  return out;
}

/**
 * The properties of `el` the file set, except `consumed` ones and virtual ones, as JSON keyed by
 * property name. This is what a reader stores in `extras` after taking the typed fields.
 */
export function propertiesToJson(el: ModdleElement, consumed: ReadonlySet<string>, ctx: JsonReadContext): JsonObject {
  const out: JsonObject = {};
  for (const p of el.$descriptor.properties ?? []) {
    if (consumed.has(p.name) || p.isVirtual) continue;
    const value = propertyToJson(el, p, ctx);
    if (value !== undefined) out[p.name] = value;
  }
  return out;
}

function propertyToJson(el: ModdleElement, p: ModdlePropertyDescriptor, ctx: JsonReadContext): JsonValue | undefined {
  const value = ownValue(el, p.name);
  // bpmn-moddle does not write a value equal to the meta-model default: it is the same as none.
  if (isDefault(p, value)) return undefined;
  if (p.isReference) {
    const ids = [...toList(value).map(idOf).filter((id): id is string => id !== undefined), ...ctx.unresolved(el, p.name)];
    if (ids.length === 0) return undefined;
    return p.isMany ? ids : ids[0];
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => valueToJson(v, ctx)).filter((v): v is JsonValue => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  return valueToJson(value, ctx);
}

export function isDefault(p: ModdlePropertyDescriptor, value: unknown): boolean {
  return p.default !== undefined && !p.isMany && value !== undefined && String(value) === String(p.default);
}

function valueToJson(value: unknown, ctx: JsonReadContext): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (isModdleElement(value)) return elementToJson(value, ctx);
  return undefined;
}

function toList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function idOf(value: unknown): string | undefined {
  return isModdleElement(value) && typeof value.id === 'string' ? value.id : undefined;
}

// ---------------------------------------------------------------------------------------
// Writing

/** Every element of the document being exported, by id, and the references waiting for them. */
export type ReferenceTable = {
  register(el: ModdleElement): void;
  /** Set `property` of `el` to the element(s) with these ids once all elements exist. */
  defer(el: ModdleElement, property: string, ids: string[], many: boolean): void;
  /** Resolves every deferred reference; an id nothing has is written as it was (a stub). */
  resolveAll(): void;
};

export function createReferenceTable(): ReferenceTable {
  const byId = new Map<string, ModdleElement | { id: string }>();
  const pending: Array<{ el: ModdleElement; property: string; ids: string[]; many: boolean }> = [];
  return {
    register(el) {
      if (typeof el.id === 'string' && el.id && !byId.has(el.id)) byId.set(el.id, el);
    },
    defer(el, property, ids, many) {
      if (ids.length > 0) pending.push({ el, property, ids, many });
    },
    resolveAll() {
      for (const { el, property, ids, many } of pending) {
        const targets = ids.map((id) => byId.get(id) ?? { id });
        el.set(property, many ? targets : targets[0]);
      }
      pending.length = 0;
    },
  };
}

export type JsonWriteContext = {
  moddle: BpmnModdle;
  prefixes: PrefixTable;
  refs: ReferenceTable;
};

/** JSON (as produced by elementToJson) -> a moddle element; undefined when it is not one. */
export function jsonToElement(json: JsonValue, ctx: JsonWriteContext): ModdleElement | undefined {
  if (!isJsonObject(json)) return undefined;
  if ('$xml' in json) {
    const parsed = XmlElementSchema.safeParse(json.$xml);
    return parsed.success ? writeXmlElement(parsed.data, ctx.moddle, ctx.prefixes) : undefined;
  }
  if (typeof json.$type !== 'string') return undefined;
  let el: ModdleElement;
  try {
    el = ctx.moddle.create(json.$type);
  } catch {
    return undefined;
  }
  applyJsonProperties(el, json, ctx);
  if (isJsonObject(json.$attrs)) writeAttrs(el, stringRecord(json.$attrs), ctx.prefixes);
  ctx.refs.register(el);
  return el;
}

/** Sets the properties named in `json` (meta-model names) on `el`; unknown names are skipped. */
export function applyJsonProperties(el: ModdleElement, json: JsonObject, ctx: JsonWriteContext): void {
  for (const [key, value] of Object.entries(json)) {
    if (key.startsWith('$')) continue;
    const p = el.$descriptor.propertiesByName[key];
    if (!p) continue;
    if (p.isReference) {
      ctx.refs.defer(el, p.name, toList(value).filter((v): v is string => typeof v === 'string'), p.isMany === true);
      continue;
    }
    if (p.isMany) {
      const list: JsonValue[] = Array.isArray(value) ? value : [value];
      const items = list.map((v) => jsonToValue(v, ctx)).filter((v) => v !== undefined);
      for (const item of items) if (isModdleElement(item)) item.$parent = el;
      el.set(p.name, items);
      continue;
    }
    const single = jsonToValue(value, ctx);
    if (isModdleElement(single)) single.$parent = el;
    if (single !== undefined) el.set(p.name, single);
  }
}

/** A property bag read by propertiesToJson (plus `$attrs`) laid over an existing element. */
export function applyOverlay(el: ModdleElement, overlay: JsonObject, ctx: JsonWriteContext): void {
  applyJsonProperties(el, overlay, ctx);
  if (isJsonObject(overlay.$attrs)) writeAttrs(el, stringRecord(overlay.$attrs), ctx.prefixes);
}

function jsonToValue(value: JsonValue, ctx: JsonWriteContext): unknown {
  if (value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return jsonToElement(value, ctx);
  if (Array.isArray(value)) return undefined;
  return value;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(obj: JsonObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'string') out[k] = v;
  return out;
}
