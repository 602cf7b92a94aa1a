/**
 * bpmn-moddle's parse errors and warnings -> import findings in plain words.
 *
 * Unresolved references: a QName reference into the document's own namespace (`tns:Message_1`)
 * is resolved here (bpmn-moddle matches ids literally). Others stay unresolved and are recorded
 * (UnresolvedRefs) so the model keeps the id as written. They are errors, except where nothing
 * depends on them: diagram (DI) references, the derived incoming/outgoing lists, lane membership,
 * and QNames into another namespace (a reference to an imported definition) — those are warnings.
 */
import type { ModdleElement, ParseResult, ParseWarning } from 'bpmn-moddle';
import type { Finding } from '../findings';
import { localName, nearestId } from './moddle';
import type { UnresolvedRefs } from './read-context';

type Position = { line?: number; column?: number };

export function importFinding(
  severity: Finding['severity'],
  code: string,
  message: string,
  where: { elementId?: string } & Position = {},
): Finding {
  return {
    level: 'import',
    severity,
    code,
    message,
    ...(where.elementId !== undefined ? { elementId: where.elementId } : {}),
    ...(where.line !== undefined ? { line: where.line } : {}),
    ...(where.column !== undefined ? { column: where.column } : {}),
  };
}

/** bpmn-moddle reports `line: N` / `column: M` counted from 0; findings count from 1. */
function positionIn(message: string): Position {
  const line = /line: (\d+)/.exec(message)?.[1];
  const column = /column: (\d+)/.exec(message)?.[1];
  return {
    ...(line !== undefined ? { line: Number(line) + 1 } : {}),
    ...(column !== undefined ? { column: Number(column) + 1 } : {}),
  };
}

function nestedError(message: string): string {
  return /nested error: (.*)$/m.exec(message)?.[1]?.trim() ?? message.split('\n')[0];
}

/** The error fromXML rejects with -> findings (not well-formed, or not a BPMN document). */
export function rejectionFindings(error: unknown): Finding[] {
  const message = error instanceof Error ? error.message : String(error);
  if (/failed to parse document as <bpmn:Definitions>/.test(message)) {
    const warnings = (error as { warnings?: ParseWarning[] }).warnings ?? [];
    const first = warnings[0]?.message ?? '';
    const what = /unparsable content <([^>\s]+)/.exec(first)?.[1];
    return [
      importFinding(
        'error',
        'no-definitions',
        `This is not a BPMN 2.0 document: its root element${what ? ` <${what}>` : ''} is not <definitions> in the BPMN 2.0 namespace (${'http://www.omg.org/spec/BPMN/20100524/MODEL'}).`,
        positionIn(first),
      ),
    ];
  }
  const pos = positionIn(message);
  return [importFinding('error', 'xml-not-well-formed', `The file is not well-formed XML${where(pos)}: ${nestedError(message)}.`, pos)];
}

function where(pos: Position): string {
  if (pos.line === undefined) return '';
  return pos.column !== undefined ? ` at line ${pos.line}, column ${pos.column}` : ` at line ${pos.line}`;
}

/**
 * The warnings of a successful parse -> findings, resolving own-namespace QName references in
 * place and recording the references that stay unresolved.
 */
export function warningFindings(
  result: ParseResult,
  opts: { declarations: Record<string, string>; targetNamespace?: string },
): { findings: Finding[]; unresolved: UnresolvedRefs } {
  const findings: Finding[] = [];
  const unresolved: UnresolvedRefs = new WeakMap();
  for (const w of result.warnings) {
    const message = w.message ?? '';
    if (message.startsWith('unresolved reference') && w.element && w.property && w.value !== undefined) {
      const f = unresolvedReference(result, w.element, localName(w.property), w.value, opts, unresolved);
      if (f) findings.push(f);
    } else if (message.startsWith('unparsable content')) {
      findings.push(unparsableContent(message));
    } else if (message.startsWith('unknown attribute')) {
      const attr = /unknown attribute <([^>]*)>/.exec(message)?.[1] ?? w.property ?? '?';
      findings.push(
        importFinding('warning', 'unknown-attribute', `Attribute "${attr}" on ${describe(w.element)} is not part of BPMN 2.0; it is kept as it was.`, {
          elementId: nearestId(w.element),
        }),
      );
    } else if (!message.startsWith('unsupported document encoding')) {
      // The encoding warning is moot: the text was decoded before parsing (decodeBpmnBytes).
      findings.push(importFinding('warning', 'xml-warning', message.split('\n')[0], { elementId: nearestId(w.element) }));
    }
  }
  return { findings, unresolved };
}

