/**
 * What the export writers share (the moddle instance, prefixes, the reference table) and the
 * writer of what every element has: extras first (so typed fields win over them), then id, name,
 * documentation, extension elements (Baton's first, then vendor ones) and unknown attributes.
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { JsonValue, XmlElement } from '../model';
import { applyJsonProperties, jsonToElement, type JsonWriteContext } from './moddle-json';
import { writeAttrs, writeExtensionElements } from './xml-element';

export type WriteContext = JsonWriteContext;

export type BaseModel = {
  id?: string;
  name?: string;
  documentation?: string;
  extensions?: XmlElement[];
  attrs?: Record<string, string>;
  extras?: Record<string, JsonValue>;
};

/** Extras keys a writer handles itself rather than as plain meta-model properties. */
const SPECIAL_EXTRAS = new Set(['documentation', 'loopCharacteristics']);

/** Creates `type` and writes the common fields of `m` onto it. */
export function createWithBase(ctx: WriteContext, type: string, m: BaseModel, baton: XmlElement[] = []): ModdleElement {
  const el = ctx.moddle.create(type);
  writeBase(ctx, el, m, baton);
  return el;
}

export function writeBase(ctx: WriteContext, el: ModdleElement, m: BaseModel, baton: XmlElement[] = []): void {
  const extras = m.extras ?? {};
  applyJsonProperties(el, Object.fromEntries(Object.entries(extras).filter(([k]) => !SPECIAL_EXTRAS.has(k))), ctx);
  if (m.id !== undefined) el.set('id', m.id);
  if (m.name !== undefined) el.set('name', m.name);
  const docs = writeDocumentation(ctx, m.documentation, extras.documentation);
  if (docs.length > 0) {
    for (const d of docs) d.$parent = el;
    el.set('documentation', docs);
  }
  const ext = writeExtensionElements([...baton, ...(m.extensions ?? [])], ctx.moddle, ctx.prefixes);
  if (ext) {
    ext.$parent = el;
    el.set('extensionElements', ext);
  }
  writeAttrs(el, m.attrs ?? {}, ctx.prefixes);
  ctx.refs.register(el);
}

/** See readDocumentation: the string is the first entry's text; richer content comes from extras. */
function writeDocumentation(ctx: WriteContext, text: string | undefined, extras: JsonValue | undefined): ModdleElement[] {
  const kept = Array.isArray(extras)
    ? extras.map((j) => jsonToElement(j, ctx)).filter((d): d is ModdleElement => d !== undefined)
    : [];
  if (kept.length > 0) {
    if (text !== undefined) kept[0].set('text', text);
    return kept;
  }
  return text !== undefined ? [ctx.moddle.create('bpmn:Documentation', { text })] : [];
}

/** Sets a reference by id once every element exists (nothing for an empty or missing id). */
export function refer(ctx: WriteContext, el: ModdleElement, property: string, id: string | undefined): void {
  if (id) ctx.refs.defer(el, property, [id], false);
}

export function referMany(ctx: WriteContext, el: ModdleElement, property: string, ids: string[]): void {
  if (ids.length > 0) ctx.refs.defer(el, property, ids, true);
}

/** Sets a property when it has a value; moddle elements get their parent. */
export function setIf(el: ModdleElement, property: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value === 'object' && value !== null && '$type' in value) (value as ModdleElement).$parent = el;
  el.set(property, value);
}
