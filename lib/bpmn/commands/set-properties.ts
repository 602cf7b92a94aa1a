/**
 * Changing what an element says: its properties (name, settings...), its id (with every
 * reference to it), and the document's messages, errors, escalations and signals.
 *
 * Contract
 * - `setProperties` merges JSON values into one element (`null` removes a property) and parses the
 *   result with the element's own zod schema: a value the schema refuses throws `CommandError`
 *   naming the property, and nothing changes. Structural keys (id, type, parentId, the ends of a
 *   connection, attachedToRef) are refused: renameId, changeType, setContainer and reconnect
 *   change those.
 */
import { z } from 'zod';
import {
  ArtifactSchema,
  CollaborationSchema,
  FlowElementSchema,
  GlobalsSchema,
  LaneSchema,
  ProcessSchema,
  SequenceFlowSchema,
  type BpmnModel,
  type JsonValue,
} from '../model';
import { allIds, allLanes, mapKeep, mapLanesOf } from './model-edit';
import { CommandError, type RenameIdCommand, type SetGlobalCommand, type SetPropertiesCommand } from './types';

const STRUCTURAL_KEYS = new Set(['id', 'type', 'parentId', 'sourceRef', 'targetRef', 'attachedToRef']);
const ParticipantSchema = CollaborationSchema.shape.participants.element;
const MessageFlowSchema = CollaborationSchema.shape.messageFlows.element;

export const BPMN_ID = /^[A-Za-z_][\w.-]*$/;

function merged(item: object, properties: Record<string, JsonValue>): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...item };
  for (const [key, value] of Object.entries(properties)) {
    if (value === null) delete raw[key];
    else raw[key] = value;
  }
  return raw;
}

function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown, id: string): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'value';
  throw new CommandError(`"${id}": ${where} — ${issue?.message ?? 'invalid'}.`);
}

export function setProperties(model: BpmnModel, command: SetPropertiesCommand): BpmnModel {
  const { id, properties } = command;
  const structural = Object.keys(properties).find((key) => STRUCTURAL_KEYS.has(key));
  if (structural) throw new CommandError(`"${structural}" is not changed through properties.`);

  if (model.elements.some((e) => e.id === id)) {
    return { ...model, elements: mapKeep(model.elements, (e) => (e.id === id ? parseOrThrow(FlowElementSchema, merged(e, properties), id) : e)) };
  }
  if (model.flows.some((f) => f.id === id)) {
    return { ...model, flows: mapKeep(model.flows, (f) => (f.id === id ? parseOrThrow(SequenceFlowSchema, merged(f, properties), id) : f)) };
  }
  if (model.artifacts.some((a) => a.id === id)) {
    return { ...model, artifacts: mapKeep(model.artifacts, (a) => (a.id === id ? parseOrThrow(ArtifactSchema, merged(a, properties), id) : a)) };
  }
  if (model.processes.some((p) => p.id === id)) {
    return { ...model, processes: mapKeep(model.processes, (p) => (p.id === id ? parseOrThrow(ProcessSchema, merged(p, properties), id) : p)) };
  }
  const collaboration = model.collaboration;
  if (collaboration?.participants.some((p) => p.id === id)) {
    const participants = mapKeep(collaboration.participants, (p) => (p.id === id ? parseOrThrow(ParticipantSchema, merged(p, properties), id) : p));
    return { ...model, collaboration: { ...collaboration, participants } };
  }
  if (collaboration?.messageFlows.some((m) => m.id === id)) {
    const messageFlows = mapKeep(collaboration.messageFlows, (m) => (m.id === id ? parseOrThrow(MessageFlowSchema, merged(m, properties), id) : m));
    return { ...model, collaboration: { ...collaboration, messageFlows } };
  }
  if (allLanes(model).some(({ lane }) => lane.id === id)) {
    if ('flowNodeRefs' in properties || 'childLanes' in properties) throw new CommandError('Lane members change by moving elements into the lane.');
    return {
      ...model,
      processes: mapKeep(model.processes, (p) => mapLanesOf(p, (lane) => (lane.id === id ? parseOrThrow(LaneSchema, merged(lane, properties), id) : lane))),
    };
  }
  if (model.collaboration?.id === id) {
    const rest = parseOrThrow(CollaborationSchema, merged(model.collaboration, properties), id);
    return { ...model, collaboration: rest };
  }
  throw new CommandError(`There is no element "${id}" whose properties could be set.`);
}