function unparsableContent(message: string): Finding {
  const pos = positionIn(message);
  const nested = nestedError(message);
  const duplicate = /duplicate ID <([^>]*)>/.exec(nested)?.[1];
  if (duplicate !== undefined) {
    return importFinding('error', 'duplicate-id', `The id "${duplicate}" is used by more than one element${where(pos)}; ids must be unique.`, {
      elementId: duplicate,
      ...pos,
    });
  }
  const element = /unparsable content <([^>\s]+)/.exec(message)?.[1];
  if (/unrecognized element|unexpected element/.test(nested)) {
    return importFinding('warning', 'unknown-element', `<${element ?? '?'}>${where(pos)} is not BPMN 2.0 content that belongs there; it was left out.`, pos);
  }
  return importFinding('error', 'xml-not-well-formed', `The file is not well-formed XML${where(pos)}: ${nested}.`, pos);
}

const HARMLESS_PROPERTIES = new Set(['incoming', 'outgoing', 'flowNodeRef']);

function unresolvedReference(
  result: ParseResult,
  el: ModdleElement,
  property: string,
  value: string,
  opts: { declarations: Record<string, string>; targetNamespace?: string },
  unresolved: UnresolvedRefs,
): Finding | undefined {
  const colon = value.indexOf(':');
  const local = colon > 0 ? value.slice(colon + 1) : undefined;
  const target = local !== undefined ? result.elementsById[local] : undefined;
  if (target) {
    attach(el, property, target);
    return undefined;
  }
  const byProperty = unresolved.get(el) ?? new Map<string, string[]>();
  byProperty.set(property, [...(byProperty.get(property) ?? []), value]);
  unresolved.set(el, byProperty);

  const elementId = nearestId(el);
  if (local !== undefined) {
    const uri = opts.declarations[value.slice(0, colon)];
    if (uri !== undefined && uri !== opts.targetNamespace) {
      return importFinding(
        'warning',
        'external-reference',
        `${capitalise(describe(el))} refers to "${value}" (${property}) in another namespace (${uri}); it is kept as written.`,
        { elementId },
      );
    }
  }
  if (el.$type.startsWith('bpmndi:')) {
    return importFinding('warning', 'unresolved-reference', `${capitalise(describe(el))} refers to "${value}", which does not exist; it is kept but draws nothing.`, {
      elementId,
    });
  }
  if (HARMLESS_PROPERTIES.has(property)) {
    return importFinding('warning', 'unresolved-reference', `${capitalise(describe(el))} lists "${value}" (${property}), which does not exist; it is ignored.`, {
      elementId,
    });
  }
  return importFinding('error', 'unresolved-reference', referenceMessage(el, property, value), { elementId });
}

function attach(el: ModdleElement, property: string, target: ModdleElement): void {
  const p = el.$descriptor.propertiesByName[property];
  if (p?.isMany) {
    const list = el.get(property);
    if (Array.isArray(list)) list.push(target);
  } else {
    el.set(property, target);
  }
}

function referenceMessage(el: ModdleElement, property: string, value: string): string {
  const what = capitalise(describe(el));
  if (el.$type === 'bpmn:SequenceFlow' && property === 'targetRef') return `${what} points to "${value}", which does not exist.`;
  if (el.$type === 'bpmn:SequenceFlow' && property === 'sourceRef') return `${what} starts at "${value}", which does not exist.`;
  if (property === 'attachedToRef') return `${what} is attached to "${value}", which does not exist.`;
  if (property === 'default') return `${what} names "${value}" as its default flow, which does not exist.`;
  return `${what} refers to "${value}" (${property}), which does not exist.`;
}

/** `sequence flow "Flow_1"`, `message event definition of "Event_1"`, `diagram shape "S_1"`. */
function describe(el: ModdleElement | undefined): string {
  if (!el) return 'an element';
  const type = humanType(el.$type);
  if (typeof el.id === 'string' && el.id) return `${type} "${el.id}"`;
  const owner = nearestId(el);
  return owner ? `${type} of "${owner}"` : type;
}

function humanType(type: string): string {
  const name = localName(type);
  if (name.startsWith('BPMN')) return `diagram ${name.slice(4).toLowerCase()}`;
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
