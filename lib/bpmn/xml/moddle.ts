/**
 * Small typed access to bpmn-moddle elements. The only module besides the readers/writers that
 * knows how bpmn-moddle stores things: properties the file set are own fields (references own but
 * not enumerable); defaults of the meta-model sit on the prototype and are never reported here.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';

export const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
export const BPMNDI_NS = 'http://www.omg.org/spec/BPMN/20100524/DI';
export const DC_NS = 'http://www.omg.org/spec/DD/20100524/DC';
export const DI_NS = 'http://www.omg.org/spec/DD/20100524/DI';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export function createModdle(): BpmnModdle {
  return new BpmnModdle();
}

export function isModdleElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** True for an element of a namespace bpmn-moddle does not know (a vendor extension element). */
export function isGenericElement(el: ModdleElement): boolean {
  return el.$descriptor?.isGeneric === true;
}

/**
 * The value the file gave for a property, or undefined. A value equal to the meta-model default
 * counts as none: bpmn-moddle does not write it, so treating it as absent keeps round-trips exact.
 */
export function ownValue(el: ModdleElement, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(el, name)) return undefined;
  const value = el[name];
  const p = el.$descriptor?.propertiesByName?.[name];
  const isDefault = p?.default !== undefined && !p.isMany && value !== undefined && String(value) === String(p.default);
  return isDefault ? undefined : value;
}

export function ownString(el: ModdleElement, name: string): string | undefined {
  const v = ownValue(el, name);
  return typeof v === 'string' ? v : undefined;
}

export function ownBoolean(el: ModdleElement, name: string): boolean | undefined {
  const v = ownValue(el, name);
  return typeof v === 'boolean' ? v : undefined;
}

export function ownNumber(el: ModdleElement, name: string): number | undefined {
  const v = ownValue(el, name);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function ownElement(el: ModdleElement, name: string): ModdleElement | undefined {
  const v = ownValue(el, name);
  return isModdleElement(v) ? v : undefined;
}

export function ownElements(el: ModdleElement, name: string): ModdleElement[] {
  const v = ownValue(el, name);
  return Array.isArray(v) ? v.filter(isModdleElement) : [];
}

/** `bpmn:SequenceFlow` -> `SequenceFlow`. */
export function localName(qualified: string): string {
  const i = qualified.indexOf(':');
  return i < 0 ? qualified : qualified.slice(i + 1);
}

/** The nearest element (itself first) that has an id, for naming where a problem is. */
export function nearestId(el: ModdleElement | undefined): string | undefined {
  for (let cur = el; cur; cur = cur.$parent) {
    if (typeof cur.id === 'string' && cur.id) return cur.id;
  }
  return undefined;
}