const GLOBAL_SCHEMAS = {
  messages: GlobalsSchema.shape.messages.unwrap().element,
  errors: GlobalsSchema.shape.errors.unwrap().element,
  escalations: GlobalsSchema.shape.escalations.unwrap().element,
  signals: GlobalsSchema.shape.signals.unwrap().element,
};

/** Adds the message (error, escalation, signal) `id`, or sets the name and code of the existing one. */
export function setGlobal(model: BpmnModel, command: SetGlobalCommand): BpmnModel {
  const { collection, id } = command;
  if (!BPMN_ID.test(id)) throw new CommandError(`"${id}" is not a valid BPMN id.`);
  const list: { id: string }[] = model.globals[collection];
  const existing = list.find((g) => g.id === id);
  if (!existing && allIds(model).has(id)) throw new CommandError(`The id "${id}" is already used by another element.`);
  const codeKey = collection === 'errors' ? 'errorCode' : collection === 'escalations' ? 'escalationCode' : undefined;
  const raw: Record<string, unknown> = { extensions: [], attrs: {}, ...existing, id };
  if (command.name !== undefined) {
    if (command.name === '') delete raw.name;
    else raw.name = command.name;
  }
  if (codeKey && command.code !== undefined) {
    if (command.code === '') delete raw[codeKey];
    else raw[codeKey] = command.code;
  }
  const item = parseOrThrow(GLOBAL_SCHEMAS[collection], raw, id);
  const next = existing ? list.map((g) => (g.id === id ? item : g)) : [...list, item];
  return { ...model, globals: { ...model.globals, [collection]: next } };
}

/** Keys whose string values (or string-array values) are references to ids. */
const REFERENCE_KEYS = new Set([
  'id',
  'parentId',
  'attachedToRef',
  'default',
  'sourceRef',
  'targetRef',
  'processRef',
  'bpmnElement',
  'messageRef',
  'errorRef',
  'escalationRef',
  'signalRef',
  'activityRef',
  'flowNodeRefs',
  'notCompleterOf',
  'dataObjectRef',
  'dataStoreRef',
  'categoryValueRef',
]);

/**
 * `value` with every reference to `from` turned into `to`: the same object wherever nothing
 * changed (so a rename patches only what names the element).
 */
export function renameReferences<T>(value: T, from: string, to: string): T {
  return rewrite(value, (id) => (id === from ? to : id));
}

/** As `renameReferences`, for any mapping of ids (unmapped ids stay). */
export function rewrite<T>(value: T, map: (id: string) => string): T {
  if (Array.isArray(value)) {
    const next = mapKeep(value as unknown[], (v) => rewrite(v, map));
    return next as T;
  }
  if (value === null || typeof value !== 'object') return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    let next: unknown = v;
    if (REFERENCE_KEYS.has(key) && typeof v === 'string') next = map(v);
    else if (REFERENCE_KEYS.has(key) && Array.isArray(v)) next = mapKeep(v as unknown[], (item) => (typeof item === 'string' ? map(item) : item));
    else if (typeof v === 'object' && v !== null) next = rewrite(v, map);
    if (next !== v) changed = true;
    out[key] = next;
  }
  return (changed ? out : value) as T;
}

export function renameId(model: BpmnModel, command: RenameIdCommand): BpmnModel {
  const { id, newId } = command;
  if (id === newId) return model;
  if (!BPMN_ID.test(newId)) throw new CommandError(`"${newId}" is not a valid BPMN id: start with a letter or _, then letters, digits, _, - or .`);
  const ids = allIds(model);
  if (!ids.has(id)) throw new CommandError(`There is no element "${id}".`);
  if (ids.has(newId)) throw new CommandError(`The id "${newId}" is already used in this model.`);
  const renamed = renameReferences(model, id, newId);
  // DI ids derived from the element id follow it.
  if (renamed.diagrams === model.diagrams) return renamed;
  return {
    ...renamed,
    diagrams: renamed.diagrams.map((d) => ({
      ...d,
      shapes: mapKeep(d.shapes, (s) => (s.bpmnElement === newId && s.id === `${id}_di` ? { ...s, id: `${newId}_di` } : s)),
      edges: mapKeep(d.edges, (e) => (e.bpmnElement === newId && e.id === `${id}_di` ? { ...e, id: `${newId}_di` } : e)),
    })),
  };
}
