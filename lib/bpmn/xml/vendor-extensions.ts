/**
 * Camunda 8 (`zeebe:`) extension elements and the simple Camunda 7 (`camunda:`) attributes, read
 * into Baton's ElementSettings. Pure. Namespaces are matched by URI.
 *
 * The vendor content itself stays in the element's `extensions`/`attrs` (it round-trips as it
 * was); this only derives typed settings from it. A value that does not fit Baton's schema is a
 * warning, and that setting is left out.
 */
import type { z } from 'zod';
import type { Finding } from '../findings';
import { AssignmentSchema, IoMappingSchema, JobSettingsSchema, type XmlElement } from '../model';
import { clarkKey } from './namespaces';
import {
  CalledElementSettingsSchema,
  MultiInstanceSettingsSchema,
  ScriptSettingsSchema,
  UserTaskFormSchema,
  mergeSettings,
  type ElementSettings,
} from './element-settings';

export const ZEEBE_NS = 'http://camunda.org/schema/zeebe/1.0';
export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';

/** Where an element's vendor settings can be written. */
export type VendorSource = {
  elementId: string;
  extensions: XmlElement[];
  attrs: Record<string, string>;
  /** Of the element's multiInstanceLoopCharacteristics, if any. */
  loopExtensions: XmlElement[];
  loopAttrs: Record<string, string>;
  /** Of the message the element refers to (zeebe keeps the correlation key there). */
  messageExtensions: XmlElement[];
};

export function readVendorSettings(src: VendorSource): { settings: ElementSettings; findings: Finding[] } {
  const findings: Finding[] = [];
  const parse = <S extends z.ZodType>(schema: S, what: string, raw: Record<string, unknown>): z.infer<S> | undefined => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    findings.push({
      level: 'import',
      severity: 'warning',
      code: 'vendor-extension-unsupported',
      message: `The ${what} of "${src.elementId}" could not be used by Baton (${issue.path.map(String).join('.') || 'value'}: ${issue.message}); it is kept in the file as it was.`,
      elementId: src.elementId,
    });
    return undefined;
  };
  const camunda = readCamunda7(src, parse);
  const zeebe = readZeebe(src, parse);
  return { settings: mergeSettings(camunda, zeebe), findings };
}

type Parse = <S extends z.ZodType>(schema: S, what: string, raw: Record<string, unknown>) => z.infer<S> | undefined;

function zeebe(items: XmlElement[], name: string): XmlElement | undefined {
  return items.find((x) => x.ns === ZEEBE_NS && x.name === name);
}

function zeebeChildren(x: XmlElement | undefined, name: string): XmlElement[] {
  return x ? x.children.filter((c) => c.ns === ZEEBE_NS && c.name === name) : [];
}

function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readZeebe(src: VendorSource, parse: Parse): ElementSettings {
  const ext = src.extensions;
  const s: ElementSettings = {};

  const task = zeebe(ext, 'taskDefinition');
  if (task) {
    const retries = task.attrs.retries;
    const attempts = retries !== undefined && /^\s*\d+\s*$/.test(retries) ? Number(retries) : undefined;
    s.job = parse(JobSettingsSchema, 'zeebe:taskDefinition', {
      type: task.attrs.type,
      retry: attempts !== undefined ? { attempts } : undefined,
    });
  }

  const assignment = zeebe(ext, 'assignmentDefinition');
  const schedule = zeebe(ext, 'taskSchedule');
  const priority = zeebe(ext, 'priorityDefinition');
  if (assignment || schedule || priority) {
    s.assignment = parse(AssignmentSchema, 'zeebe assignment', {
      assignee: assignment?.attrs.assignee,
      candidateGroups: commaList(assignment?.attrs.candidateGroups),
      candidateUsers: commaList(assignment?.attrs.candidateUsers),
      dueDate: schedule?.attrs.dueDate,
      followUpDate: schedule?.attrs.followUpDate,
      priority: priority?.attrs.priority,
    });
  }

  const io = zeebe(ext, 'ioMapping');
  if (io) {
    const mapping = (c: XmlElement) => ({ source: c.attrs.source ?? '', target: c.attrs.target });
    s.ioMapping = parse(IoMappingSchema, 'zeebe:ioMapping', {
      inputs: zeebeChildren(io, 'input').map(mapping),
      outputs: zeebeChildren(io, 'output').map(mapping),
    });
  }

  const called = zeebe(ext, 'calledElement');
  if (called) {
    const propagate = called.attrs.propagateAllChildVariables;
    s.calledElement = parse(CalledElementSettingsSchema, 'zeebe:calledElement', {
      processId: called.attrs.processId,
      propagateAllChildVariables: propagate === undefined ? undefined : propagate === 'true',
    });
  }

  const script = zeebe(ext, 'script');
  if (script) {
    s.script = parse(ScriptSettingsSchema, 'zeebe:script', {
      expression: script.attrs.expression,
      resultVariable: script.attrs.resultVariable,
    });
  }

  const subscription = zeebe(ext, 'subscription') ?? zeebe(src.messageExtensions, 'subscription');
  if (subscription?.attrs.correlationKey !== undefined) s.correlationKey = subscription.attrs.correlationKey;

  const loop = zeebe(src.loopExtensions, 'loopCharacteristics');
  if (loop) {
    s.multiInstance = parse(MultiInstanceSettingsSchema, 'zeebe:loopCharacteristics', {
      collection: loop.attrs.inputCollection,
      elementVariable: loop.attrs.inputElement,
      outputCollection: loop.attrs.outputCollection,
      outputElement: loop.attrs.outputElement,
    });
  }

  const form = zeebe(ext, 'formDefinition');
  if (form?.attrs.formKey !== undefined) {
    s.form = parse(UserTaskFormSchema, 'zeebe:formDefinition', { fields: [], formKey: form.attrs.formKey });
  }
  return s;
}

function readCamunda7(src: VendorSource, parse: Parse): ElementSettings {
  const attr = (name: string) => src.attrs[clarkKey(CAMUNDA_NS, name)];
  const loopAttr = (name: string) => src.loopAttrs[clarkKey(CAMUNDA_NS, name)];
  const s: ElementSettings = {};

  const topic = attr('topic');
  if (attr('type') === 'external' && topic !== undefined) s.job = parse(JobSettingsSchema, 'camunda:topic', { type: topic });

  const names = ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate', 'priority'];
  if (names.some((n) => attr(n) !== undefined)) {
    s.assignment = parse(AssignmentSchema, 'camunda assignment', {
      assignee: attr('assignee'),
      candidateGroups: commaList(attr('candidateGroups')),
      candidateUsers: commaList(attr('candidateUsers')),
      dueDate: attr('dueDate'),
      followUpDate: attr('followUpDate'),
      priority: attr('priority'),
    });
  }

  if (attr('resultVariable') !== undefined) s.script = { resultVariable: attr('resultVariable') };

  const version = attr('calledElementVersion');
  if (version !== undefined && /^\s*\d+\s*$/.test(version)) {
    s.calledElement = parse(CalledElementSettingsSchema, 'camunda:calledElementVersion', { version: Number(version) });
  }

  if (loopAttr('collection') !== undefined || loopAttr('elementVariable') !== undefined) {
    s.multiInstance = parse(MultiInstanceSettingsSchema, 'camunda multi-instance', {
      collection: loopAttr('collection'),
      elementVariable: loopAttr('elementVariable'),
    });
  }

  const formKey = attr('formKey');
  if (formKey !== undefined) s.form = parse(UserTaskFormSchema, 'camunda:formKey', { fields: [], formKey });
  return s;
}
